import Dispatch
import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesGraphics
import NetFramesScene
import NetFramesRun

/// Where and how `FrameRenderer` writes a run's frames.
public struct FrameOutput: Sendable {
    /// The folder the frames and `manifest.json` are written into.
    public var folder: String
    /// The frames' file format.
    public var format: FrameFormat
    /// PDF only: one file with one page per frame instead of a file per frame.
    public var singleFile: Bool
    /// Frames drawn at once (each on its own surface); 1 draws on the calling thread.
    public var jobs: Int
    /// Write into a non-empty folder NetFrames did not make.
    public var force: Bool
    /// Draw only this part of the run's frames (a cluster job's share); `nil` draws all.
    public var shard: Shard?
    /// Keep frames an earlier render left whose recipe and file digest still match.
    public var resume: Bool
    /// Checked between batches; a stop finishes the batch at hand and records it.
    public var cancellation: RenderCancellation?

    /// Output settings; `jobs` below 1 counts as 1.
    public init(folder: String, format: FrameFormat = .png, singleFile: Bool = false,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: Bool = false,
                shard: Shard? = nil, resume: Bool = true, cancellation: RenderCancellation? = nil) {
        self.folder = folder
        self.format = format
        self.singleFile = singleFile
        self.jobs = max(1, jobs)
        self.force = force
        self.shard = shard
        self.resume = resume
        self.cancellation = cancellation
    }
}

/// What a render did.
public struct RenderSummary: Sendable {
    /// Every frame written, in order, as `manifest.json` lists them.
    public var manifest: FrameManifest
    /// Files written or kept, the manifest included.
    public var files: [String]
    /// Weight labels left out for want of room, per frame (0 when all fit).
    public var omittedWeightLabels: Int
    /// Frames found complete from an earlier render and kept as they were.
    public var framesKept: Int
    /// The parameters when training stopped (after the last iteration, or the last one
    /// before the end of this render's share of frames).
    public var finalParameters: Parameters
    /// The scene of the last frame drawn, for thumbnails.
    public var lastScene: Scene?
}

/// Trains a run and writes one frame per recorded snapshot, plus `manifest.json`.
///
/// Training streams snapshots; they are turned into frames a batch at a time, each
/// frame drawn and encoded on its own surface across `jobs` threads, and written
/// atomically. Memory stays that of one batch however long the run.
public struct FrameRenderer: Sendable {
    /// The run trained and drawn.
    public let run: Run
    /// How frames look.
    public let style: DiagramStyle
    /// Draws each snapshot's state in `style`.
    public let builder: DiagramBuilder

    /// A renderer; the layouts are computed once, here. Nothing is trained until a render is asked for.
    public init(run: Run, style: DiagramStyle, measurer: any TextMeasuring = CairoTextMeasurer()) {
        self.run = run
        self.style = style
        builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
    }

    /// The scene of one snapshot.
    public func scene(_ snapshot: Snapshot) -> Scene {
        builder.scene(DiagramState(snapshot: snapshot, runName: run.name))
    }

    /// Renders every recorded snapshot of the run (or the shard's share) into `output`.
    ///
    /// Frames an earlier render left that are still exactly what this one would draw are
    /// kept (see `FrameLedger`). The manifest is written at the end, and also when the
    /// render is stopped through `output.cancellation` or by a failure, listing only frames
    /// that are complete on disk.
    ///
    /// - Parameter progress: called after each batch with (frames done, frames in all).
    /// - Throws: `FileError` for output problems, `GraphicsError` for drawing failures,
    ///   `TrainingError` when training diverges (the frames before it are kept and listed),
    ///   `RenderInterrupted` when cancelled.
    public func render(to output: FrameOutput, progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> RenderSummary {
        try OutputFolder.prepare(output.folder, force: output.force)
        let total = expectedFrameCount
        let range = output.shard?.range(of: total) ?? 0..<total
        let manifestName = FrameManifest.fileName(shard: output.shard)
        let ledger = output.resume ? FrameLedger(folder: output.folder, format: output.format) : nil
        let journal = try ManifestJournal(path: "\(output.folder)/.\(manifestName).journal")
        var sink = BatchSink(renderer: self, output: output, batchSize: max(8, output.jobs * 8), total: total,
                             range: range, ledger: ledger, journal: journal, progress: progress)
        var trainer = run.makeTrainer()
        var failure: Error?
        do {
            try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &sink)
        } catch is EndOfShare {
            // This shard's frames are done; the rest of the run belongs to later shards.
        } catch {
            failure = error
        }
        if failure == nil || failure is TrainingError {
            do { try sink.flush() } catch { failure = error }
        }
        var files = sink.files
        if failure == nil, let document = sink.document {
            let name = "frames.pdf"
            let bytes = try document.finish()
            try AtomicFileWriter.write(bytes, to: output.folder + "/" + name)
            let digest = ContentDigest.sha256(bytes)
            for i in sink.manifest.entries.indices { sink.manifest.entries[i].sha256 = digest }
            files.append(name)
        }
        var manifest = sink.manifest
        if failure is RenderInterrupted || (failure != nil && !(failure is TrainingError)), sink.document == nil {
            // Stopped early: also keep what earlier renders finished further on, still true of its files.
            manifest.entries += ledger?.untouched(after: sink.done, in: range) ?? []
        }
        try AtomicFileWriter.write(Array(manifest.json.utf8), to: output.folder + "/" + manifestName)
        journal.remove()
        files.append(manifestName)
        if failure == nil && output.shard == nil {
            removeStaleFrames(in: output.folder, keeping: Set(files))
        }
        if var interrupted = failure as? RenderInterrupted {
            interrupted.framesDone = sink.manifest.entries.count
            throw interrupted
        }
        if let failure { throw failure }
        return RenderSummary(manifest: manifest, files: files,
                             omittedWeightLabels: builder.valuesLayout.omittedWeightLabels,
                             framesKept: sink.kept, finalParameters: trainer.parameters, lastScene: sink.lastScene)
    }

    /// Frames a full render writes: recorded steps × snapshots per step.
    public var expectedFrameCount: Int {
        run.sampling.keptCount(total: run.iterations) * (2 * (run.setup.shape.layerCount - 1) + 2)
    }

    /// Removes `frame_*` files of an earlier, longer render, and shard parts now joined
    /// into the whole, from a NetFrames folder.
    private func removeStaleFrames(in folder: String, keeping: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !keeping.contains(name) {
            let ext = (name as NSString).pathExtension
            if name.hasPrefix("frame_") && FrameFormat(rawValue: ext) != nil
                || name.hasPrefix("manifest.part-") && ext == "json" {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
        if !keeping.contains("frames.pdf") {
            try? FileManager.default.removeItem(atPath: folder + "/frames.pdf")
        }
    }
}

/// Collects snapshots into batches and renders each batch across threads.
private struct BatchSink: SnapshotSink {
    let renderer: FrameRenderer
    let output: FrameOutput
    let batchSize: Int
    let total: Int
    /// The frames to draw, as 0-based positions in the run.
    let range: Range<Int>
    let progress: (Int, Int) -> Void
    var writer: FrameFileWriter
    var pending: [DiagramState] = []
    var manifest: FrameManifest
    var files: [String] = []
    var document: PDFDocument?
    /// Snapshots seen, drawn or not: the position in the run of the next one.
    var seen = 0
    /// Frames finished: the frame number (from 1) of the last one.
    var done: Int
    var kept: Int { writer.kept }
    var lastScene: Scene?
    var states: StillStates

    init(renderer: FrameRenderer, output: FrameOutput, batchSize: Int, total: Int, range: Range<Int>,
         ledger: FrameLedger?, journal: ManifestJournal, progress: @escaping (Int, Int) -> Void) {
        self.renderer = renderer
        self.output = output
        self.batchSize = batchSize
        self.total = total
        self.range = range
        self.progress = progress
        writer = FrameFileWriter(folder: output.folder, format: output.format, scale: renderer.style.scale,
                                 jobs: output.jobs, ledger: ledger, journal: journal)
        done = range.lowerBound
        manifest = FrameManifest(runName: renderer.run.name, format: output.format, width: renderer.style.width,
                                 height: renderer.style.height, scale: renderer.style.scale, totalFrames: total,
                                 range: range)
        if output.format == .pdf && output.singleFile { document = PDFDocument() }
        states = StillStates(renderer: renderer)
    }

    mutating func receive(_ snapshot: Snapshot) throws {
        defer { seen += 1 }
        if seen >= range.upperBound {
            try flush()
            throw EndOfShare()
        }
        guard seen >= range.lowerBound else {
            states.pass(snapshot)
            return
        }
        pending.append(states.state(for: snapshot))
        if pending.count >= batchSize { try flush() }
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        try output.cancellation?.check()
        let states = pending
        pending.removeAll(keepingCapacity: true)
        let first = done
        let builder = renderer.builder
        let scenes = ParallelMap.run(count: states.count, jobs: output.jobs) { builder.scene(states[$0]) }
        var entries: [FrameManifest.Entry] = []
        if let document {
            let format = output.format, scale = renderer.style.scale
            for (i, scene) in scenes.enumerated() {
                try document.addPage(scene)
                entries.append(FrameManifest.Entry(state: states[i], index: first + i + 1, file: "frames.pdf",
                                                   page: first + i + 1,
                                                   recipe: FrameRecipe.digest(scene, format: format, scale: scale),
                                                   sha256: ""))
            }
        } else {
            entries = try writer.write(scenes, states: states, first: first)
            files += entries.map(\.file)
        }
        manifest.entries += entries
        lastScene = scenes.last
        done += states.count
        progress(done - range.lowerBound, range.count)
    }
}
