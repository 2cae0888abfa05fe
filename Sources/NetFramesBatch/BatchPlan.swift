import Foundation
import NetFramesFiles
import NetFramesRender
import NetFramesRunFile
import NetFramesRun

/// One run of a batch and the file it came from.
public struct BatchEntry: Sendable {
    /// The run file's path as given (or as found in a folder).
    public var runFile: String
    /// The run itself, with its name and swept values.
    public var sweep: SweepRun

    /// A run of the batch, from `runFile`.
    public init(runFile: String, sweep: SweepRun) {
        self.runFile = runFile
        self.sweep = sweep
    }

    /// The run's name, which is also its folder's name.
    public var name: String { sweep.name }
}

/// Every run a batch renders, in a fixed order: run files sorted by path, each file's
/// sweep in its own order. The order decides which shard renders which run.
public struct BatchPlan: Sendable {
    /// The runs, in the order shards split them.
    public var entries: [BatchEntry]

    /// A plan of these runs, in this order.
    public init(entries: [BatchEntry]) {
        self.entries = entries
    }

    /// The runs of every run file among `paths` (folders searched for run files).
    ///
    /// - Throws: `RunFileError` for the first run file that is wrong, naming it;
    ///   `NetFramesError` when two runs would share a name (and so a folder).
    public static func load(paths: [String], limits: Limits = Limits()) throws -> BatchPlan {
        var entries: [BatchEntry] = []
        var seen: [String: String] = [:]
        for file in try RunDiscovery.runFiles(in: paths) {
            for sweep in try Run.loadRuns(path: file, limits: limits) {
                if let other = seen[sweep.name] {
                    throw NetFramesError(.badInput, path: file, message: "has a run named '\(sweep.name)', and so has \(other); "
                        + "the runs of a batch need different names, as each gets a folder (set name: in one of them)")
                }
                seen[sweep.name] = file
                entries.append(BatchEntry(runFile: file, sweep: sweep))
            }
        }
        return BatchPlan(entries: entries)
    }

    /// The record of the plan every shard leaves in the batch folder: `batch.json`.
    public static let fileName = "batch.json"

    /// The plan as JSON: the runs' names and files in order, the output format and the
    /// summary's title.
    public func json(format: OutputFormat, title: String) -> String {
        var j = JSONText()
        j.raw("{\n  "); j.key("format"); j.string("netframes-batch")
        j.raw(",\n  "); j.key("version"); j.integer(1)
        j.raw(",\n  "); j.key("title"); j.string(title)
        j.raw(",\n  "); j.key("outputFormat"); j.string(format.rawValue)
        j.raw(",\n  "); j.key("runs"); j.raw("[")
        for (i, entry) in entries.enumerated() {
            j.raw(i == 0 ? "\n    {" : ",\n    {")
            j.key("name"); j.string(entry.name)
            j.raw(", "); j.key("runFile"); j.string(entry.runFile)
            j.raw("}")
        }
        j.raw("\n  ]\n}\n")
        return String(decoding: j.bytes, as: UTF8.self)
    }

    /// The names of the runs a `batch.json` lists, in order, and the summary's title.
    public static func runNames(inPlanAt path: String) throws -> (names: [String], title: String) {
        struct Stored: Decodable {
            struct Run: Decodable { var name: String }
            var format: String
            var title: String
            var runs: [Run]
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NetFramesError(.badInput, path: path, message: "cannot be read; is this the folder a batch wrote?")
        }
        guard let stored = try? JSONDecoder().decode(Stored.self, from: data), stored.format == "netframes-batch" else {
            throw NetFramesError(.badInput, path: path, message: "is not a NetFrames batch plan")
        }
        return (stored.runs.map(\.name), stored.title)
    }
}
