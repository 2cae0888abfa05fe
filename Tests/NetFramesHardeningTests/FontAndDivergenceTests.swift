import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRender
import NetFramesRunFile
import NetFramesScene
import NetFramesTestSupport

/// A font that is not there, no font at all, and training that diverges: each said
/// plainly, and never a frame of silent boxes or a crash in drawing.
@Suite("fonts and divergence")
struct FontAndDivergenceTests {
    static let runFile = "name: run\nnetwork: {layers: [2, 2, 1], seed: 3}\ntraining: {iterations: 1}\ndata: {builtin: xor}\n"

    @Test("fontconfig names the family that really draws, and what it lacks")
    func resolution() {
        let dejaVu = FontCatalog.resolve("DejaVu Sans")
        #expect(dejaVu.resolved == "DejaVu Sans" && dejaVu.isExact && dejaVu.missing.isEmpty, "\(dejaVu)")
        #expect(FontCatalog.resolve("dejavu sans").isExact)
        let none = FontCatalog.resolve("No Such Font")
        #expect(!none.isExact && none.resolved != nil && none.resolved != "No Such Font", "\(none)")
    }

    @Test("a font that is not installed: one warning naming the font used instead, and the frames drawn")
    func missingFamily() throws {
        let scratch = try TemporaryFolder("font")
        try scratch.write("run.yaml", Self.runFile)
        let fallback = try #require(FontCatalog.resolve("No Such Font").resolved)
        let result = try netframes(["render", "run.yaml", "--font", "No Such Font", "--out", "out", "--quiet"],
                                   in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.errorLines.filter { $0.hasPrefix("warning:") } == [
            "warning: the font \"No Such Font\" is not installed; drawing with \"\(fallback)\" instead (`fc-list : family` lists the installed fonts)",
        ], "\(result.stderr)")
        #expect(scratch.names("out").filter { $0.hasPrefix("frame_") }.count == 6)
        let known = try netframes(["render", "run.yaml", "--font", "DejaVu Sans", "--out", "out2", "--quiet"], in: scratch)
        #expect(known.status == 0 && !known.stderr.contains("warning"), "\(known.stderr)")
    }

    @Test("no font installed at all: exit 1 with how to install one, and nothing written")
    func noFontAtAll() throws {
        let scratch = try TemporaryFolder("no-font")
        try scratch.write("run.yaml", Self.runFile)
        // A fontconfig that knows no font folder.
        try scratch.write("fonts.conf", "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
            + "<fontconfig><cachedir>\(scratch.file("cache"))</cachedir></fontconfig>\n")
        let result = try netframes(["render", "run.yaml", "--out", "out", "--quiet"], in: scratch,
                                   extraEnvironment: ["FONTCONFIG_FILE": scratch.file("fonts.conf")])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "error: no font is installed to draw the frames' text (fontconfig found none for \"DejaVu Sans\"); "
            + "install one with `sudo apt-get install fonts-dejavu-core`\n")
        #expect(!scratch.names().contains("out"))
    }

    /// A [1, 1] linear unit whose loss overflows at step 3 and whose numbers go on to ∞ and NaN.
    static let diverging = """
        name: diverges
        network: {layers: [1, 1], output: linear, weights: [[[1]]], biases: [[0]]}
        training: {loss: mse, learningRate: 1000000, iterations: 10}
        data: [{input: [1e20], target: [0]}]
        """

    @Test("--keep-diverged: every step drawn, exit 0 with one warning naming the step; without it, exit 70")
    func keepDivergedCommand() throws {
        let scratch = try TemporaryFolder("diverged")
        try scratch.write("d.yaml", Self.diverging)
        let stopped = try netframes(["render", "d.yaml", "--out", "stopped", "--quiet"], in: scratch)
        #expect(stopped.status == 70, "\(stopped.stderr)")
        #expect(scratch.names("stopped").filter { $0.hasPrefix("frame_") }.count == 3 * 4)
        let kept = try netframes(["render", "d.yaml", "--out", "kept", "--quiet", "--keep-diverged"], in: scratch)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.errorLines.filter { $0.hasPrefix("warning:") } == [
            "warning: training diverged at iteration 3: the loss is not a finite number (try a smaller learningRate); "
                + "the frames from there show NaN and ∞, as --keep-diverged asked",
        ], "\(kept.stderr)")
        #expect(scratch.names("kept").filter { $0.hasPrefix("frame_") }.count == 10 * 4)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") {
            let video = try netframes(["render", "d.yaml", "--format", "gif", "--width", "320", "--height", "180",
                                                    "--fps", "5", "--out", "gif", "--quiet", "--keep-diverged"], in: scratch)
            #expect(video.status == 0 && scratch.names("gif").contains("diverges.gif"), "\(video.stderr)")
        }
    }

    @Test("a frame of NaN and ∞ draws every number legibly, and reads back as the PNG it should be")
    func divergedFrames() throws {
        let scratch = try TemporaryFolder("diverged-frames")
        var run = try RunFile.parse(Self.diverging, file: "d.yaml", directory: URL(fileURLWithPath: scratch.path))
        let log = DivergenceLog()
        run.divergenceLog = log
        var style = run.render
        (style.width, style.height) = (640, 360)
        let renderer = FrameRenderer(run: run, style: style)
        let summary = try renderer.render(to: FrameOutput(folder: scratch.path, jobs: 2))
        #expect(log.first == .diverged(iteration: 3, what: "the loss"))
        #expect(summary.manifest.entries.count == 40)
        #expect(summary.manifest.entries.suffix(4).allSatisfy { $0.loss == nil || !$0.loss!.isFinite })

        // The last step: every number is NaN or ∞, drawn as words and signs, not as boxes or blanks.
        var trainer = run.makeTrainer()
        var sink = LastStep()
        try trainer.train(iterations: run.iterations, sampling: .all, into: &sink)
        let measurer = CairoTextMeasurer()
        for snapshot in sink.snapshots {
            let scene = renderer.scene(snapshot)
            let texts = scene.items.compactMap { item -> TextItem? in if case .text(let t) = item { return t }; return nil }
            let numbers = texts.map(\.string).filter { $0.contains("NaN") || $0.contains("∞") }
            #expect(!numbers.isEmpty, "\(snapshot.phase): \(texts.map(\.string))")
            for t in texts {
                #expect(t.font.size > 4 && measurer.measure(t.string, font: t.font).width > 0, "\(t.string)")
                #expect(scene.bounds.contains(t.box(extent: measurer.measure(t.string, font: t.font))), "\(t.string)")
            }
        }
        let last = try #require(summary.manifest.entries.last?.file)
        let image = try RGBAImage(pngData: [UInt8](try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/" + last))))
        #expect(image.width == 640 && image.height == 360)
        // The weight label holds dark text on its light backdrop.
        let box = try #require(renderer.builder.changesLayout.weightLabels.first?.box)
        let inked = (Int(box.minX)..<Int(box.maxX)).flatMap { x in (Int(box.minY)..<Int(box.maxY)).map { image.pixel(x: x, y: $0).g } }
        #expect(inked.filter { $0 < 200 }.count > 8, "no text in the NaN weight label")
    }

    /// The snapshots of the run's last step.
    struct LastStep: SnapshotSink {
        var snapshots: [Snapshot] = []
        mutating func receive(_ snapshot: Snapshot) throws {
            if snapshot.phase == .forward && snapshot.layer == 1 { snapshots.removeAll() }
            snapshots.append(snapshot)
        }
    }
}
