import Foundation
import NetFramesEngine
import NetFramesFiles
import NetFramesScene
import NetFramesRun

/// What a render wrote: one entry per frame, in order, saved as `manifest.json`.
///
/// Each entry records the frame's *recipe* (a digest of the scene it was drawn from, with
/// the format and scale) and the digest of the file written. A later render of the same
/// folder skips every frame whose recipe is unchanged and whose file still has that
/// digest, so an interrupted or repeated render finishes with the same bytes, drawing
/// only what changed. A shard's render writes a part (`manifest.part-2-of-4.json`)
/// covering its range of frames; `netframes assemble` joins the parts.
public struct FrameManifest: Sendable, Equatable {
    /// One frame: where it is, which moment it shows, and the digests a resumed render checks.
    public struct Entry: Sendable, Equatable, Codable {
        /// The frame's number in the whole run, from 1.
        public var index: Int
        /// The frame's file name, relative to the folder.
        public var file: String
        /// Page number within `file` (1-based) for a single-file PDF; `nil` otherwise.
        public var page: Int?
        /// 0-based index of the step.
        public var iteration: Int
        /// Index of the example the step trained on.
        public var example: Int
        /// Which moment of the step the frame shows.
        public var phase: Phase
        /// The layer just computed (forward) or reached (backward); `nil` otherwise.
        public var layer: Int?
        /// The example's loss, from the loss moment on.
        public var loss: Double?
        /// SHA-256 of the scene, format and scale that produced the frame.
        public var recipe: String
        /// SHA-256 of the file's bytes (of the whole file for a single-file PDF).
        public var sha256: String
        /// The frame's text alternative: what it shows, in plain language (also in the
        /// SVG's `<desc>` and the PNG's `Description`).
        public var alt: String?
        /// The caption's lines, which a video's subtitles are made of.
        public var caption: [String]?

        /// An entry from its fields.
        public init(index: Int, file: String, page: Int? = nil, iteration: Int, example: Int, phase: Phase,
                    layer: Int?, loss: Double?, recipe: String, sha256: String, alt: String? = nil,
                    caption: [String]? = nil) {
            self.alt = alt
            self.caption = caption
            self.index = index
            self.file = file
            self.page = page
            self.iteration = iteration
            self.example = example
            self.phase = phase
            self.layer = layer
            self.loss = loss
            self.recipe = recipe
            self.sha256 = sha256
        }

        /// The entry as one line of JSON.
        public var json: String {
            var j = JSONText(capacity: 256)
            write(into: &j)
            return String(decoding: j.bytes, as: UTF8.self)
        }

        func write(into j: inout JSONText) {
            j.raw("{"); j.key("index"); j.integer(index)
            j.raw(", "); j.key("file"); j.string(file)
            if let page { j.raw(", "); j.key("page"); j.integer(page) }
            j.raw(", "); j.key("iteration"); j.integer(iteration)
            j.raw(", "); j.key("example"); j.integer(example)
            j.raw(", "); j.key("phase"); j.string(phase.rawValue)
            j.raw(", "); j.key("layer"); if let layer { j.integer(layer) } else { j.raw("null") }
            j.raw(", "); j.key("loss"); if let loss, loss.isFinite { j.number(loss) } else { j.raw("null") }
            j.raw(", "); j.key("recipe"); j.string(recipe)
            j.raw(", "); j.key("sha256"); j.string(sha256)
            if let alt { j.raw(", "); j.key("alt"); j.string(alt) }
            if let caption {
                j.raw(", "); j.key("caption"); j.raw("[")
                for (i, line) in caption.enumerated() {
                    if i > 0 { j.raw(", ") }
                    j.string(line)
                }
                j.raw("]")
            }
            j.raw("}")
        }
    }

    /// The run's name.
    public var runName: String
    /// The frames' file format.
    public var format: FrameFormat
    /// Canvas width in scene units.
    public var width: Double
    /// Canvas height in scene units.
    public var height: Double
    /// Pixel density of PNG frames.
    public var scale: Double
    /// Frames in the whole run, whichever part this manifest covers.
    public var totalFrames: Int
    /// The frames this manifest covers, as 0-based positions in the run; all of them
    /// unless it is a shard's part.
    public var range: Range<Int>
    /// The frames, in order.
    public var entries: [Entry] = []

    /// A manifest of `totalFrames` frames covering `range` (all of them when `nil`).
    public init(runName: String, format: FrameFormat, width: Double, height: Double, scale: Double,
                totalFrames: Int, range: Range<Int>? = nil, entries: [Entry] = []) {
        self.runName = runName
        self.format = format
        self.width = width
        self.height = height
        self.scale = scale
        self.totalFrames = totalFrames
        self.range = range ?? 0..<totalFrames
        self.entries = entries
    }

    /// Whether this manifest covers every frame of the run.
    public var isWhole: Bool { range == 0..<totalFrames }

    /// The manifest as JSON text, one frame per line.
    public var json: String {
        var j = JSONText(capacity: 512 + entries.count * 220)
        j.raw("{\n  ")
        j.key("format"); j.string("netframes-frames"); j.raw(",\n  ")
        j.key("version"); j.integer(2); j.raw(",\n  ")
        j.key("run"); j.string(runName); j.raw(",\n  ")
        j.key("frameFormat"); j.string(format.rawValue); j.raw(",\n  ")
        j.key("width"); j.number(width); j.raw(", ")
        j.key("height"); j.number(height); j.raw(", ")
        j.key("scale"); j.number(scale); j.raw(",\n  ")
        j.key("totalFrames"); j.integer(totalFrames); j.raw(", ")
        j.key("firstFrame"); j.integer(range.lowerBound + 1); j.raw(", ")
        j.key("lastFrame"); j.integer(range.upperBound); j.raw(",\n  ")
        j.key("frames"); j.raw("[")
        for (i, e) in entries.enumerated() {
            j.raw(i == 0 ? "\n    " : ",\n    ")
            e.write(into: &j)
        }
        j.raw("\n  ]\n}\n")
        return String(decoding: j.bytes, as: UTF8.self)
    }

    /// Reads a manifest NetFrames wrote.
    ///
    /// - Throws: `NetFramesError` naming the file when it is not a NetFrames manifest.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NetFramesError(.badInput, path: path, message: "cannot be read")
        }
        let file: ManifestFile
        do {
            file = try JSONDecoder().decode(ManifestFile.self, from: data)
        } catch {
            throw NetFramesError(.badInput, path: path, message: "is not a NetFrames manifest (\(DecodingReason.reason(error)))")
        }
        guard file.format == "netframes-frames", file.version == 2 else {
            throw NetFramesError(.badInput, path: path, message: "is a manifest of another kind or version "
                + "(\(file.format) \(file.version)); render the run again to replace it")
        }
        guard let format = FrameFormat(rawValue: file.frameFormat) else {
            throw NetFramesError(.badInput, path: path, message: "names an unknown frame format '\(file.frameFormat)'")
        }
        guard file.firstFrame >= 1, file.lastFrame >= file.firstFrame - 1, file.lastFrame <= file.totalFrames else {
            throw NetFramesError(.badInput, path: path, message: "has frames \(file.firstFrame)…\(file.lastFrame) "
                + "outside the run's \(file.totalFrames)")
        }
        self.init(runName: file.run, format: format, width: file.width, height: file.height, scale: file.scale,
                  totalFrames: file.totalFrames, range: (file.firstFrame - 1)..<file.lastFrame, entries: file.frames)
    }

    /// The file name of the manifest for `range` of `total` frames: `manifest.json` for
    /// the whole run, `manifest.part-K-of-N.json` for shard K (from 1) of N.
    public static func fileName(shard: Shard?) -> String {
        guard let shard, shard.count > 1 else { return "manifest.json" }
        return "manifest.part-\(shard.index + 1)-of-\(shard.count).json"
    }
}

/// Why a JSON file NetFrames wrote could not be decoded, in a person's words.
enum DecodingReason {
    static func reason(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, _): return "no field '\(key.stringValue)'"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
             let DecodingError.dataCorrupted(context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? context.debugDescription : "at \(path.drop { $0 == "." }): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}

/// The manifest as stored, for decoding.
private struct ManifestFile: Decodable {
    var format: String
    var version: Int
    var run: String
    var frameFormat: String
    var width: Double
    var height: Double
    var scale: Double
    var totalFrames: Int
    var firstFrame: Int
    var lastFrame: Int
    var frames: [FrameManifest.Entry]
}
