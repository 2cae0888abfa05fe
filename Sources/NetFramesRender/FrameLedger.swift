import Foundation
import NetFramesFiles
import NetFramesScene
import NetFramesRun

/// What earlier renders left in a folder, and the journal of this one.
///
/// Before drawing, a render reads every manifest in its folder (the whole run's, shard
/// parts, and journals a killed render left behind) into one entry per frame. A frame
/// is skipped when its recipe matches an entry whose file is still on disk with the
/// recorded digest; anything else is drawn again. While it draws, the render appends each
/// finished batch to a journal, so even a render killed outright (SIGKILL, power loss)
/// leaves a record of the frames it completed.
struct FrameLedger {
    /// The best known entry for each frame number (from 1).
    private(set) var known: [Int: FrameManifest.Entry] = [:]
    let folder: String

    /// Reads the manifests and journals in `folder`; unreadable ones are ignored, because
    /// every entry is checked against its file before it is trusted.
    init(folder: String, format: FrameFormat) {
        self.folder = folder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where name.hasPrefix("manifest") && name.hasSuffix(".json") {
            guard let manifest = try? FrameManifest(contentsOf: folder + "/" + name), manifest.format == format else { continue }
            for entry in manifest.entries { known[entry.index] = entry }
        }
        // Journals are newer than any manifest: a journal exists only while its render runs or after it was killed.
        for name in names where name.hasPrefix(".manifest") && name.hasSuffix(".journal") {
            guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { continue }
            let decoder = JSONDecoder()
            for line in text.split(separator: "\n") {
                // A killed render may leave its last line cut short; that line is skipped.
                if let entry = try? decoder.decode(FrameManifest.Entry.self, from: Data(line.utf8)) {
                    known[entry.index] = entry
                }
            }
        }
    }

    /// The entry for frame `index`, when its recipe is `recipe` and its file is intact.
    func reusable(index: Int, recipe: String, file: String) -> FrameManifest.Entry? {
        guard let entry = known[index], entry.recipe == recipe, entry.file == file, entry.page == nil,
              ContentDigest.sha256(file: folder + "/" + file) == entry.sha256 else { return nil }
        return entry
    }

    /// Entries of earlier renders for frames this render has not reached: still true of their files.
    func untouched(after index: Int, in range: Range<Int>) -> [FrameManifest.Entry] {
        known.values.filter { $0.index > index && range.contains($0.index - 1) }.sorted { $0.index < $1.index }
    }
}

/// An append-only record of finished frames, one JSON line each.
final class ManifestJournal {
    let path: String
    private let descriptor: Int32

    /// Starts a fresh journal at `path` (an old one has already been read into the ledger).
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw NetFramesError(.cannotWrite, path: path, message: "cannot write the render's journal: \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    func append(_ entries: [FrameManifest.Entry]) throws {
        guard !entries.isEmpty else { return }
        var text = ""
        for entry in entries { text += entry.json + "\n" }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw NetFramesError(.cannotWrite, path: path, message: "writing the render's journal failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        bytes.removeAll()
    }

    /// Removes the journal once the manifest holds everything in it.
    func remove() {
        unlink(path)
    }
}
