import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRender
import NetFramesRunFile
import NetFramesScene
import NetFramesTimeline
import NetFramesRun

/// How one case ended.
enum Outcome: Equatable {
    /// The run file was refused with a clear RunFileError.
    case refused
    /// It parsed, but a render of it was refused by a limit.
    case tooLarge
    /// It parsed and its first frames were drawn.
    case rendered
    /// It parsed and training diverged; the frames before were drawn.
    case diverged
    /// Anything that should not happen: an unclear message, an unexpected error.
    case problem(String)

    var name: String {
        switch self {
        case .refused: return "refused"
        case .tooLarge: return "tooLarge"
        case .rendered: return "rendered"
        case .diverged: return "diverged"
        case .problem: return "problem"
        }
    }
}

/// Runs one case the way `netframes render` would, but small: read and check the file,
/// check what a render would amount to, then train two steps and draw a few frames and
/// a few animation frames, in memory.
struct CaseRunner {
    /// A folder of the worker's own, where each case's files are written.
    let folder: String
    let measurer = CairoTextMeasurer()
    let renderer = SceneRenderer()
    /// Frames are drawn at most this many pixels (the layout is still the run's own size).
    static let pixelBudget = 120_000.0
    /// Animation frames made per case, at most.
    static let timelineFrames = 120

    func run(_ input: FuzzInput, index: Int) -> Outcome {
        let path = folder + "/" + input.fileName
        do {
            // Nothing of an earlier case may be found by this one (a CSV file, say).
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                try FileManager.default.removeItem(atPath: folder + "/" + name)
            }
            try Data(input.bytes).write(to: URL(fileURLWithPath: path))
            if let csv = input.csv { try Data(csv.bytes).write(to: URL(fileURLWithPath: folder + "/" + csv.name)) }
        } catch {
            return .problem("could not write the case's files: \(error)")
        }
        let run: Run
        do {
            run = try Run.load(path: path)
        } catch let error as RunFileError {
            // A mistake in the CSV file is told against the CSV file.
            let files = [path] + (input.csv.map { [folder + "/" + $0.name] } ?? [])
            if let flaw = Clarity.flaw(in: error, files: files) { return .problem(flaw) }
            return .refused
        } catch {
            return .problem("load threw \(type(of: error)), not a RunFileError: \(error)")
        }
        do {
            let volume = RenderVolume(run: run)
            try volume.checkRender(style: run.render, animation: nil, limits: Limits())
            try volume.checkRender(style: run.render, animation: run.animation, limits: Limits())
            try volume.checkTrace(limits: Limits())
        } catch let error as LimitError {
            if let flaw = Clarity.flaw(in: error, file: path) { return .problem(flaw) }
            return .tooLarge
        } catch {
            return .problem("the limit check threw \(type(of: error)): \(error)")
        }
        return draw(run, index: index)
    }

    /// Trains up to two steps and draws some of their moments, stills and animation frames.
    func draw(_ run: Run, index: Int) -> Outcome {
        var run = run
        // Every other case trains on through divergence, as --keep-diverged does, so NaN and ∞ get drawn.
        let log = index % 2 == 0 ? DivergenceLog() : nil
        run.divergenceLog = log
        var style = run.render
        // The boundary and loss panels evaluate the whole network over a grid and the data
        // at every update; that is the user's to pay for, not the fuzzer's.
        if run.setup.shape.weightCount > 50_000 || run.dataset.count > 20_000 { style.panels = PanelSettings() }
        let builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
        let pixels = style.width * style.height
        let scale = min(style.scale, (CaseRunner.pixelBudget / pixels).squareRoot())
        var sink = DrawingSink(run: run, style: style, builder: builder, renderer: renderer, scale: scale,
                               format: index % 3)
        var trainer = run.makeTrainer()
        var outcome = Outcome.rendered
        do {
            try trainer.train(iterations: min(2, run.iterations), sampling: .all, into: &sink)
            try sink.finish()
        } catch is TrainingError {
            outcome = .diverged
        } catch let error as GraphicsError {
            return .problem("drawing failed: \(error)")
        } catch is DrawingSink.Enough {
            // The animation reached its frame budget.
        } catch {
            return .problem("drawing threw \(type(of: error)): \(error)")
        }
        if let flaw = sink.flaw { return .problem(flaw) }
        return log?.first != nil ? .diverged : outcome
    }
}

/// Draws the moments of the first steps as a render would: a few stills, and the
/// animation frames the timeline makes of them.
private struct DrawingSink: SnapshotSink {
    struct Enough: Error {}

    let run: Run
    let builder: DiagramBuilder
    let renderer: SceneRenderer
    let scale: Double
    /// The first still's format, 0: PNG, 1: SVG, 2: PDF; the others are PNG (the SVG
    /// pass is slow in a debug build, and one SVG a case finds what many would).
    let format: Int
    var panels: PanelTracker
    var timeline: Timeline
    var timelineFrames = 0
    var stills = 0
    var flaw: String?
    private let emitted: EmittedFrames

    init(run: Run, style: DiagramStyle, builder: DiagramBuilder, renderer: SceneRenderer, scale: Double, format: Int) {
        self.run = run
        self.builder = builder
        self.renderer = renderer
        self.scale = scale
        self.format = format
        panels = PanelTracker(settings: style.panels, setup: run.setup, dataset: run.dataset, initial: run.initialParameters)
        let emitted = EmittedFrames()
        self.emitted = emitted
        timeline = Timeline(settings: run.animation, iterations: run.iterations) { state in
            emitted.states.append(state)
            if emitted.states.count > CaseRunner.timelineFrames { throw Enough() }
        }
    }

    mutating func receive(_ snapshot: Snapshot) throws {
        panels.observe(snapshot)
        var state = DiagramState(snapshot: snapshot, runName: run.name)
        panels.annotate(&state)
        // Stills: the first forward layer, the loss, the output layer's backprop and each update.
        let last = run.setup.shape.outputLayer
        let firstStep = snapshot.iteration == 0
        if firstStep && ((snapshot.phase == .forward && snapshot.layer == 1) || snapshot.phase == .loss
            || (snapshot.phase == .backward && snapshot.layer == last)) || snapshot.phase == .update {
            try still(state)
        }
        if timeline.wants(iteration: snapshot.iteration, phase: snapshot.phase) {
            try timeline.push(state)
            try drawEmitted()
        }
    }

    mutating func finish() throws {
        try timeline.finish()
        try drawEmitted()
    }

    /// Draws the first and every 60th animation frame, and counts them all.
    private mutating func drawEmitted() throws {
        for state in emitted.states {
            if timelineFrames % 60 == 0 { try check(builder.scene(state), png: true) }
            timelineFrames += 1
        }
        emitted.states.removeAll()
    }

    private mutating func still(_ state: DiagramState) throws {
        stills += 1
        try check(builder.scene(state), png: stills > 1)
    }

    /// Encodes a scene and checks what came out.
    private mutating func check(_ scene: Scene, png: Bool) throws {
        let bytes: [UInt8]
        switch png ? 0 : format {
        case 0: bytes = try renderer.pngData(scene, scale: scale)
        case 1: bytes = try renderer.svgData(scene)
        default: bytes = try renderer.pdfData(scene)
        }
        if bytes.isEmpty && flaw == nil { flaw = "an encoder returned no bytes" }
        for item in scene.items {
            if case .text(let t) = item, !t.font.size.isFinite || t.font.size <= 0, flaw == nil {
                flaw = "a text was given an unusable font size \(t.font.size): \"\(t.string.prefix(40))\""
            }
        }
    }
}

/// The animation frames the timeline has emitted and the sink has not drawn yet.
private final class EmittedFrames {
    var states: [DiagramState] = []
}

/// What makes an error message unclear.
enum Clarity {
    static let jargon = ["Optional(", "Swift.", "Error Domain", "YamlError", "Yams.", "CYaml", "NSCocoa", "Foundation.",
                         "nil", "(Function)", "\\u{", "DecodingError", "Fatal error"]

    static func flaw(in error: RunFileError, files: [String]) -> String? {
        if !files.contains(error.file) { return "the message names \(error.file), not the file read" }
        if error.message.isEmpty { return "the message is empty" }
        return flaw(inText: error.description)
    }

    static func flaw(in error: LimitError, file: String) -> String? {
        if error.file != file { return "the limit message names \(error.file), not the file read" }
        if error.liftable && !error.description.contains("--allow-large") {
            return "the limit message does not say how to lift it: \(error)"
        }
        return flaw(inText: error.description)
    }

    static func flaw(inText text: String) -> String? {
        if text.contains(where: { $0.isNewline }) { return "the message is more than one line: \(text.prefix(300))" }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "the message holds control characters: \(text.debugDescription.prefix(300))"
        }
        if text.count > 700 { return "the message is \(text.count) characters long: \(text.prefix(300))…" }
        if let word = jargon.first(where: text.contains) {
            return "the message speaks the program's language (\(word)): \(text.prefix(300))"
        }
        return nil
    }
}
