import Foundation
import Testing
import NetFramesRender
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTimeline

/// `netframes render --format gif` and `netframes demo`, and the run file's
/// `animation:` mistakes, as a user meets them.
@Suite("Animations from the command line")
struct AnimationCommandLineTests {
    @Test("render --format gif writes <out>/<run name>.gif with every planned frame")
    func renderGif() throws {
        try withTemporaryFolder("cli-gif") { folder in
            let runPath = folder.file("whatever.yaml")  // the run's name, not the file's, names the GIF
            try Fixture.small(name: "clever-name", iterations: 1, animation: VideoProbeTests.animation)
                .write(toFile: runPath, atomically: true, encoding: .utf8)
            let out = folder.file("out")
            let result = try netframes(["render", runPath, "--format", "gif", "--out", out, "--quiet"], in: folder)
            #expect(result.status == 0, "exit \(result.status): \(result.stderr)")
            let gif = out + "/clever-name.gif"
            #expect(FileManager.default.fileExists(atPath: gif), "in \(out): \(AnimateSequenceTests.frameNames(in: out))")
            let probe = try Probe(gif)
            #expect(probe.codec == "gif" && probe.width == 320 && probe.height == 180, "\(probe)")
            #expect(probe.frames == VideoProbeTests.expectedFrames, "\(probe)")
            #expect(result.stderr.contains("wrote \(gif) (31 frames, 3.1 s at 10 fps)"), "stderr: \(result.stderr)")
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { !$0.hasPrefix(".netframes") }
            #expect(left.sorted() == ["clever-name.curves.csv", "clever-name.gif"], "\(left)")
        }
    }

    @Test("--fps overrides the run file's frame rate")
    func fpsOverride() throws {
        try withTemporaryFolder("cli-fps") { folder in
            let runPath = folder.file("fps.yaml")
            try Fixture.small(name: "fps", iterations: 1, animation: VideoProbeTests.animation)
                .write(toFile: runPath, atomically: true, encoding: .utf8)
            let out = folder.file("out")
            let result = try netframes(["render", runPath, "--format", "mp4", "--fps", "20", "--out", out, "--quiet"], in: folder)
            #expect(result.status == 0, "exit \(result.status): \(result.stderr)")
            // At 20 fps: forward, loss, backward 0.3 s → 6 frames; update 0.5 → 10; hold 0.1 → 2;
            // final hold 0.5 → 10.
            let expected = 2 * (6 + 2) + (6 + 2) + 2 * (6 + 2) + (10 + 2) + 10  // 62
            let probe = try Probe(out + "/fps.mp4")
            #expect(probe.frames == expected && probe.frameRate == "20/1", "\(probe)")
            #expect(abs(probe.duration - 3.1) <= 0.05 + 1e-6, "\(probe)")
        }
    }

    @Test("demo --quality low writes 12 stills, demo.mp4 and demo.gif of the planned frames")
    func demo() throws {
        try withTemporaryFolder("cli-demo") { folder in
            let out = folder.file("demo")
            let result = try netframes(["demo", "--out", out, "--quiet", "--quality", "low"], in: folder, timeout: 180)
            #expect(result.status == 0, "exit \(result.status): \(result.stderr)")
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            // 2 steps of a [3, 2, 3] network: 2 forward, loss, 2 backward, update = 12 stills.
            let stills = (1...12).map { String(format: "frame_%06d.png", $0) }
            // The MP4's subtitles and chapters lie beside it; the GIF carries none. The stills'
            // curve is curves.csv; the videos' is demo.curves.csv, the one run's curve for both.
            #expect(names == ["curves.csv", "demo.chapters.vtt", "demo.curves.csv", "demo.gif", "demo.mp4", "demo.srt", "demo.vtt"]
                    + stills + ["manifest.json"], "\(names)")
            #expect(try readBytes(out + "/curves.csv") == readBytes(out + "/demo.curves.csv"))
            // 15 fps (low): forward 0.6 s → 9, loss 1 → 15, backward 0.8 → 12, update 1 → 15,
            // hold 0.3 → 4.5 → 5 (rounded half up); final hold 2 s → 30.
            let step = 2 * (9 + 5) + (15 + 5) + 2 * (12 + 5) + (15 + 5)  // 102
            let expected = 2 * step + 30  // 234
            for file in ["demo.mp4", "demo.gif"] {
                let probe = try Probe(out + "/" + file)
                #expect(probe.frames == expected, "\(file): \(probe)")
                #expect(probe.width == 854 && probe.height == 480, "\(file): \(probe)")
                #expect(probe.frameRate == "15/1", "\(file): \(probe)")
                #expect(abs(probe.duration - Double(expected) / 15) <= 1.0 / 15 + 1e-6, "\(file): \(probe)")
            }
            #expect(result.stderr.contains("(234 frames, 15.6 s at 15 fps)"), "stderr: \(result.stderr)")
        }
    }

    // MARK: Run-file mistakes

    /// The fixture with `animation` as its animation section, rendered to a GIF: the
    /// exit status and the one line of standard error.
    func mistake(_ animation: String) throws -> (status: Int32, message: String, outExists: Bool) {
        return try withTemporaryFolder("cli-mistake") { folder in
            let runPath = folder.file("bad.yaml")
            try Fixture.small(name: "bad", iterations: 1, animation: animation).write(toFile: runPath, atomically: true, encoding: .utf8)
            // Named as the user typed it (relative to the working folder), so the message names it so.
            let result = try netframes(["render", "bad.yaml", "--format", "gif", "--out", "out", "--quiet"], in: folder)
            #expect(result.stderr.split(separator: "\n").count == 1, "stderr: \(result.stderr)")
            return (result.status, result.stderr.trimmingCharacters(in: .whitespacesAndNewlines),
                    FileManager.default.fileExists(atPath: folder.file("out")))
        }
    }

    // The fixture's animation section starts on line 12.

    @Test("animation.fps 0 → exit 65 with the file, the field and the allowed range")
    func fpsZero() throws {
        let (status, message, outExists) = try mistake("animation: {fps: 0}")
        #expect(status == 65)
        #expect(message == "error: bad.yaml: animation.fps: must be a frame rate from 1 to 240, found 0 (line 12)", "\(message)")
        #expect(!outExists, "an output folder was made for a bad run file")
    }

    @Test("an unknown easing → exit 65 with did-you-mean")
    func unknownEasing() throws {
        let (status, message, _) = try mistake("animation: {fps: 10, easing: easeInOt}")
        #expect(status == 65)
        #expect(message.hasPrefix("error: bad.yaml: animation.easing: expected one of linear, easeIn, easeOut, easeInOut, smooth, sine"), "\(message)")
        #expect(message.contains("(did you mean 'easeInOut'?)") && message.hasSuffix("(line 12)"), "\(message)")
    }

    @Test("a chapter without iterations that is not the last → exit 65 naming the chapter")
    func openChapterNotLast() throws {
        let (status, message, _) = try mistake("""
            animation:
              fps: 10
              chapters:
                - {detail: full}
                - {every: 2, detail: updates}
            """)
        #expect(status == 65)
        #expect(message.hasPrefix("error: bad.yaml: animation.chapters[0]: needs `iterations`"), "\(message)")
        #expect(message.hasSuffix("(line 15)"), "\(message)")
    }

    @Test("unknown keys in animation: and its durations → exit 65 with the path and did-you-mean")
    func unknownKeys() throws {
        let top = try mistake("animation: {fsp: 10}")
        #expect(top.status == 65)
        #expect(top.message.hasPrefix("error: bad.yaml: animation.fsp: unknown key 'fsp' (did you mean 'fps'?); allowed here: fps, easing"),
                "\(top.message)")
        let nested = try mistake("animation:\n  durations: {forwrd: 0.5}")
        #expect(nested.status == 65)
        #expect(nested.message.hasPrefix("error: bad.yaml: animation.durations.forwrd: unknown key 'forwrd' (did you mean 'forward'?)"),
                "\(nested.message)")
        let chapter = try mistake("animation:\n  chapters:\n    - {iterations: 1, detail: quick}")
        #expect(chapter.status == 65)
        #expect(chapter.message.hasPrefix("error: bad.yaml: animation.chapters[0].detail: expected one of full, updates"),
                "\(chapter.message)")
    }
}
