import Dispatch
import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesGraphics
import NetFramesRunFile
import NetFramesScene

/// Where and how `FrameRenderer` writes a run's frames.
public struct FrameOutput: Sendable {
    public var folder: String
    public var format: FrameFormat
    /// PDF only: one file with one page per frame instead of a file per frame.
    public var singleFile: Bool
    /// Frames drawn at once (each on its own surface); 1 draws on the calling thread.
    public var jobs: Int
    /// Write into a non-empty folder NetFrames did not make.
    public var force: Bool

    public init(folder: String, format: FrameFormat = .png, singleFile: Bool = false,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: Bool = false) {
        self.folder = folder
        self.format = format
        self.singleFile = singleFile
        self.jobs = max(1, jobs)
        self.force = force
    }
}

/// What a render did.
public struct RenderSummary: Sendable {
    public var manifest: FrameManifest
    /// Files written, the manifest included.
    public var files: [String]
    /// Weight labels left out for want of room, per frame (0 when all fit).
    public var omittedWeightLabels: Int
}

/// Trains a run and writes one frame per recorded snapshot, plus `manifest.json`.
///
/// Training streams snapshots; they are turned into frames a batch at a time, each
/// frame drawn and encoded on its own surface across `jobs` threads, and written
/// atomically. Memory stays that of one batch however long the run.
public struct FrameRenderer: Sendable {
    public let run: RunFile
    public let style: DiagramStyle
    public let builder: DiagramBuilder
    let renderer = SceneRenderer()

    public init(run: RunFile, style: DiagramStyle, measurer: any TextMeasuring = CairoTextMeasurer()) {
        self.run = run
        self.style = style
        builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
    }

    /// The scene of one snapshot.
    public func scene(_ snapshot: Snapshot) -> Scene {
        builder.scene(DiagramState(snapshot: snapshot, runName: run.name))
    }

    /// Renders every recorded snapshot of the run into `output`.
    ///
    /// - Parameter progress: called after each batch with (frames done, frames in all).
    /// - Throws: `FileError` for output problems, `GraphicsError` for drawing failures,
    ///   `TrainingError` when training diverges (the frames before it are kept and listed).
    public func render(to output: FrameOutput, progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> RenderSummary {
        try OutputFolder.prepare(output.folder, force: output.force)
        let total = expectedFrameCount
        var sink = BatchSink(renderer: self, output: output, batchSize: max(8, output.jobs * 8), total: total,
                             progress: progress)
        var trainer = run.makeTrainer()
        var failure: Error?
        do {
            try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &sink)
        } catch let error as TrainingError {
            failure = error
        }
        try sink.flush()
        var files = sink.files
        if let document = sink.document {
            let name = "frames.pdf"
            try AtomicFileWriter.write(try document.finish(), to: output.folder + "/" + name)
            files.append(name)
        }
        try AtomicFileWriter.write(Array(sink.manifest.json.utf8), to: output.folder + "/manifest.json")
        files.append("manifest.json")
        removeStaleFrames(in: output.folder, keeping: Set(files))
        if let failure { throw failure }
        return RenderSummary(manifest: sink.manifest, files: files,
                             omittedWeightLabels: builder.valuesLayout.omittedWeightLabels)
    }

    /// Frames a full render writes: recorded steps × snapshots per step.
    public var expectedFrameCount: Int {
        run.sampling.keptCount(total: run.iterations) * (2 * (run.setup.shape.layerCount - 1) + 2)
    }

    /// Removes `frame_*` files of an earlier, longer render from a NetFrames folder.
    private func removeStaleFrames(in folder: String, keeping: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix("frame_") && !keeping.contains(name) {
            let ext = (name as NSString).pathExtension
            if FrameFormat(rawValue: ext) != nil {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
        if !keeping.contains("frames.pdf") {
            try? FileManager.default.removeItem(atPath: folder + "/frames.pdf")
        }
    }

    /// Encodes one scene in `format`.
    @Sendable func encode(_ scene: Scene, format: FrameFormat) throws -> [UInt8] {
        switch format {
        case .png: return try renderer.pngData(scene, scale: style.scale)
        case .svg: return try renderer.svgData(scene)
        case .pdf: return try renderer.pdfData(scene)
        }
    }
}

/// Collects snapshots into batches and renders each batch across threads.
private struct BatchSink: SnapshotSink {
    let renderer: FrameRenderer
    let output: FrameOutput
    let batchSize: Int
    let total: Int
    let progress: (Int, Int) -> Void
    var pending: [DiagramState] = []
    var manifest: FrameManifest
    var files: [String] = []
    var document: PDFDocument?
    var done = 0
    /// The last recorded loss of each example, so a loss frame can say how it moved.
    var lastLoss: [Int: (iteration: Int, loss: Double)] = [:]
    var panels: PanelTracker

    init(renderer: FrameRenderer, output: FrameOutput, batchSize: Int, total: Int, progress: @escaping (Int, Int) -> Void) {
        self.renderer = renderer
        self.output = output
        self.batchSize = batchSize
        self.total = total
        self.progress = progress
        manifest = FrameManifest(runName: renderer.run.name, format: output.format, width: renderer.style.width,
                                 height: renderer.style.height, scale: renderer.style.scale)
        if output.format == .pdf && output.singleFile { document = PDFDocument() }
        panels = PanelTracker(settings: renderer.style.panels, setup: renderer.run.setup, dataset: renderer.run.dataset,
                              initial: renderer.run.initialParameters)
    }

    mutating func receive(_ snapshot: Snapshot) throws {
        panels.observe(snapshot)
        var state = DiagramState(snapshot: snapshot, runName: renderer.run.name)
        panels.annotate(&state)
        state.previousLoss = lastLoss[snapshot.example]
        if snapshot.phase == .update, let loss = snapshot.loss {
            lastLoss[snapshot.example] = (snapshot.iteration, loss)
        }
        pending.append(state)
        if pending.count >= batchSize { try flush() }
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let states = pending
        pending.removeAll(keepingCapacity: true)
        let first = done
        let names = states.indices.map { String(format: "frame_%06d.%@", first + $0 + 1, output.format.fileExtension) }

        let renderer = self.renderer
        if let document {
            let builder = renderer.builder
            let scenes = ParallelMap.run(count: states.count, jobs: output.jobs) { i in
                builder.scene(states[i])
            }
            for (i, scene) in scenes.enumerated() {
                try document.addPage(scene)
                append(states[i], file: "frames.pdf", page: first + i + 1)
            }
        } else {
            let folder = output.folder, format = output.format
            let results = ParallelMap.run(count: states.count, jobs: output.jobs) { i in
                Result {
                    let bytes = try renderer.encode(renderer.builder.scene(states[i]), format: format)
                    try AtomicFileWriter.write(bytes, to: folder + "/" + names[i])
                }
            }
            for (i, result) in results.enumerated() {
                try result.get()
                files.append(names[i])
                append(states[i], file: names[i], page: nil)
            }
        }
        done += states.count
        progress(done, total)
    }

    private mutating func append(_ s: DiagramState, file: String, page: Int?) {
        manifest.entries.append(FrameManifest.Entry(file: file, page: page, iteration: s.iteration, example: s.example,
                                                    phase: s.phase, layer: s.layer, loss: s.loss))
    }
}
