import Foundation
import Testing
import NetFramesRender
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesVideo
import NetFramesRun

/// An ffmpeg that breaks, or is not there: clear errors, quickly, and no files left.
@Suite("ffmpeg faults")
struct EncoderFaultTests {
    /// Reads a little, complains and fails, as an ffmpeg that hits a bad option would.
    static let brokenScript = "#!/bin/sh\nhead -c 1000 >/dev/null; echo \"stand-in broke\" >&2; exit 3\n"

    static func renderer() throws -> AnimationRenderer {
        let run = try Fixture.run(Fixture.small(name: "faulty", iterations: 1, animation: VideoProbeTests.animation))
        return AnimationRenderer(run: run, style: run.render, animation: run.animation)
    }

    static func environment(ffmpeg: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NETFRAMES_FFMPEG"] = ffmpeg
        return env
    }

    @Test("a stand-in ffmpeg that fails gives encoderFailed with its status and words, fast, and leaves no file",
          arguments: [VideoFormat.mp4, .webm, .gif, .mov])
    func brokenEncoder(_ format: VideoFormat) throws {
        try withTemporaryFolder("broken-\(format)") { folder in
            let script = folder.file("fake-ffmpeg")
            try writeScript(Self.brokenScript, to: script)
            let out = folder.file("out")
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
            let renderer = try Self.renderer()
            let path = out + "/faulty.\(format.fileExtension)"
            let env = Self.environment(ffmpeg: script)

            let outcome = try #require(withDeadline(20) {
                try renderer.renderVideo(format: format, to: path, quality: .low, jobs: 2, environment: env)
            }, "renderVideo with a failing ffmpeg did not return within 20 s")
            #expect(outcome.seconds < 10, "took \(outcome.seconds) s to notice")
            switch outcome.result {
            case .success(let summary):
                Issue.record("renderVideo succeeded with a failing ffmpeg: \(summary)")
            case .failure(let error):
                guard case let .encoderFailed(output, status, framesSent, message)? = error as? VideoError else {
                    Issue.record("expected VideoError.encoderFailed, got \(error)")
                    return
                }
                #expect(status == 3)
                // A GIF fails in its palette pass, which says so.
                #expect(message == (format == .gif ? "while choosing the GIF's colours: stand-in broke" : "stand-in broke"),
                        "message: \(message)")
                #expect(framesSent < renderer.plannedFrameCount)
                #expect(output == path)
                #expect("\(error)".contains("ffmpeg stopped with status 3"), "\(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: path), "a final file was left")
            #expect((try? FileManager.default.contentsOfDirectory(atPath: out)) == [], "left behind: \(folder.names())")
        }
    }

    @Test("a stand-in that takes every frame and exits 0 without writing gives cannotSave, not a missing file")
    func encoderThatWritesNothing() throws {
        try withTemporaryFolder("silent") { folder in
            let script = folder.file("fake-ffmpeg")
            try writeScript("#!/bin/sh\ncat >/dev/null\nexit 0\n", to: script)
            let renderer = try Self.renderer()
            let path = folder.file("silent.mp4")
            let env = Self.environment(ffmpeg: script)
            let outcome = try #require(withDeadline(20) {
                try renderer.renderVideo(format: .mp4, to: path, quality: .low, jobs: 2, environment: env)
            }, "renderVideo did not return within 20 s")
            switch outcome.result {
            case .success(let summary):
                Issue.record("succeeded although no video was written: \(summary)")
            case .failure(let error):
                guard case let .cannotSave(output, _)? = error as? VideoError else {
                    Issue.record("expected VideoError.cannotSave, got \(error)")
                    return
                }
                #expect(output == path)
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a stand-in that takes every frame, then fails, gives encoderFailed with every frame counted")
    func encoderThatFailsAtTheEnd() throws {
        try withTemporaryFolder("late") { folder in
            let script = folder.file("fake-ffmpeg")
            try writeScript("#!/bin/sh\ncat >/dev/null\necho \"muxer gave up\" >&2\nexit 1\n", to: script)
            let renderer = try Self.renderer()
            let path = folder.file("late.webm")
            let env = Self.environment(ffmpeg: script)
            let outcome = try #require(withDeadline(20) {
                try renderer.renderVideo(format: .webm, to: path, quality: .low, jobs: 2, environment: env)
            }, "renderVideo did not return within 20 s")
            switch outcome.result {
            case .success(let summary):
                Issue.record("succeeded although ffmpeg failed: \(summary)")
            case .failure(let error):
                #expect(error as? VideoError == .encoderFailed(output: path, status: 1, framesSent: renderer.plannedFrameCount,
                                                                message: "muxer gave up"), "\(error)")
            }
            #expect(folder.names() == ["fake-ffmpeg"], "left behind: \(folder.names())")
        }
    }

    @Test("NETFRAMES_FFMPEG naming a missing program gives ffmpegMissing, which says how to install ffmpeg")
    func missingEncoder() throws {
        try withTemporaryFolder("missing") { folder in
            let renderer = try Self.renderer()
            let missing = folder.file("no-such-ffmpeg")
            let path = folder.file("missing.mp4")
            do {
                _ = try renderer.renderVideo(format: .mp4, to: path, quality: .low, jobs: 2,
                                             environment: Self.environment(ffmpeg: missing))
                Issue.record("renderVideo succeeded without an ffmpeg")
            } catch let error as VideoError {
                #expect(error == .ffmpegMissing(searched: "NETFRAMES_FFMPEG=\(missing)"))
                #expect(error.description.contains("apt-get install ffmpeg"), "\(error)")
                #expect(error.description.contains(missing), "\(error)")
            }
            // No ffmpeg anywhere on PATH either.
            #expect(throws: VideoError.ffmpegMissing(searched: "PATH")) {
                try FFmpegEncoder.locate(environment: ["PATH": folder.path])
            }
            #expect(folder.names().isEmpty, "left behind: \(folder.names())")
        }
    }

    @Test("netframes render with a failing ffmpeg exits non-zero with one line naming ffmpeg")
    func commandLineWithBrokenEncoder() throws {
        try withTemporaryFolder("cli-broken") { folder in
            let script = folder.file("fake-ffmpeg")
            try writeScript(Self.brokenScript, to: script)
            let runPath = folder.file("faulty.yaml")
            try Fixture.small(name: "faulty", iterations: 1, animation: VideoProbeTests.animation)
                .write(toFile: runPath, atomically: true, encoding: .utf8)
            let out = folder.file("out")
            let result = try netframes(["render", runPath, "--format", "mp4", "--out", out, "--quiet"], in: folder,
                                       environment: Self.environment(ffmpeg: script), timeout: 30)
            #expect(!result.timedOut, "netframes hung with a failing ffmpeg")
            #expect(result.status != 0)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "stderr: \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("ffmpeg"), "stderr: \(result.stderr)")
            #expect(result.stderr.contains("stand-in broke"), "stderr: \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/faulty.mp4"))
            let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            #expect(!left.contains { $0.contains("partial") || $0.hasSuffix(".mp4") }, "left behind: \(left)")

            // And with no ffmpeg at all: the install hint.
            let missing = try netframes(["render", runPath, "--format", "gif", "--out", out, "--quiet", "--force"], in: folder,
                                        environment: Self.environment(ffmpeg: folder.file("nothing-here")), timeout: 30)
            #expect(missing.status != 0)
            #expect(missing.stderr.split(separator: "\n").count == 1, "stderr: \(missing.stderr)")
            #expect(missing.stderr.contains("ffmpeg is not installed") && missing.stderr.contains("apt-get install ffmpeg"),
                    "stderr: \(missing.stderr)")
        }
    }
}
