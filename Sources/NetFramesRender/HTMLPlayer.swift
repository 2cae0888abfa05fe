import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesGraphics
import NetFramesScene
import NetFramesRun

/// How the HTML player holds its frames.
public enum HTMLFrameEncoding: String, CaseIterable, Sendable {
    /// SVG, unless the run's SVG frames would pass `HTMLPlayer.autoLimit` bytes in all;
    /// then whichever of SVG and PNG was smaller on the first batch of frames.
    case auto
    /// Each frame as the SVG `--format svg` writes: sharp at any size, text for screen readers.
    case svg
    /// Each frame as a PNG data URI (at the style's scale, compressed for size).
    case png
}

/// Where and how `HTMLPlayer` writes its page.
public struct HTMLPlayerOutput: Sendable {
    /// The folder the page goes into, made if needed (and refused if it holds files
    /// NetFrames did not write, unless `force`).
    public var folder: String
    /// The file's name without `.html`.
    public var name: String
    /// How the page holds its frames.
    public var encoding: HTMLFrameEncoding
    /// Frames drawn at once; 1 draws on the calling thread.
    public var jobs: Int
    /// Write into a non-empty folder NetFrames did not make.
    public var force: Bool
    /// The size past which `.auto` weighs PNG against SVG (`HTMLPlayer.autoLimit`).
    public var autoLimit = HTMLPlayer.autoLimit
    /// Stops the render between batches when asked (Ctrl-C); no page is left behind.
    public var cancellation: RenderCancellation?

    /// A page `<folder>/<name>.html`, its frames drawn `jobs` at a time.
    public init(folder: String, name: String, encoding: HTMLFrameEncoding = .auto,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: Bool = false,
                cancellation: RenderCancellation? = nil) {
        self.folder = folder
        self.name = name
        self.encoding = encoding
        self.jobs = max(1, jobs)
        self.force = force
        self.cancellation = cancellation
    }

    /// The page's path: `<folder>/<name>.html`.
    public var path: String { folder + "/" + name + ".html" }
}

/// What `HTMLPlayer` wrote.
public struct HTMLPlayerSummary: Sendable {
    /// The page written.
    public var path: String
    /// Frames in the page.
    public var frames: Int
    /// `.svg` or `.png`: what `.auto` chose.
    public var encoding: HTMLFrameEncoding
    /// The page's size.
    public var bytes: Int
}

/// Trains a run and writes one self-contained HTML page that plays its stills: the
/// frames `--format svg` would write (or PNGs of them), with Forward and Backprop
/// buttons, Play/Pause, a scrubber, the caption as text and keyboard control.
///
/// Frames are drawn a batch at a time across threads and streamed into the page, which
/// is written under a temporary name and renamed when complete; memory stays that of
/// one batch however long the run. The same run gives the same bytes.
public struct HTMLPlayer: Sendable {
    /// Above this many bytes of SVG (estimated from the first batch), `.auto` compares
    /// SVG with PNG and keeps the smaller. Below it SVG always wins: sharp at any zoom,
    /// text for screen readers. Measured at 1280x720: a [4, 6, 6, 3] frame with every
    /// label is 2.3 times larger as PNG (32 MB against 73 MB for 200 frames), but XOR
    /// with the decision-boundary panel (1,600 cells drawn as shapes in SVG) is 2.5
    /// times smaller (3.5 MB against 8.5 MB for 36 frames). Past 64 MiB a page takes
    /// seconds to open, so the bytes then matter more than the sharpness.
    public static let autoLimit = 64 << 20

    /// The run played.
    public let run: Run
    /// How frames look.
    public let style: DiagramStyle
    let measurer: any TextMeasuring

    /// A player of `run`'s stills drawn in `style`.
    public init(run: Run, style: DiagramStyle, measurer: any TextMeasuring = CairoTextMeasurer()) {
        self.run = run
        self.style = style
        self.measurer = measurer
    }

    /// Renders every recorded snapshot of the run into one page.
    ///
    /// - Parameter progress: called after each batch with (frames done, frames in all).
    /// - Throws: `NetFramesError` for output problems, `GraphicsError` for drawing failures,
    ///   `TrainingError` when training diverges (the page is still written, with the
    ///   frames before it); `RenderInterrupted` when `output.cancellation` asks for a
    ///   stop (no page is written: it is one file, and the next render starts it afresh).
    public func render(to output: HTMLPlayerOutput, progress: @escaping (Int, Int) -> Void = { _, _ in })
        throws -> HTMLPlayerSummary {
        let (summary, result) = try write(to: output, progress: progress)
        return try result.summary(summary)
    }

    /// `render(to:)`, with what the pass gave; a divergence is reported, not thrown.
    func write(to output: HTMLPlayerOutput, progress: @escaping (Int, Int) -> Void)
        throws -> (HTMLPlayerSummary, PipelineResult) {
        let pipeline = FramePipeline(run: run, style: style, jobs: output.jobs, cancellation: output.cancellation,
                                     measurer: measurer)
        var sink = try HTMLPlayerSink(output: output, builder: pipeline.builder, style: style, runName: run.name,
                                      totalFrames: pipeline.frameCount)
        let result = try pipeline.run(into: &sink, progress: progress)
        return (HTMLPlayerSummary(path: output.path, frames: sink.done, encoding: sink.encoding ?? .svg,
                                  bytes: sink.bytesWritten), result)
    }
}

/// Streams a run's stills into one self-contained HTML page: written under a temporary
/// name and renamed when complete, so a stopped render leaves no page behind.
public struct HTMLPlayerSink: FrameSink, @unchecked Sendable {
    /// One frame drawn: its picture and words.
    public struct Drawn: Sendable {
        var picture: [UInt8]
        var text: HTMLPlayerTemplate.FrameText
        var scene: Scene
        var state: DiagramState
    }

    let output: HTMLPlayerOutput
    let builder: DiagramBuilder
    let style: DiagramStyle
    let runName: String
    let total: Int
    // Used on the calling thread only: draw never touches it.
    let writer: AtomicFileWriter
    /// Surfaces and encoder buffers reused from PNG frame to PNG frame.
    let canvases = FrameCanvasPool()
    /// `.svg` or `.png` once decided (on the first batch for `.auto`).
    public private(set) var encoding: HTMLFrameEncoding?
    /// Frames written into the page.
    public private(set) var done = 0
    /// The page's size so far.
    public private(set) var bytesWritten = 0
    private var batch: [Drawn] = []

    /// A page `output.path` for a run of `totalFrames` stills drawn by `builder`.
    public init(output: HTMLPlayerOutput, builder: DiagramBuilder, style: DiagramStyle, runName: String,
                totalFrames: Int) throws {
        try OutputFolder.prepare(output.folder, force: output.force)
        self.output = output
        self.builder = builder
        self.style = style
        self.runName = runName
        total = totalFrames
        writer = try AtomicFileWriter(path: output.path)
        encoding = output.encoding == .auto ? nil : output.encoding
    }

    /// The frame as the page holds it: SVG, or PNG once the page has chosen PNG.
    public func draw(_ frame: PipelineFrame) throws -> Drawn {
        try draw(frame.scene, state: frame.state, as: encoding ?? .svg)
    }

    func draw(_ scene: Scene, state: DiagramState, as encoding: HTMLFrameEncoding) throws -> Drawn {
        let renderer = SceneRenderer()
        let picture: [UInt8]
        if encoding == .png {
            let png = try renderer.pngData(scene, scale: style.scale,
                                           compression: PNGCompression(style.pngCompression, default: .small),
                                           canvases: canvases)
            picture = Array(("data:image/png;base64," + Data(png).base64EncodedString()).utf8)
        } else {
            picture = HTMLPlayer.withoutXMLDeclaration(try renderer.svgData(scene))
        }
        let caption = builder.captionLines(of: state)
        // The frame's text alternative (PNG alt, SVG aria-label): the scene's description of
        // the picture, as in the SVG's <desc> and the PNG's Description.
        let alt = scene.summary.isEmpty ? HTMLPlayerTemplate.altText(title: scene.title, caption: caption) : scene.summary
        let text = HTMLPlayerTemplate.FrameText(phase: state.phase.rawValue, status: builder.status(of: state),
                                                title: scene.title, caption: caption, alt: alt,
                                                motion: HTMLPlayer.isMotion(state))
        return Drawn(picture: picture, text: text, scene: scene, state: state)
    }

    /// Keeps the frame for the batch.
    public mutating func receive(_ drawn: Drawn) throws { batch.append(drawn) }

    /// Writes the batch into the page; on the first batch, `.auto` decides SVG or PNG.
    public mutating func endBatch() throws {
        guard !batch.isEmpty else { return }
        var drawn = batch
        batch = []
        if encoding == nil {
            // Decide once, on the first batch: SVG unless the whole run would be large
            // and PNG is smaller for these frames.
            let svgMean = drawn.reduce(0) { $0 + $1.picture.count } / drawn.count
            encoding = .svg
            if svgMean * max(total, drawn.count) > output.autoLimit {
                let svg = drawn, sink = self
                let png = try ParallelMap.run(count: svg.count, jobs: output.jobs) { i in
                    Result { try sink.draw(svg[i].scene, state: svg[i].state, as: .png) }
                }.map { try $0.get() }
                if png.reduce(0, { $0 + $1.picture.count }) < drawn.reduce(0, { $0 + $1.picture.count }) {
                    encoding = .png
                    drawn = png
                }
            }
        }
        let encoding = self.encoding ?? .svg
        if done == 0 {
            try write(HTMLPlayerTemplate.head(page(encoding), firstFrame: drawn[0].picture, firstText: drawn[0].text))
        }
        for (i, frame) in drawn.enumerated() {
            let first = done == 0 && i == 0
            try write(HTMLPlayerTemplate.frame(first ? nil : frame.picture, text: frame.text, encoding: encoding))
        }
        done += drawn.count
    }

    /// Ends the page (a page with no frames still opens) and puts it in place; after a
    /// failure, leaves nothing.
    public mutating func finish(_ ending: PipelineEnding) throws {
        if case .failed = ending { return }
        if done == 0 {
            try write(HTMLPlayerTemplate.head(page(encoding ?? .svg), firstFrame: nil, firstText: nil))
        }
        try write(HTMLPlayerTemplate.tail)
        try writer.commit()
    }

    /// What the page says of the run before its frames.
    func page(_ encoding: HTMLFrameEncoding) -> HTMLPlayerTemplate.Page {
        let background = builder.theme.background.map {
            String(format: "#%02x%02x%02x", channel($0.red), channel($0.green), channel($0.blue))
        }
        return HTMLPlayerTemplate.Page(runName: runName, width: style.width, height: style.height,
                                       dark: style.theme == .dark, stageBackground: background ?? "transparent",
                                       encoding: encoding)
    }

    private func channel(_ value: Double) -> Int { Int((min(1, max(0, value)) * 255).rounded()) }

    private mutating func write(_ bytes: [UInt8]) throws {
        try writer.write(bytes)
        bytesWritten += bytes.count
    }
}

extension HTMLPlayer {
    /// Whether `state` is a motion (tween) frame leading into a moment: its motion has
    /// not reached the end (`Tween` settles a frame at progress 1 by dropping its motion).
    /// Stills, holds and title cards have no motion.
    static func isMotion(_ state: DiagramState) -> Bool {
        switch state.motion {
        case nil: return false
        case let .forwardPulse(_, progress)?, let .backwardPulse(_, progress)?, let .lossReveal(progress)?,
             let .morph(progress)?:
            return progress < 1
        }
    }

    /// SVG bytes from the root element on: an XML declaration has no place inside HTML.
    static func withoutXMLDeclaration(_ svg: [UInt8]) -> [UInt8] {
        guard svg.starts(with: "<?xml".utf8), let end = svg.firstIndex(of: UInt8(ascii: ">")) else { return svg }
        var start = end + 1
        while start < svg.count, svg[start] == UInt8(ascii: "\n") || svg[start] == UInt8(ascii: "\r") { start += 1 }
        return Array(svg[start...])
    }
}
