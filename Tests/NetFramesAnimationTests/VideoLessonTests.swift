import Foundation
import Testing
import NetFramesTestSupport

/// Videos carry their lesson: a soft subtitle stream made of the frames' captions, and
/// chapters, inside the file (as ffprobe sees them) and beside it (.vtt, .srt,
/// .chapters.vtt).
@Suite("Subtitles and chapters in videos")
struct VideoLessonTests {
    /// The small fixture over 3 steps: the first in full under a title card, the others as a fast-forward.
    static let run = Fixture.small(name: "lesson", iterations: 3, animation: """
        animation:
          fps: 10
          finalHold: 0.5
          durations: {forward: 0.3, loss: 0.3, backward: 0.3, update: 0.5, hold: 0.1}
          chapters:
            - {iterations: 1, title: "One step, worked through"}
            - {detail: updates, stepDuration: 0.3}
        """)

    /// What ffprobe says of a video's streams and chapters.
    struct Probe {
        var streams: [[String: Any]]
        var chapters: [(start: Double, end: Double, title: String)]

        init(_ path: String) throws {
            let r = try runProcess("/usr/bin/env", ["ffprobe", "-v", "error", "-show_streams", "-show_chapters",
                                                   "-of", "json", path])
            guard r.status == 0, let json = try JSONSerialization.jsonObject(with: r.stdoutBytes) as? [String: Any] else {
                throw ProbeError(message: r.stderr)
            }
            streams = json["streams"] as? [[String: Any]] ?? []
            chapters = (json["chapters"] as? [[String: Any]] ?? []).map {
                (Double($0["start_time"] as? String ?? "") ?? -1, Double($0["end_time"] as? String ?? "") ?? -1,
                 ($0["tags"] as? [String: Any])?["title"] as? String ?? "")
            }
        }

        var subtitles: [[String: Any]] { streams.filter { $0["codec_type"] as? String == "subtitle" } }
    }

    struct ProbeError: Error { var message: String }

    /// A WebVTT file's cues: (start, end, text lines), checked for a header and well-formed times.
    static func cues(ofVTT text: String) throws -> [(start: Double, end: Double, lines: [String])] {
        let blocks = text.components(separatedBy: "\n\n")
        #expect(blocks.first?.hasPrefix("WEBVTT") == true, "no header")
        return try blocks.dropFirst().filter { !$0.isEmpty }.map { block in
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
            let timing = try #require(lines.first { $0.contains(" --> ") }, "a cue without times: \(block)")
            let times = timing.components(separatedBy: " --> ").map(seconds)
            let text = Array(lines.drop { !$0.contains(" --> ") }.dropFirst())
            return (times[0], times[1], text)
        }
    }

    /// "00:01:02.500" (or with a comma) in seconds.
    static func seconds(_ stamp: String) -> Double {
        let parts = stamp.replacingOccurrences(of: ",", with: ".").split(separator: ":").map { Double($0) ?? .nan }
        return parts.count == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : .nan
    }

    /// The captions of the animation's frames, from the manifest of its PNG sequence.
    static func frameCaptions(_ runPath: String, in folder: TemporaryFolder) throws -> [[String]] {
        let out = folder.file("sequence")
        let r = try netframes(["render", runPath, "--format", "png", "--animate", "--out", out, "--quiet"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
        let frames = try #require((manifest as? [String: Any])?["frames"] as? [[String: Any]])
        return frames.map { $0["caption"] as? [String] ?? [] }
    }

    @Test("mp4, mov and webm carry the subtitle stream and the chapters; the .vtt and .srt match the captions",
          arguments: [("mp4", "mov_text"), ("mov", "mov_text"), ("webm", "webvtt")])
    func tracks(format: String, codec: String) throws {
        try withTemporaryFolder("lesson-\(format)") { folder in
            let runPath = try folder.write("lesson.yaml", Self.run)
            let r = try netframes(["render", runPath, "--format", format, "--quality", "low", "--out", folder.file("out"), "--quiet"],
                                  in: folder)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("with lesson.vtt, lesson.srt, lesson.chapters.vtt beside it"), "\(r.stderr)")
            let probe = try Probe(folder.file("out/lesson.\(format)"))
            let subtitle = try #require(probe.subtitles.first, "no subtitle stream: \(probe.streams)")
            #expect(probe.subtitles.count == 1)
            #expect(subtitle["codec_name"] as? String == codec)
            #expect((subtitle["tags"] as? [String: Any])?["language"] as? String == "eng")

            // Chapters: the titled one, then the fast-forward named by its steps.
            #expect(probe.chapters.map(\.title) == ["One step, worked through", "Iterations 1–2"])
            #expect(probe.chapters.first?.start == 0)
            if probe.chapters.count == 2 { #expect(abs(probe.chapters[0].end - probe.chapters[1].start) < 1e-6) }
            let chapterCues = try Self.cues(ofVTT: String(contentsOfFile: folder.file("out/lesson.chapters.vtt"), encoding: .utf8))
            #expect(chapterCues.map { $0.lines.joined() } == probe.chapters.map(\.title))

            let vtt = try String(contentsOfFile: folder.file("out/lesson.vtt"), encoding: .utf8)
            let srt = try String(contentsOfFile: folder.file("out/lesson.srt"), encoding: .utf8)
            let cues = try Self.cues(ofVTT: vtt)
            let srtCues = try Self.cues(ofVTT: "WEBVTT\n\n" + srt)
            #expect(cues.count == srtCues.count && cues.count > 5)
            for (a, b) in zip(cues, srtCues) { #expect(a.start == b.start && a.end == b.end) }
            for (i, cue) in cues.enumerated() {
                #expect(cue.start < cue.end, "cue \(i + 1) has no length")
                if i > 0 { #expect(cues[i - 1].end <= cue.start, "cue \(i + 1) overlaps the one before") }
            }

            // One cue per caption change, each with the phase sentence then the numbers.
            let captions = try Self.frameCaptions(runPath, in: folder)
            var changes: [[String]] = []
            for caption in captions.map({ $0.filter { !$0.isEmpty } }) where caption != changes.last { changes.append(caption) }
            #expect(cues.count == changes.count, "\(cues.count) cues for \(changes.count) captions")
            #expect(cues.map(\.lines) == changes.map { $0.map { $0.replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;") } })
            let forward = try #require(cues.first { $0.lines.first?.hasPrefix("Forward pass") == true })
            #expect(forward.lines.count == 2 && forward.lines[1].hasPrefix("Neuron 1: z = "))
            // The last cue ends with the video.
            let frames = Double(captions.count) / 10
            #expect(abs((cues.last?.end ?? 0) - frames) < 0.001)
        }
    }

    @Test("--no-subtitles leaves the stream and the files out but keeps the chapters; --subtitle-language names the language")
    func switches() throws {
        try withTemporaryFolder("lesson-switches") { folder in
            let runPath = try folder.write("lesson.yaml", Self.run)
            let off = try netframes(["render", runPath, "--format", "mp4", "--no-subtitles", "--out", folder.file("off"), "--quiet"],
                                    in: folder)
            #expect(off.status == 0, "\(off.stderr)")
            #expect(folder.names("off").filter { !$0.hasPrefix(".") } == ["lesson.chapters.vtt", "lesson.curves.csv", "lesson.mp4"])
            let probe = try Probe(folder.file("off/lesson.mp4"))
            #expect(probe.subtitles.isEmpty && probe.chapters.count == 2)

            let german = try netframes(["render", runPath, "--format", "webm", "--subtitle-language", "de", "--out",
                                        folder.file("de"), "--quiet"], in: folder)
            #expect(german.status == 0, "\(german.stderr)")
            let stream = try #require(try Probe(folder.file("de/lesson.webm")).subtitles.first)
            #expect((stream["tags"] as? [String: Any])?["language"] as? String == "ger")
            #expect(try String(contentsOfFile: folder.file("de/lesson.vtt"), encoding: .utf8).hasPrefix("WEBVTT\nLanguage: de\n"))

            let bad = try netframes(["render", runPath, "--format", "mp4", "--subtitle-language", "english", "--out",
                                     folder.file("bad"), "--quiet"], in: folder)
            #expect(bad.status == 64, "\(bad.stderr)")
            #expect(bad.stderr.contains("--subtitle-language"), "\(bad.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("bad/lesson.mp4")))
        }
    }

    @Test("the run file's animation.subtitles and subtitleLanguage; a bad language names the file and the field")
    func runFileKeys() throws {
        try withTemporaryFolder("lesson-keys") { folder in
            let quiet = Self.run.replacingOccurrences(of: "  fps: 10\n", with: "  fps: 10\n  subtitles: false\n")
            let runPath = try folder.write("quiet.yaml", quiet)
            let r = try netframes(["render", runPath, "--format", "mp4", "--out", folder.file("q"), "--quiet"], in: folder)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("q/lesson.vtt")))

            let wrong = Self.run.replacingOccurrences(of: "  fps: 10\n", with: "  fps: 10\n  subtitleLanguage: klingon\n")
            let wrongPath = try folder.write("wrong.yaml", wrong)
            let bad = try netframes(["render", wrongPath, "--format", "mp4", "--out", folder.file("w"), "--quiet"], in: folder)
            #expect(bad.status == 65, "\(bad.stderr)")
            #expect(bad.stderr.contains("wrong.yaml") && bad.stderr.contains("animation.subtitleLanguage")
                    && bad.stderr.contains("'klingon' is not a language tag"), "\(bad.stderr)")
        }
    }
}
