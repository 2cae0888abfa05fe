import Foundation
import Testing
import NetFramesFiles
import NetFramesGraphics
import NetFramesTestSupport

/// Output that cannot be written: a read-only folder, a full disk, a path in the way.
/// Each ends in one line naming the path and the system's reason, exit 73, nothing
/// half-written under a final name, and what was there before left whole.
///
/// Tests run as root, so `chmod` stops nothing: a read-only or full disk is a real
/// tmpfs, mounted in a private mount namespace (`unshare -m`) that ends with the shell
/// that made it. Where that is not permitted those tests are skipped, and the writer's
/// own handling of a full disk is still tested through a failing `ByteSink`.
@Suite("disk faults")
struct DiskFaultTests {
    /// Whether this machine lets a test mount a small file system in a namespace of its own.
    static let canMountPrivately: Bool = {
        guard let scratch = try? TemporaryFolder("mount-probe"),
              let result = try? runProcess("/usr/bin/unshare",
                                           ["-m", "/bin/sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\"", scratch.path],
                                           in: scratch.path, timeout: 20)
        else { return false }
        return result.status == 0
    }()

    static let runFile = """
        name: run
        network: {layers: [2, 2, 1], seed: 3}
        training: {iterations: 2}
        data: {builtin: xor}
        animation: {fps: 10, finalHold: 0.2}
        """

    /// Runs `script` with `sh` on a fresh tmpfs of `size` at `$MNT`, as its working folder.
    /// `$NF` is netframes, `$SMALL` and `$BIG` run files (2 and 60 steps), `$SAVE` a folder
    /// outside the tmpfs to copy results into before it goes.
    static func onTmpfs(size: String, _ script: String, in scratch: TemporaryFolder) throws -> ProcessResult {
        try scratch.write("small.yaml", runFile)
        try scratch.write("big.yaml", runFile.replacingOccurrences(of: "iterations: 2", with: "iterations: 60"))
        try FileManager.default.createDirectory(atPath: scratch.file("mnt"), withIntermediateDirectories: true)
        let prologue = "mount -t tmpfs -o size=\(size) tmpfs \"$MNT\" || exit 99; cd \"$MNT\"\n"
        return try runProcess("/usr/bin/unshare", ["-m", "/bin/sh", "-c", prologue + script], in: scratch.path,
                              extraEnvironment: [
            "MNT": scratch.file("mnt"), "NF": try builtProduct("netframes"), "SMALL": scratch.file("small.yaml"),
            "BIG": scratch.file("big.yaml"), "SAVE": scratch.file("saved"),
        ], timeout: 300)
    }

    /// The `@name status` lines a script printed.
    static func statuses(_ output: String) -> [String: Int32] {
        var result: [String: Int32] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("@") {
            let parts = line.dropFirst().split(separator: " ")
            if parts.count == 2 { result[String(parts[0])] = Int32(parts[1]) }
        }
        return result
    }

    @Test("a read-only folder: stills, videos, GIFs, sequences, traces and new folders all fail with 73 and the path",
          .enabled(if: canMountPrivately))
    func readOnlyFolder() throws {
        let scratch = try TemporaryFolder("read-only")
        let result = try Self.onTmpfs(size: "4m", """
            "$NF" render "$SMALL" --out out --quiet --width 320 --height 180 2>/dev/null; echo "@first $?"
            mkdir -p "$SAVE"; cp -a out "$SAVE/before"
            mount -o remount,ro "$MNT" || exit 98
            "$NF" render "$SMALL" --out out --quiet --width 320 --height 180; echo "@stills $?"
            "$NF" render "$SMALL" --format mp4 --out out --quiet --width 320 --height 180; echo "@video $?"
            "$NF" render "$SMALL" --format gif --out out --quiet --width 320 --height 180; echo "@gif $?"
            "$NF" render "$SMALL" --format png --animate --out out --quiet --width 320 --height 180; echo "@animate $?"
            "$NF" record "$SMALL" --out out/trace.jsonl; echo "@record $?"
            "$NF" render "$SMALL" --out fresh/frames --quiet; echo "@fresh $?"
            cp -a out "$SAVE/after"
            """, in: scratch)
        let status = Self.statuses(result.stdout)
        #expect(status["first"] == 0, "\(result.stdout) \(result.stderr)")
        for name in ["stills", "video", "gif", "animate", "record", "fresh"] {
            #expect(status[name] == 73, "\(name): \(result.stdout)")
        }
        // Stills and sequences first write the journal that lets a render resume.
        #expect(result.errorLines == [
            "error: out/.manifest.json.journal: cannot write the render's journal: Read-only file system",
            "error: out/run.mp4: cannot write the video there (Read-only file system)",
            "error: out/run.gif: cannot write the video there (Read-only file system)",
            "error: out/.manifest.json.journal: cannot write the render's journal: Read-only file system",
            "error: out/trace.jsonl: creating a temporary file beside it failed: Read-only file system",
            "error: fresh/frames: cannot create the folder (Read-only file system)",
        ], "\(result.stderr)")
        // The earlier render (its curves.csv too) is exactly as it was.
        let before = try filesBelow(scratch.file("saved/before"), hidden: true)
        let after = try filesBelow(scratch.file("saved/after"), hidden: true)
        #expect(before.count == 15 && before == after, "before \(before.keys.sorted()), after \(after.keys.sorted())")
    }

    @Test("a disk that fills up mid-render: 73 with the path, no partial file, every file left whole",
          .enabled(if: canMountPrivately))
    func fullDisk() throws {
        let scratch = try TemporaryFolder("full")
        let result = try Self.onTmpfs(size: "400k", """
            "$NF" render "$SMALL" --out out --quiet --width 320 --height 180 2>/dev/null; echo "@first $?"
            "$NF" render "$SMALL" --format mp4 --out out --quiet --width 320 --height 180 2>/dev/null; echo "@firstVideo $?"
            mkdir -p "$SAVE"; cp -a out "$SAVE/before"
            "$NF" render "$BIG" --out out --quiet --width 320 --height 180; echo "@stills $?"
            "$NF" render "$BIG" --format mp4 --out out --quiet --width 320 --height 180; echo "@video $?"
            cp -a out "$SAVE/after"
            """, in: scratch)
        let status = Self.statuses(result.stdout)
        #expect(status["first"] == 0 && status["firstVideo"] == 0, "\(result.stdout) \(result.stderr)")
        #expect(status["stills"] == 73 && status["video"] == 73, "\(result.stdout)")
        let lines = result.errorLines
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("error: out/frame_") == true && lines.first?.hasSuffix(
            ".png: writing failed: No space left on device") == true, "\(result.stderr)")
        #expect(lines.last?.hasPrefix("error: out/run.mp4: could not write the video (No space left on device): ffmpeg stopped")
                == true, "\(result.stderr)")
        let before = try filesBelow(scratch.file("saved/before"), hidden: true)
        let after = try filesBelow(scratch.file("saved/after"), hidden: true)
        #expect(!after.keys.contains { $0.contains("partial") }, "\(after.keys.sorted())")
        // The earlier video is untouched, every earlier file is still there, and every
        // frame is a whole PNG (rewritten ones by the second render, whole too).
        #expect(after["run.mp4"] == before["run.mp4"] && before["run.mp4"] != nil)
        #expect(Set(before.keys).isSubset(of: Set(after.keys)), "lost: \(Set(before.keys).subtracting(after.keys))")
        for (name, bytes) in after where name.hasSuffix(".png") {
            let image = try RGBAImage(pngData: [UInt8](bytes))
            #expect(image.width == 320 && image.height == 180, "\(name)")
        }
        // The manifest lists the frames the failed render finished, and they are there.
        let manifestBytes = try #require(after["manifest.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestBytes) as? [String: Any])
        let listed = (manifest["frames"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(!listed.isEmpty && listed.allSatisfy { after[$0] != nil }, "\(listed)")
    }

    @Test("an output path in the way: a file where the folder goes, or a folder where a file goes, gives 73")
    func pathsInTheWay() throws {
        let scratch = try TemporaryFolder("in-the-way")
        try scratch.write("run.yaml", Self.runFile)
        try scratch.write("afile", "mine\n")
        let nested = try netframes(["render", "run.yaml", "--out", "afile/frames", "--quiet"], in: scratch)
        #expect(nested.status == 73 && nested.stderr == "error: afile/frames: cannot create the folder (Not a directory)\n",
                "\(nested.stderr)")
        #expect(try String(contentsOfFile: scratch.file("afile"), encoding: .utf8) == "mine\n")

        // A folder where a frame goes: the frames before it are written, it is not.
        try FileManager.default.createDirectory(atPath: scratch.file("out/frame_000003.png"), withIntermediateDirectories: true)
        try scratch.write("out/.netframes", "made by NetFrames\n")
        let frame = try netframes(["render", "run.yaml", "--out", "out", "--quiet", "--jobs", "1"], in: scratch)
        #expect(frame.status == 73, "\(frame.stderr)")
        #expect(frame.stderr == "error: out/frame_000003.png: moving the finished file into place failed: Is a directory\n")
        #expect(!scratch.names("out").contains { $0.contains("partial") }, "\(scratch.names("out"))")

        // A folder where the video goes.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") else { return }
        try FileManager.default.createDirectory(atPath: scratch.file("video/run.mp4"), withIntermediateDirectories: true)
        try scratch.write("video/.netframes", "made by NetFrames\n")
        let video = try netframes(["render", "run.yaml", "--format", "mp4", "--width", "320", "--height", "180",
                                                "--out", "video", "--quiet"], in: scratch)
        #expect(video.status == 73, "\(video.stderr)")
        #expect(video.stderr == "error: video/run.mp4: could not save the finished video (Is a directory)\n")
        #expect(scratch.names("video") == [".netframes", "run.mp4"])
    }

    /// Takes `limit` bytes, then fails every write as a full disk does.
    final class FillingSink: ByteSink, @unchecked Sendable {
        private let lock = NSLock()
        private var room: Int
        init(room: Int) { self.room = room }

        func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<Int, SystemError> {
            let allowed = lock.withLock { () -> Int in
                let n = min(room, bytes.count)
                room -= n
                return n
            }
            guard allowed > 0 else { return .failure(SystemError(code: ENOSPC)) }
            return SystemByteSink().write(descriptor, UnsafeRawBufferPointer(rebasing: bytes[..<allowed]))
        }
    }

    @Test("the atomic writer on a disk that fills after N bytes: NetFramesError with the path, the old file whole, no temporary left",
          arguments: [0, 1, 4095, 4096, 70_000])
    func writerOnAFillingDisk(room: Int) throws {
        let scratch = try TemporaryFolder("filling")
        let path = scratch.file("frame.png")
        let old = Data("the good frame from before\n".utf8)
        try old.write(to: URL(fileURLWithPath: path))
        let bytes = [UInt8](repeating: 7, count: 100_000)
        #expect(throws: NetFramesError(.cannotWrite, path: path, message: "writing failed: No space left on device")) {
            try AtomicFileWriter.write(bytes, to: path, sink: FillingSink(room: room))
        }
        // Streamed in chunks, the same.
        #expect(throws: NetFramesError(.cannotWrite, path: path, message: "writing failed: No space left on device")) {
            let writer = try AtomicFileWriter(path: path, chunkSize: 4096, sink: FillingSink(room: room))
            for start in stride(from: 0, to: bytes.count, by: 1000) { try writer.write(bytes[start..<(start + 1000)]) }
            try writer.commit()
        }
        #expect(FileManager.default.contents(atPath: path) == old)
        #expect(scratch.names() == ["frame.png"])
        // With room enough it is written whole.
        try AtomicFileWriter.write(bytes, to: path, sink: FillingSink(room: 200_000))
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
    }
}
