import Foundation
import NetFramesFiles
import NetFramesRunFile

extension RunOutcome {
    /// The `format` of an outcome file.
    public static let formatName = "netframes-outcome"
    /// The version of the outcome format this NetFrames writes and reads.
    public static let formatVersion = 1

    /// The outcome as JSON, written as `<name>/outcome.json`: one object whose keys are
    /// `format` ("netframes-outcome"), `version`, then the properties by name. Numbers are
    /// in their shortest exact form; missing values (and a loss that is not finite) are `null`.
    public var json: String {
        var j = JSONText()
        j.raw("{\n  ")
        j.key("format"); j.string(RunOutcome.formatName); j.raw(",\n  ")
        j.key("version"); j.integer(RunOutcome.formatVersion); j.raw(",\n  ")
        writeFields(into: &j, separator: ",\n  ")
        j.raw("\n}\n")
        return String(decoding: j.bytes, as: UTF8.self)
    }

    /// Writes the properties as JSON object members, `separator` between them.
    func writeFields(into j: inout JSONText, separator: StaticString) {
        j.key("name"); j.string(name); j.raw(separator)
        j.key("runFile"); j.string(runFile); j.raw(separator)
        j.key("settings"); j.list(settings) { j, setting in
            j.raw("{"); j.key("key"); j.string(setting.key); j.raw(", "); j.key("value"); j.string(setting.value); j.raw("}")
        }
        j.raw(separator)
        j.key("layers"); j.list(layers) { $0.integer($1) }; j.raw(separator)
        j.key("hidden"); j.string(hidden); j.raw(separator)
        j.key("output"); j.string(output); j.raw(separator)
        j.key("loss"); j.string(loss); j.raw(separator)
        j.key("learningRate"); j.number(learningRate); j.raw(separator)
        j.key("iterations"); j.integer(iterations); j.raw(separator)
        j.key("seed"); if let seed { j.bytes += Array(String(seed).utf8) } else { j.raw("null") }; j.raw(separator)
        j.key("finalLoss"); if let finalLoss { j.number(finalLoss) } else { j.raw("null") }; j.raw(separator)
        j.key("accuracy"); if let accuracy { j.number(accuracy) } else { j.raw("null") }; j.raw(separator)
        j.key("diverged"); if let diverged { j.string(diverged) } else { j.raw("null") }; j.raw(separator)
        j.key("frames"); j.integer(frames); j.raw(separator)
        j.key("files"); j.list(files) { $0.string($1) }; j.raw(separator)
        j.key("thumbnail"); if let thumbnail { j.string(thumbnail) } else { j.raw("null") }
    }

    /// Reads an outcome back from the JSON `json` wrote.
    ///
    /// - Parameter file: the file it came from, named in messages.
    /// - Throws: `NetFramesError` naming the file and what is wrong (not JSON, not an outcome,
    ///   a newer version, a missing or mistyped field).
    public init(json: String, file: String) throws {
        let stored: Stored
        do {
            let header = try JSONDecoder().decode(Header.self, from: Data(json.utf8))
            guard header.format == RunOutcome.formatName else {
                throw NetFramesError(.badInput, path: file, message: "is not a NetFrames run outcome (its format is "
                    + "\(header.format.map { "\"\($0)\"" } ?? "not given"), expected \"\(RunOutcome.formatName)\")")
            }
            guard let version = header.version, version <= RunOutcome.formatVersion else {
                throw NetFramesError(.badInput, path: file, message: header.version == nil
                    ? "lacks \"version\"; an outcome file says which version of the format it is"
                    : "is version \(header.version!) of the outcome format, written by a newer NetFrames; "
                        + "this one reads version \(RunOutcome.formatVersion)")
            }
            stored = try JSONDecoder().decode(Stored.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw NetFramesError(.badInput, path: file, message: RunOutcome.explain(error))
        }
        self.init(name: stored.name, runFile: stored.runFile,
                  settings: stored.settings.map { SweepSetting(key: $0.key, value: $0.value) },
                  layers: stored.layers, hidden: stored.hidden, output: stored.output, loss: stored.loss,
                  learningRate: stored.learningRate, iterations: stored.iterations, seed: stored.seed,
                  finalLoss: stored.finalLoss, accuracy: stored.accuracy, diverged: stored.diverged,
                  frames: stored.frames, files: stored.files, thumbnail: stored.thumbnail)
    }

    /// What the decoder found wrong, in words that name the field.
    private static func explain(_ error: DecodingError) -> String {
        func field(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error {
        case let .keyNotFound(key, context):
            let place = field(context.codingPath + [key])
            return "lacks \"\(place)\"; an outcome file has every field NetFrames writes"
        case let .typeMismatch(_, context) where context.codingPath.isEmpty:
            return "is not a JSON object; an outcome file is one object"
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "\(field(context.codingPath)): expected \(describe(type))"
        case let .dataCorrupted(context) where context.codingPath.isEmpty:
            return "is not valid JSON"
        case let .dataCorrupted(context):
            return "\(field(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "could not be read: \(error)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Double.Type: return "a number"
        case is Int.Type, is UInt64.Type: return "a whole number"
        case is [Any].Type: return "a list"
        default: return "a mapping"
        }
    }

    private struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    private struct Stored: Decodable {
        struct Setting: Decodable {
            var key: String
            var value: String
        }

        var name: String
        var runFile: String
        var settings: [Setting]
        var layers: [Int]
        var hidden: String
        var output: String
        var loss: String
        var learningRate: Double
        var iterations: Int
        var seed: UInt64?
        var finalLoss: Double?
        var accuracy: Double?
        var diverged: String?
        var frames: Int
        var files: [String]
        var thumbnail: String?
    }
}
