import Foundation
import Testing
import NetFramesDiagram
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTimeline
import NetFramesRender
import NetFramesRun

/// Absurd sizes are refused before any training, with the limit, the amount and how to
/// lift it; `--allow-large` lifts what can be lifted.
@Suite("limits")
struct LimitTests {
    static func parse(_ text: String, limits: Limits = Limits()) throws -> RunFile {
        try RunFile.parse(text, file: "big.yaml", directory: URL(fileURLWithPath: "/nonexistent"), limits: limits)
    }

    static func limitError(_ body: () throws -> Void) -> LimitError? {
        do {
            try body()
            return nil
        } catch let error as LimitError {
            return error
        } catch {
            Issue.record("expected a LimitError, got \(error)")
            return nil
        }
    }

    static let hundredMillion = "network: {layers: [2, 2, 1]}\ntraining: {iterations: 100000000}\ndata: {builtin: xor}\n"

    @Test("stills of every one of 10⁸ steps are refused, naming the frames, the steps and --allow-large")
    func tooManyStills() throws {
        let run = try Self.parse(Self.hundredMillion)
        let volume = RenderVolume(run: run)
        let error = try #require(Self.limitError { try volume.checkRender(style: run.render, animation: nil, limits: Limits()) })
        #expect(error.description == "big.yaml: training.iterations: makes 600000000 frames (100000000 recorded steps of "
            + "100000000 (every step) × 6 moments each); the limit is 1000000 frames; ask for less, or add --allow-large "
            + "to lift the limit")
        // Every 1000th step fits; --every on the command line is blamed when it is the cause.
        var sampled = run
        sampled.sampling.every = 1000
        try RenderVolume(run: sampled).checkRender(style: run.render, animation: nil, limits: Limits())
        sampled.sampling.every = 10
        let blamed = try #require(Self.limitError {
            try RenderVolume(run: sampled, fromCommandLine: ["every"]).checkRender(style: run.render, animation: nil, limits: Limits())
        })
        #expect(blamed.field == "--every" && blamed.value == 60_000_006, "\(blamed)")
        #expect(blamed.reason == "10000001 recorded steps of 100000000 (one in every 10 steps) × 6 moments each")
        // --allow-large lets it through.
        try volume.checkRender(style: run.render, animation: nil, limits: .unlimited)
    }

    @Test("an animation of too many frames is refused with its length; one beyond counting cannot be lifted")
    func tooManyAnimationFrames() throws {
        let run = try Self.parse("""
            network: {layers: [2, 2, 1]}
            training: {iterations: 3000}
            data: {builtin: xor}
            animation: {fps: 240, durations: {forward: 600, loss: 600, backward: 600, update: 600, hold: 600}}
            """)
        let error = try #require(Self.limitError {
            try RenderVolume(run: run, fromCommandLine: ["fps"]).checkRender(style: run.render, animation: run.animation,
                                                                            limits: Limits())
        })
        // Per step: 2 forward, the loss, 2 backward and the update, each 600 s and a 600 s hold, at 240 fps.
        #expect(error.value == 3000 * 6 * 2 * 144_000 + 480)
        #expect(error.field == "--fps" && error.quantity == "animation frames", "\(error)")
        #expect(error.description.contains("about 250 days at 240 fps") && error.description.contains("--allow-large"), "\(error)")
        try RenderVolume(run: run).checkRender(style: run.render, animation: run.animation, limits: .unlimited)

        var endless = try Self.parse("network: {layers: [2, 1]}\ndata: {builtin: xor}\n", limits: .unlimited)
        endless.iterations = Int.max / 4
        let beyond = try #require(Self.limitError {
            try RenderVolume(run: endless).checkRender(style: endless.render, animation: AnimationSettings(), limits: .unlimited)
        })
        #expect(beyond.value == nil && !beyond.liftable)
        #expect(beyond.description == "big.yaml: training.iterations: makes more animation frames than a computer can count "
            + "(\(Int.max / 4) recorded steps of \(Int.max / 4) (every step) shown in the animation's chapters, at 30 fps); "
            + "ask for fewer", "\(beyond)")
    }

    @Test("frames of more pixels than the limit are refused; a side larger than cairo can draw even with --allow-large")
    func tooManyPixels() throws {
        let run = try Self.parse("network: {layers: [2, 1]}\ndata: {builtin: xor}\n")
        var style = run.render
        (style.width, style.height, style.scale) = (16384, 9000, 1)
        let big = try #require(Self.limitError {
            try RenderVolume(run: run, fromCommandLine: ["width", "height"]).checkRender(style: style, animation: nil, limits: Limits())
        })
        #expect(big.description == "big.yaml: --width, --height: makes 147456000 pixels per frame (16384x9000 at scale 1 "
            + "is 16384x9000 pixels); the limit is 40000000 pixels per frame; ask for less, or add --allow-large to lift the limit")
        try RenderVolume(run: run).checkRender(style: style, animation: nil, limits: .unlimited)
        style.scale = 8
        let huge = try #require(Self.limitError {
            try RenderVolume(run: run, fromCommandLine: ["scale"]).checkRender(style: style, animation: nil, limits: .unlimited)
        })
        #expect(!huge.liftable && huge.field == "--scale" && huge.value == 131_072, "\(huge)")
        #expect(huge.description.hasSuffix("cairo draws no larger image); the limit is 32767 pixels on a side and cannot be lifted"))
    }

    @Test("a run file's canvas beyond the limit says how to lift it; beyond cairo's it cannot be")
    func canvasInTheRunFile() throws {
        let text = "network: {layers: [2, 1]}\ndata: {builtin: xor}\nrender: {width: 20000, height: 100}\n"
        #expect(throws: RunFileError(file: "big.yaml", path: "render.width",
                                     message: "is 20000 pixels; the limit is 16384 (raise it with --allow-large)", line: 3)) {
            try Self.parse(text)
        }
        #expect(try Self.parse(text, limits: .unlimited).render.width == 20000)
        #expect(throws: RunFileError(file: "big.yaml", path: "render.width", message: "is 40000 pixels; the limit is 32767", line: 3)) {
            try Self.parse(text.replacingOccurrences(of: "20000", with: "40000"), limits: .unlimited)
        }
        #expect(throws: RunFileError(file: "big.yaml", path: "render.scale", message: "makes frames of 160000x800 pixels; a side "
            + "of at most 32767 pixels can be drawn", line: 3)) {
            try Self.parse(text.replacingOccurrences(of: "height: 100}", with: "height: 100, scale: 8}"), limits: .unlimited)
        }
    }

    @Test("netframes render of 10⁸ steps stops at once with exit 65 and writes nothing")
    func commandLineRefusesQuickly() throws {
        let scratch = try TemporaryFolder("limits")
        let runFile = try scratch.write("big.yaml", Self.hundredMillion)
        let out = scratch.file("out")
        for format in ["png", "mp4"] {
            let result = try netframes(["render", runFile, "--format", format, "--out", out, "--quiet"], in: scratch,
                                       timeout: 60)
            #expect(result.status == 65, "\(format): \(result.stderr)")
            #expect(result.seconds < 20, "\(format): took \(result.seconds) s to refuse")
            #expect(result.errorLines.count == 1 && result.stderr.contains("add --allow-large"), "\(result.stderr)")
            #expect(result.stderr.contains(format == "png" ? "600000000 frames" : "animation frames"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out), "the refused render made its folder")
        let batch = try netframes(["batch", runFile, "--out", out, "--quiet"], in: scratch, timeout: 60)
        #expect(batch.status == 65 && batch.stderr.contains("600000000 frames"), "\(batch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "the refused batch made its folder")

        let record = try netframes(["record", runFile, "--out", scratch.file("t.jsonl")], in: scratch, timeout: 60)
        #expect(record.status == 65, "\(record.stderr)")
        #expect(record.stderr.contains("makes 600000000 snapshots") && record.stderr.contains("the limit is 10000000 snapshots"),
                "\(record.stderr)")
        #expect(scratch.names() == ["big.yaml"])
    }

    @Test("--width above the limit is a usage error that names --allow-large; with it, cairo's limit holds")
    func canvasOnTheCommandLine() throws {
        let scratch = try TemporaryFolder("limits-cli")
        let runFile = try scratch.write("r.yaml", "network: {layers: [2, 1]}\ntraining: {iterations: 1}\ndata: {builtin: xor}\n")
        let wide = try netframes(["render", runFile, "--width", "20000"], in: scratch)
        #expect(wide.status == 64 && wide.stderr.contains("--width 20000 is above the limit of 16384 pixels; add --allow-large"),
                "\(wide.stderr)")
        let wider = try netframes(["render", runFile, "--width", "40000", "--allow-large"], in: scratch)
        #expect(wider.status == 64 && wider.stderr.contains("above the limit of 32767 pixels (cairo draws no larger image)"),
                "\(wider.stderr)")
        let scaled = try netframes(["render", runFile, "--width", "16384", "--height", "16384", "--scale", "8",
                                                 "--allow-large", "--quiet"], in: scratch)
        #expect(scaled.status == 65 && scaled.stderr.contains("--width, --height, --scale: makes 131072 pixels on a side"),
                "\(scaled.stderr)")
        #expect(scratch.names() == ["r.yaml"])
    }
}
