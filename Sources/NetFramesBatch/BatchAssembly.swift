import Foundation
import NetFramesFiles
import NetFramesRender

/// Joins what the shards of a batch wrote: each run's frame parts, each run's video,
/// and the batch summary over every run.
public enum BatchAssembly {
    /// Runs with nothing to show, said precisely.
    public struct MissingRuns: Error, CustomStringConvertible, Sendable {
        /// The batch folder.
        public var folder: String
        /// The runs without an outcome, with their position (from 1) in the plan.
        public var runs: [(name: String, position: Int)]
        /// Shards whose completion record is absent, e.g. "3/4".
        public var unfinishedShards: [String]
        /// Runs in the batch's plan.
        public var total: Int

        /// The runs and shards, named for the person who runs them again.
        public var description: String {
            let names = runs.prefix(6).map { "\($0.name) (run \($0.position) of \(total))" }.joined(separator: ", ")
            var text = "\(folder): \(runs.count) of \(total) run\(total == 1 ? "" : "s") "
                + "\(runs.count == 1 ? "has" : "have") not finished: \(names)\(runs.count > 6 ? ", …" : "")"
            if !unfinishedShards.isEmpty {
                text += "; shard\(unfinishedShards.count == 1 ? "" : "s") \(unfinishedShards.joined(separator: ", ")) "
                    + "did not finish: run \(unfinishedShards.count == 1 ? "it" : "them") again and assemble again"
            }
            return text
        }
    }

    /// Whether `folder` is a batch folder (it holds `batch.json`).
    public static func isBatch(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: folder + "/" + BatchPlan.fileName)
    }

    /// The completion record a shard of a batch leaves: `batch.part-K-of-N.json`.
    static func partName(_ shard: Shard) -> String {
        "batch.part-\(shard.index + 1)-of-\(shard.count).json"
    }

    /// Joins every run's parts, encodes sharded videos, and writes the summary.
    ///
    /// - Parameter log: told of each step, for the command to print.
    /// - Returns: the summary files written.
    /// - Throws: `MissingRuns` naming the runs and shards that are not done (each run
    ///   that is whole is still joined); `ManifestAssembly.Missing` for a run missing frames.
    public static func assemble(_ folder: String, verify: Bool = true,
                                log: (String) -> Void = { _ in }) throws -> [String] {
        let (names, title) = try BatchPlan.runNames(inPlanAt: folder + "/" + BatchPlan.fileName)
        var outcomes: [RunOutcome] = []
        var missing: [(name: String, position: Int)] = []
        var incomplete: [ManifestAssembly.Missing] = []
        for (i, name) in names.enumerated() {
            let runFolder = folder + "/" + name
            do {
                if ManifestAssembly.hasParts(runFolder) {
                    let manifest = try ManifestAssembly.join(runFolder, verify: verify)
                    log("joined \(manifest.entries.count) frames of \(name)")
                }
                try encodeVideos(in: runFolder, verify: verify, log: log)
            } catch let error as ManifestAssembly.Missing {
                incomplete.append(error)
                missing.append((name, i + 1))
                continue
            }
            let outcomePath = runFolder + "/outcome.json"
            guard let data = FileManager.default.contents(atPath: outcomePath) else {
                missing.append((name, i + 1))
                continue
            }
            outcomes.append(try RunOutcome(json: String(decoding: data, as: UTF8.self), file: outcomePath))
        }
        if !missing.isEmpty {
            if let first = incomplete.first, incomplete.count == missing.count, missing.count == 1 { throw first }
            throw MissingRuns(folder: folder, runs: missing, unfinishedShards: unfinishedShards(folder),
                              total: names.count)
        }
        let files = try BatchSummary.write(outcomes, to: folder, title: title)
        for name in shardRecords(folder) { unlink(folder + "/" + name) }
        log("wrote the summary of \(outcomes.count) runs: \(folder)/index.html")
        return files
    }

    /// Encodes each video whose frames shards rendered, if not done yet.
    static func encodeVideos(in runFolder: String, verify: Bool, log: (String) -> Void) throws {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: runFolder)) ?? []).sorted()
        for name in names where name.hasSuffix(".frames") {
            let frames = runFolder + "/" + name
            guard let plan = try? VideoPlan(contentsOf: frames + "/" + VideoPlan.fileName) else { continue }
            if FileManager.default.fileExists(atPath: runFolder + "/" + plan.video) && !ManifestAssembly.hasParts(frames) {
                continue
            }
            let manifest = ManifestAssembly.hasParts(frames)
                ? try ManifestAssembly.join(frames, verify: verify)
                : try FrameManifest(contentsOf: frames + "/manifest.json")
            let path = try plan.encode(framesFolder: frames, manifest: manifest)
            log("encoded \(manifest.entries.count) frames into \(path)")
        }
    }

    private static func shardRecords(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("batch.part-") && $0.hasSuffix(".json") }.sorted()
    }

    /// Shards of the split the records name whose own record is absent.
    private static func unfinishedShards(_ folder: String) -> [String] {
        let records = Set(shardRecords(folder))
        let counts = Set(records.compactMap { name -> Int? in
            guard let of = name.range(of: "-of-"), let dot = name.range(of: ".json", options: .backwards) else { return nil }
            return Int(name[of.upperBound..<dot.lowerBound])
        })
        var absent: [String] = []
        for count in counts.sorted() {
            for k in 1...count where !records.contains("batch.part-\(k)-of-\(count).json") { absent.append("\(k)/\(count)") }
        }
        return absent
    }
}

extension BatchAssembly.MissingRuns: ExitStatusError {
    /// 75: runs have not finished; run their shards again.
    public var exitStatus: Int32 { 75 }
}
