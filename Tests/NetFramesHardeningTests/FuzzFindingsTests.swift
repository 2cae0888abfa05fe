import Foundation
import Testing
import NetFramesEngine
import NetFramesRender
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTimeline
import NetFramesRun

/// One test for each crash, hang or unclear message the fuzzing found, so it stays fixed.
@Suite("what fuzzing found")
struct FuzzFindingsTests {
    static func parse(_ text: String, file: String = "net.yaml", limits: Limits = Limits()) -> Result<RunFile, Error> {
        Result { try RunFile.parse(text, file: file, directory: URL(fileURLWithPath: "/nonexistent"), limits: limits) }
    }

    static func mistake(_ text: String, file: String = "net.yaml") throws -> RunFileError {
        switch parse(text, file: file) {
        case .success: throw Failure("\(file) was accepted")
        case .failure(let error as RunFileError): return error
        case .failure(let error): throw Failure("expected a RunFileError, got \(type(of: error)): \(error)")
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    @Test("text echoed from the file cannot break the message's one line or reorder it")
    func controlCharactersAreShownAsEscapes() throws {
        let key = try Self.mistake(#"{"network": {"layers": [2, 1]}, "data": {"builtin": "xor"}, "a\nb\tc": 1}"#, file: "net.json")
        #expect(key.description == #"net.json: a\nb\tc: unknown key 'a\nb\tc'; allowed here: "#
            + "name, network, training, sampling, data, render, animation, sweep (line 1)")
        let name = try Self.mistake("name: \"bell\\a and \\u202Eevil\"\nnetwork: {layers: [2, 1]}\ndata: {builtin: xor}\n")
        #expect(name.description == "net.yaml: name: must be a folder name of at most 100 letters, digits, '-', '_', '.' or '+', "
            + "found \"bell<U+0007> and <U+202E>evil\" (line 1)")
        let loss = try Self.mistake("network: {layers: [2, 1]}\ndata: {builtin: xor}\ntraining: {loss: \""
            + String(repeating: "\\n", count: 500) + "\"}\n")
        #expect(!loss.description.contains("\n") && loss.description.count < 200, "\(loss)")
        #expect(loss.message.hasPrefix(#"expected one of crossEntropy, mse, found the text "\n\n\n"#), "\(loss)")
    }

    @Test("a very long CSV path is cut in the middle of the message, keeping the file's name")
    func longCSVPathIsClipped() throws {
        let path = String(repeating: "folder/", count: 700) + "points.csv"
        let error = try Self.mistake("network: {layers: [2, 1]}\ndata: {csv: \(path)}\n")
        #expect(error.path == "data.csv")
        #expect(error.message.hasPrefix("cannot read …"), "\(error)")
        #expect(error.message.hasSuffix("folder/points.csv (no such file)"), "\(error)")
        #expect(error.description.count < 260, "\(error.description.count) characters")
    }

    @Test("a font family or chapter title of a million characters is refused, not measured for minutes")
    func hugeFontAndTitle() throws {
        let huge = String(repeating: "中😀", count: 500_000)
        let started = Date()
        let font = try Self.mistake("network: {layers: [2, 1]}\ndata: {builtin: xor}\nrender: {font: \"\(huge)\"}\n")
        #expect(font.path == "render.font" && font.message.hasPrefix("must be a font family, as `fc-list : family` names it: "
            + "one line of at most 100 characters, found \"中😀中😀"), "\(font)")
        #expect(font.message.hasSuffix("…\" (1000000 characters)"), "\(font)")
        let title = try Self.mistake("network: {layers: [2, 1]}\ndata: {builtin: xor}\n"
            + "animation: {chapters: [{title: \"line one\\nline two\"}]}\n")
        #expect(title.description == "net.yaml: animation.chapters[0].title: must be a title: one line of at most 200 characters, "
            + "found \"line one\\nline two\" (line 3)")
        #expect(Date().timeIntervalSince(started) < 30)

        let scratch = try TemporaryFolder("font-option")
        try scratch.write("r.yaml", "network: {layers: [2, 1]}\ntraining: {iterations: 1}\ndata: {builtin: xor}\n")
        let result = try netframes(["render", "r.yaml", "--font", String(repeating: "x", count: 101)], in: scratch)
        #expect(result.status == 64 && result.stderr.contains("--font must be a font family of 1 to 100 characters"),
                "\(result.stderr)")
    }

    @Test("millions of values are refused before a node is built for each, in a few hundred megabytes",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")))
    func millionsOfValuesAreRefusedEarly() throws {
        let scratch = try TemporaryFolder("values")
        try scratch.write("six.yaml", "network:\n  layers: [" + String(repeating: "2, ", count: 6_000_000)
            + "1]\ndata: {builtin: xor}\n")
        // Building six million nodes took Yams about a gigabyte and minutes; the count
        // before it needs neither. Under a 400 MB address space, only the count fits.
        let result = try runProcess("/usr/bin/prlimit", ["--as=400000000", try builtProduct("netframes"), "render", "six.yaml", "--quiet"],
                                    in: scratch.path, timeout: 300)
        #expect(!result.signalled && result.status == 65, "\(result.status): \(result.stderr.suffix(500))")
        // The root, `network`, its mapping, `layers` and the list come first.
        #expect(result.stderr == "error: six.yaml: network.layers[4999995]: the file has more than 5000000 values; "
            + "NetFrames reads at most a few million (put large data in a CSV file) (line 2)\n")
    }

    @Test("a chapter of more steps than a computer can count after another chapter does not trap")
    func hugeChapterAfterAnother() throws {
        let plan = ChapterPlan(chapters: [Chapter(iterations: 1), Chapter(iterations: Int.max)], iterations: 5)
        #expect(plan.spans.map { [$0.start, $0.end] } == [[0, 1], [1, 5]])
        let run = try Self.parse("""
            network: {layers: [2, 1]}
            training: {iterations: 5}
            data: {builtin: xor}
            animation:
              chapters: [{iterations: 1}, {iterations: 9223372036854775807, detail: updates}]
            """).get()
        let planned = Timeline.plannedFrameCount(settings: run.animation, iterations: 5, sampling: run.sampling, layerCount: 2)
        #expect(planned == Self.walkedFrameCount(settings: run.animation, iterations: 5, sampling: run.sampling, layerCount: 2))
    }

    /// The frame count found by visiting every step, as the timeline used to count it.
    static func walkedFrameCount(settings: AnimationSettings, iterations: Int, sampling: SamplingPolicy,
                                 layerCount: Int) -> Int {
        let plan = ChapterPlan(chapters: settings.chapters, iterations: iterations)
        let d = settings.durations
        let hold = d.hold > 0 ? settings.frames(d.hold) : 0
        let fullStep = (layerCount - 1) * (settings.frames(d.forward) + hold) + settings.frames(d.loss) + hold
            + (layerCount - 1) * (settings.frames(d.backward) + hold) + settings.frames(d.update) + hold
        var total = 0
        var shownAny = false
        for span in plan.spans {
            var first = true
            for i in span.start..<span.end where sampling.keeps(iteration: i, total: iterations) {
                guard let detail = plan.detail(of: i) else { continue }
                if first {
                    first = false
                    if span.chapter.title != nil { total += settings.frames(settings.titleCardDuration) }
                }
                shownAny = true
                total += detail == .full ? fullStep : settings.frames(span.chapter.stepDuration)
            }
        }
        if shownAny && settings.finalHold > 0 { total += settings.frames(settings.finalHold) }
        return total
    }

    @Test("the planned frame count is counted in closed form and agrees with visiting every step")
    func plannedFrameCountAgreesWithTheWalk() {
        var dice = SplitMix64(seed: 77)
        func below(_ n: Int) -> Int { Int(dice.next() % UInt64(n)) }
        for _ in 0..<3000 {
            var settings = AnimationSettings()
            settings.fps = Double(1 + below(30))
            settings.finalHold = Double(below(3)) * 0.5
            settings.durations.hold = Double(below(2)) * 0.2
            settings.chapters = (0..<below(4)).map { _ in
                Chapter(iterations: below(4) == 0 ? nil : 1 + below(40), every: 1 + below(12),
                        detail: below(2) == 0 ? .full : .updates, stepDuration: 0.05 * Double(1 + below(4)),
                        title: below(3) == 0 ? "title" : nil)
            }
            let iterations = 1 + below(300)
            let sampling = SamplingPolicy(every: 1 + below(15), first: below(3) == 0 ? below(20) : 0)
            let layers = 2 + below(3)
            let planned = Timeline.plannedFrameCount(settings: settings, iterations: iterations, sampling: sampling,
                                                     layerCount: layers)
            let walked = Self.walkedFrameCount(settings: settings, iterations: iterations, sampling: sampling, layerCount: layers)
            #expect(planned == walked, "\(settings.chapters), \(iterations) iterations, \(sampling)")
            if planned != walked { return }
        }
    }

    @Test("planning an animation of a billion billion steps takes no time and saturates instead of trapping")
    func plannedFrameCountOfHugeRuns() {
        let started = Date()
        var settings = AnimationSettings()
        #expect(Timeline.plannedFrameCount(settings: settings, iterations: Int.max / 4, sampling: .all, layerCount: 64) == Int.max)
        settings.chapters = [Chapter(iterations: 10), Chapter(every: 1_000_003, detail: .updates)]
        let frames = Timeline.plannedFrameCount(settings: settings, iterations: 1_000_000_000_000,
                                                sampling: SamplingPolicy(every: 999_983), layerCount: 3)
        // Of the first 10 steps only step 0 is recorded: one step in full, 198 frames at 30 fps
        // (2 × (18 + 9) forward, 30 + 9 loss, 2 × (24 + 9) backward, 30 + 9 update). Then the
        // steps both shown (10 + k·1000003) and recorded (multiples of 999983): only
        // 499992499983 below 10¹², and the last step; 3 frames each. Then 2 s of final hold.
        #expect(frames == 198 + 2 * 3 + 60, "\(frames)")
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test("netframes refuses --jobs beyond 256 with a usage error, not a trap")
    func hugeJobsOnTheCommandLine() throws {
        let scratch = try TemporaryFolder("jobs")
        let runFile = try scratch.write("run.yaml", "network: {layers: [2, 1]}\ntraining: {iterations: 1}\ndata: {builtin: xor}\n")
        let result = try netframes(["render", runFile, "--jobs", "9223372036854775807", "--quiet"], in: scratch)
        #expect(!result.signalled, "\(result.stderr)")
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--jobs must be from 1 to 256, not 9223372036854775807"), "\(result.stderr)")
        #expect(scratch.names() == ["run.yaml"])
    }
}
