import Foundation
import Testing
import NetFramesRender
import NetFramesTestSupport

/// A video rendered in shards and assembled is the video one process would have made,
/// byte for byte, whatever --jobs each shard used.
@Suite("Video shards")
struct VideoShardTests {
    @Test("shards + assemble give the unsharded file", arguments: [("gif", "light"), ("webm", "transparent"), ("mp4", "light")])
    func sameVideo(format: String, theme: String) throws {
        try withTemporaryFolder("video-shards") { folder in
            let runPath = folder.file("run.yaml")
            try Fixture.small(name: "sharded", iterations: 1, animation: VideoProbeTests.animation)
                .write(toFile: runPath, atomically: true, encoding: .utf8)
            let common = ["render", runPath, "--format", format, "--theme", theme, "--quiet"]
            let whole = try netframes(common + ["--out", folder.file("whole"), "--jobs", "2"], in: folder)
            #expect(whole.status == 0, "\(whole.stderr)")

            let parts = folder.file("parts")
            for k in [3, 1] {
                let part = try netframes(common + ["--out", parts, "--shard", "\(k)/3", "--jobs", "\(k % 2 + 1)"], in: folder)
                #expect(part.status == 0, "\(part.stderr)")
                #expect(part.stderr.contains("wrote part \(k)/3 of \(parts)/sharded.\(format)"), "\(part.stderr)")
            }
            let early = try netframes(["assemble", parts], in: folder)
            #expect(early.status == 75, "\(early.stderr)")
            #expect(early.stderr.contains("frames are missing: 11–20"), "\(early.stderr)")
            #expect(early.stderr.contains("no manifest.part-2-of-3.json"), "\(early.stderr)")
            #expect(!FileManager.default.fileExists(atPath: "\(parts)/sharded.\(format)"))

            let middle = try netframes(common + ["--out", parts, "--shard", "2/3"], in: folder)
            #expect(middle.status == 0, "\(middle.stderr)")
            let assembled = try netframes(["assemble", parts], in: folder)
            #expect(assembled.status == 0, "\(assembled.stderr)")
            #expect(assembled.stderr.contains("encoded \(VideoProbeTests.expectedFrames) frames"), "\(assembled.stderr)")
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/whole/sharded.\(format)"))
            let b = try Data(contentsOf: URL(fileURLWithPath: "\(parts)/sharded.\(format)"))
            #expect(a.count > 1000 && a == b, "\(a.count) vs \(b.count) bytes")
            // The subtitles and chapters beside it too (a GIF has none).
            for sidecar in format == "gif" ? [] : ["vtt", "srt", "chapters.vtt"] {
                let whole = try String(contentsOfFile: "\(folder.path)/whole/sharded.\(sidecar)", encoding: .utf8)
                let joined = try String(contentsOfFile: "\(parts)/sharded.\(sidecar)", encoding: .utf8)
                #expect(whole.count > 20 && whole == joined, "sharded.\(sidecar) differs")
            }
        }
    }
}
