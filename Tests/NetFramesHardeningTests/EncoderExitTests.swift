import Foundation
import NetFramesTestSupport
import Testing

/// What EncoderFaultTests (in the animation tests) leaves out: the exit status the README
/// promises, a good video from before left alone, an ffmpeg killed by a signal, and
/// image sequences, which need no ffmpeg at all.
@Suite("ffmpeg faults at the command line")
struct EncoderExitTests {
    static let runFile = """
        name: clip
        network: {layers: [2, 2, 1], seed: 3}
        training: {iterations: 1}
        data: {builtin: xor}
        render: {width: 320, height: 180}
        animation: {fps: 10, finalHold: 0.2}
        """

    static func script(_ text: String, named name: String, in scratch: TemporaryFolder) throws -> String {
        try writeScript(text, to: scratch.file(name))
    }

    @Test("ffmpeg dying mid-stream, killed, or missing: exit 1, one line saying which, and the good video from before kept",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg")))
    func failuresKeepTheEarlierVideo() throws {
        let scratch = try TemporaryFolder("encoder-exit")
        try scratch.write("clip.yaml", Self.runFile)
        let good = try netframes(["render", "clip.yaml", "--format", "mp4", "--out", "out", "--quiet"], in: scratch)
        #expect(good.status == 0, "\(good.stderr)")
        let video = try #require(FileManager.default.contents(atPath: scratch.file("out/clip.mp4")))

        let dying = try Self.script("#!/bin/sh\nhead -c 100000 >/dev/null\necho \"stand-in gave up\" >&2\nexit 1\n",
                                    named: "dying-ffmpeg", in: scratch)
        let killed = try Self.script("#!/bin/sh\nhead -c 100000 >/dev/null\nkill -9 $$\n", named: "killed-ffmpeg", in: scratch)
        let cases: [(String, String)] = [
            (dying, "ffmpeg stopped with status 1 after"), (killed, "ffmpeg was killed by signal 9 after"),
            (scratch.file("no-such-ffmpeg"), "ffmpeg is not installed (looked in NETFRAMES_FFMPEG="),
        ]
        for (ffmpeg, words) in cases {
            let failed = try netframes(["render", "clip.yaml", "--format", "mp4", "--out", "out", "--quiet"],
                                       in: scratch, extraEnvironment: ["NETFRAMES_FFMPEG": ffmpeg], timeout: 60)
            #expect(failed.status == 1 && !failed.signalled, "\(ffmpeg): \(failed.status) \(failed.stderr)")
            #expect(failed.errorLines.count == 1 && failed.stderr.contains(words), "\(failed.stderr)")
            #expect(FileManager.default.contents(atPath: scratch.file("out/clip.mp4")) == video, "the earlier video changed")
            // The good render's subtitles, chapters and curve stay beside it, and nothing else is left.
            #expect(scratch.names("out") == [".netframes", "clip.chapters.vtt", "clip.curves.csv", "clip.mp4", "clip.srt",
                                             "clip.vtt"],
                    "\(scratch.names("out"))")
        }
    }

    @Test("--animate writes its PNG sequence and prints the assembling command with no ffmpeg installed")
    func sequenceNeedsNoEncoder() throws {
        let scratch = try TemporaryFolder("no-encoder")
        try scratch.write("clip.yaml", Self.runFile)
        let result = try netframes(["render", "clip.yaml", "--format", "png", "--animate", "--out", "frames", "--quiet"],
                                   in: scratch, extraEnvironment: ["NETFRAMES_FFMPEG": scratch.file("no-such-ffmpeg"), "PATH": "/nonexistent"])
        #expect(result.status == 0, "\(result.stderr)")
        let frames = scratch.names("frames").filter { $0.hasPrefix("frame_") }
        // One step of [2, 2, 1] at 10 fps: 2 × (6 + 3) forward, 10 + 3 loss, 2 × (8 + 3) backward, 10 + 3 update, 2 of final hold.
        #expect(frames.count == 18 + 13 + 22 + 13 + 2, "\(frames.count) frames")
        #expect(result.stdout.hasPrefix("ffmpeg -framerate 10 -i frames/frame_%06d.png"), "\(result.stdout)")
    }
}
