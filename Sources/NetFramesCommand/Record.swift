import ArgumentParser
import Foundation
import NetFramesEngine
import NetFramesFiles
import NetFramesRunFile
import NetFramesTrace
import NetFramesRender
import NetFramesRun

/// `netframes record`: trains a run and writes its snapshots as JSON Lines.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a run and write every recorded step as a JSON Lines trace.",
        discussion: """
            The first line of the trace holds the run's resolved settings (random initial \
            weights included), so the trace can be replayed; each further line is one \
            snapshot. The last line is always the state after the last iteration. \
            See docs/trace-format.md.

            Examples:
              netframes record examples/two-two-two.yaml
              netframes record examples/xor.yaml --every 100 --out xor.jsonl
            """
    )

    @Argument(help: "The run file (YAML or JSON).")
    var runFile: String

    @Option(name: .shortAndLong, help: "Where to write the trace (default: Output/<run name>/trace.jsonl).")
    var out: String?

    @Option(help: "Record every N-th iteration (the first and last are always kept); overrides the run file's sampling.every.")
    var every: Int?

    @Option(help: "A time-lapse: record about N iterations spaced geometrically from the first to the last; instead of --every.")
    var logFrames: Int?

    @Flag(help: "Replace --out even if it is not a NetFrames trace.")
    var force = false

    @Flag(help: "Accept layer sizes and iteration counts above NetFrames' safety limits.")
    var allowLarge = false

    func validate() throws {
        if let every, every < 1 { throw ValidationError("--every must be 1 or more, not \(every).") }
        if let logFrames, logFrames < 2 {
            throw ValidationError("--log-frames must be 2 or more (step 0 and the last are always recorded), not \(logFrames).")
        }
        if every != nil && logFrames != nil {
            throw ValidationError("--every and --log-frames are two sampling schedules; give one of them.")
        }
    }

    func run() throws {
        try reporting {
            let limits = allowLarge ? Limits.unlimited : Limits()
            var run = try Run.load(path: runFile, limits: limits)
            if let every { run.sampling.every = every }
            if let logFrames { run.sampling.schedule = .log(frames: logFrames) }
            try RenderVolume(run: run, fromCommandLine: every == nil && logFrames == nil ? [] : ["every"])
                .checkTrace(limits: limits)
            let path = try prepareOutput(for: run)
            let writer = try TraceWriter(run: run, path: path)
            var sink = writer
            do {
                try run.train(into: &sink)
            } catch let error as TrainingError {
                // Keep what was recorded before the divergence: it is all valid.
                try writer.finish()
                note("wrote \(writer.count) snapshots before stopping to \(path)")
                throw error
            } catch {
                writer.discard()
                throw error
            }
            try writer.finish()
            let finalLoss = writer.lastLoss.map { String(format: "%.6g", $0) } ?? "none"
            note("recorded \(run.iterations) iteration\(run.iterations == 1 ? "" : "s") of \(run.name) "
                + "(\(writer.count) snapshots) to \(path); loss of the last step: \(finalLoss)")
        }
    }

    private func prepareOutput(for run: Run) throws -> String {
        if let out {
            let manager = FileManager.default
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: out, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    throw NetFramesError(.cannotWrite, path: out, message: "is a folder; --out names the trace file")
                }
                let type = (try? manager.attributesOfItem(atPath: out)[.type]) as? FileAttributeType
                if type != .typeRegular {
                    throw NetFramesError(.cannotWrite, path: out, message: "is not a regular file (a pipe or device); "
                        + "the trace is written under a temporary name and renamed into place, so give a file path")
                }
                if !force && !TraceWriter.isTrace(atPath: out) {
                    throw NetFramesError(.cannotWrite, path: out, message: "exists and is not a NetFrames trace; add --force to replace it")
                }
            }
            let parent = (out as NSString).deletingLastPathComponent
            if !parent.isEmpty && !manager.fileExists(atPath: parent) {
                try OutputFolder.prepare(parent, force: false)
            }
            return out
        }
        let folder = "Output/\(run.name)"
        try OutputFolder.prepare(folder, force: force)
        return folder + "/trace.jsonl"
    }
}
