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

    /// Trains up to two steps and draws some of their moments, stills and animation
    /// frames, through the same pipeline `netframes render` uses.
    func draw(_ run: Run, index: Int) -> Outcome {
        var run = run
        // Every other case trains on through divergence, as --keep-diverged does, so NaN and ∞ get drawn.
        let log = index % 2 == 0 ? DivergenceLog() : nil
        run.divergenceLog = log
        run.iterations = min(2, run.iterations)
        var style = run.render
        // The boundary and loss panels evaluate the whole network over a grid and the data
        // at every update; that is the user's to pay for, not the fuzzer's.
        if run.setup.shape.weightCount > 50_000 || run.dataset.count > 20_000 { style.panels = PanelSettings() }
        let pixels = style.width * style.height
        style.scale = min(style.scale, (CaseRunner.pixelBudget / pixels).squareRoot())
        var outcome = Outcome.rendered
        do {
            // Stills: the first forward layer, the loss, the output layer's backprop and each update;
            // the first in the case's format (PNG, SVG or PDF), the others PNG.
            let stills = FramePipeline(run: run, style: style, source: .stills, jobs: 1, measurer: measurer)
            let layers = run.setup.shape.layerCount, moments = run.setup.snapshotsPerStep
            let picked: Set<Int> = [0, layers - 1, layers, moments - 1, 2 * moments - 1]
            var sink = CheckingSink(firstFormat: FrameFormat.allCases[index % 3])
            if try stills.run(into: &sink, selecting: .positions(picked)).divergence != nil { outcome = .diverged }
            // Animation: the first and every 60th of its first frames, as PNG.
            let animation = FramePipeline(run: run, style: style, source: .animation(run.animation), jobs: 1,
                                          measurer: measurer)
            var frames = CheckingSink(firstFormat: .png)
            try animation.run(into: &frames, selecting: .range(0..<min(animation.frameCount, CaseRunner.timelineFrames + 1),
                                                               stride: 60))
            if let flaw = sink.flaw ?? frames.flaw { return .problem(flaw) }
        } catch let error as GraphicsError {
            return .problem("drawing failed: \(error)")
        } catch {
            return .problem("drawing threw \(type(of: error)): \(error)")
        }
        return log?.first != nil ? .diverged : outcome
    }
}

/// Encodes each frame it is given and notes the first thing wrong with what came out.
private struct CheckingSink: FrameSink {
    /// The first frame's format; the others are PNG (the SVG pass is slow in a debug
    /// build, and one SVG a case finds what many would).
    let firstFormat: FrameFormat
    var flaw: String?

    func draw(_ frame: PipelineFrame) throws -> String? {
        let renderer = SceneRenderer(), scene = frame.scene, scale = frame.style.scale
        let bytes: [UInt8]
        switch frame.index == 0 ? firstFormat : .png {
        case .png: bytes = try renderer.pngData(scene, scale: scale)
        case .svg: bytes = try renderer.svgData(scene)
        case .pdf: bytes = try renderer.pdfData(scene)
        }
        if bytes.isEmpty { return "an encoder returned no bytes" }
        for item in scene.items {
            if case .text(let t) = item, !t.font.size.isFinite || t.font.size <= 0 {
                return "a text was given an unusable font size \(t.font.size): \"\(t.string.prefix(40))\""
            }
        }
        return nil
    }

    mutating func receive(_ drawn: String?) throws {
        if flaw == nil { flaw = drawn }
    }
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
