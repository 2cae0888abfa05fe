import Foundation
import NetFramesFiles

/// Joins the manifest parts that shards wrote into one folder into the whole run's
/// manifest, checking that every frame is there and intact.
public enum ManifestAssembly {
    /// What is missing from a folder's parts, said precisely.
    public struct Missing: Error, CustomStringConvertible, Sendable {
        /// The folder the shards wrote into.
        public var folder: String
        /// Frame numbers (from 1) with no entry, as ranges.
        public var frames: [ClosedRange<Int>]
        /// Frames listed but whose file is gone or changed.
        public var damaged: [String]
        /// Parts of the expected shard split that were never written, e.g. "manifest.part-2-of-4.json".
        public var absentParts: [String]

        /// Every gap, in words: frames missing, files damaged, parts absent, and which shards to run again.
        public var description: String {
            var lines: [String] = []
            if !frames.isEmpty {
                let count = frames.reduce(0) { $0 + $1.count }
                let list = frames.prefix(8).map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }
                lines.append("\(count) frame\(count == 1 ? " is" : "s are") missing: \(list.joined(separator: ", "))"
                    + (frames.count > 8 ? ", …" : ""))
            }
            if !absentParts.isEmpty {
                lines.append("no \(absentParts.joined(separator: ", ")): those shards did not finish; run them again "
                    + "(with the same --shard) and assemble again")
            }
            if !damaged.isEmpty {
                lines.append("\(damaged.count) frame file\(damaged.count == 1 ? " is" : "s are") missing or changed "
                    + "since it was written: \(damaged.prefix(5).joined(separator: ", "))"
                    + (damaged.count > 5 ? ", …" : "") + "; render them again")
            }
            return "\(folder): " + lines.joined(separator: "; ")
        }
    }

    /// Whether `folder` holds shard parts waiting to be joined.
    public static func hasParts(_ folder: String) -> Bool {
        partNames(folder).isEmpty == false
    }

    /// Joins the parts in `folder` into `manifest.json` and removes the parts.
    ///
    /// - Parameter verify: also check every frame file's digest (reads every file).
    /// - Throws: `Missing` naming the frames, parts and files that are not there; nothing
    ///   is written or removed then. `NetFramesError` for a part that cannot be read.
    @discardableResult
    public static func join(_ folder: String, verify: Bool = true) throws -> FrameManifest {
        let names = partNames(folder)
        var whole: FrameManifest?
        var shardCounts = Set<Int>()
        var byIndex: [Int: FrameManifest.Entry] = [:]
        var present = Set<String>()
        for name in names {
            let part = try FrameManifest(contentsOf: folder + "/" + name)
            if let whole, whole.totalFrames != part.totalFrames || whole.format != part.format
                || whole.runName != part.runName || whole.width != part.width || whole.height != part.height
                || whole.scale != part.scale {
                throw NetFramesError(.badInput, path: folder + "/" + name, message: "belongs to another render "
                    + "(\(part.runName), \(part.totalFrames) \(part.format.rawValue) frames) than the other parts "
                    + "(\(whole.runName), \(whole.totalFrames) \(whole.format.rawValue) frames); remove the stale parts")
            }
            if whole == nil {
                whole = FrameManifest(runName: part.runName, format: part.format, width: part.width, height: part.height,
                                      scale: part.scale, totalFrames: part.totalFrames)
            }
            for entry in part.entries { byIndex[entry.index] = entry }
            present.insert(name)
            if let count = partCount(name) { shardCounts.insert(count) }
        }
        guard var manifest = whole else {
            throw NetFramesError(.badInput, path: folder, message: "holds no manifest parts (manifest.part-K-of-N.json) to assemble")
        }
        var missing: [ClosedRange<Int>] = []
        var runStart: Int?
        for index in 1...max(1, manifest.totalFrames) where manifest.totalFrames > 0 {
            if byIndex[index] == nil {
                if runStart == nil { runStart = index }
            } else if let start = runStart {
                missing.append(start...(index - 1))
                runStart = nil
            }
        }
        if let start = runStart { missing.append(start...manifest.totalFrames) }
        var absent: [String] = []
        for count in shardCounts.sorted() {
            for k in 1...count where !present.contains("manifest.part-\(k)-of-\(count).json") {
                absent.append("manifest.part-\(k)-of-\(count).json")
            }
        }
        let entries = byIndex.keys.sorted().map { byIndex[$0]! }
        let damaged = verify ? entries.filter { ContentDigest.sha256(file: folder + "/" + $0.file) != $0.sha256 }.map(\.file) : []
        if !missing.isEmpty || !damaged.isEmpty {
            throw Missing(folder: folder, frames: missing, damaged: damaged, absentParts: missing.isEmpty ? [] : absent)
        }
        manifest.entries = entries
        try AtomicFileWriter.write(Array(manifest.json.utf8), to: folder + "/manifest.json")
        for name in names { unlink(folder + "/" + name) }
        return manifest
    }

    private static func partNames(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("manifest.part-") && $0.hasSuffix(".json") }.sorted()
    }

    /// N of `manifest.part-K-of-N.json`.
    private static func partCount(_ name: String) -> Int? {
        guard let of = name.range(of: "-of-"), let dot = name.range(of: ".json", options: .backwards) else { return nil }
        return Int(name[of.upperBound..<dot.lowerBound])
    }
}
