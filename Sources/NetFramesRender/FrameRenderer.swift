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

/// Trains a run and writes one frame per recorded snapshot, plus `manifest.json`: the
/// still frames of the one pipeline (`FramePipeline` with a `FrameFolderSink`).
public struct FrameRenderer: Sendable {
    /// The run trained and drawn.
    public let run: Run
    /// How frames look.
    public let style: DiagramStyle
    /// Draws each snapshot's state in `style`.
    public let builder: DiagramBuilder
    let measurer: any TextMeasuring
    /// Runs drawn beside `run`, in step, as a comparison (empty: `run` alone).
    public var companions: [Run] = []

    /// A renderer; the layouts are computed once, here. Nothing is trained until a render is asked for.
    public init(run: Run, style: DiagramStyle, measurer: any TextMeasuring = CairoTextMeasurer()) {
        self.run = run
        self.style = style
        self.measurer = measurer
        builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
    }

    /// The pipeline of this run's stills.
    func pipeline(jobs: Int, cancellation: RenderCancellation? = nil) -> FramePipeline {
        FramePipeline(run: run, style: style, source: .stills, jobs: jobs, cancellation: cancellation, builder: builder,
                      companions: companions, measurer: measurer)
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
    /// - Throws: `NetFramesError` for output problems, `GraphicsError` for drawing failures,
    ///   `TrainingError` when training diverges (the frames before it are kept and listed),
    ///   `RenderInterrupted` when cancelled.
    public func render(to output: FrameOutput, progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> RenderSummary {
        let (summary, result) = try write(to: output, progress: progress)
        return try result.summary(summary)
    }

    /// `render(to:)`, with what the pass gave; a divergence is reported, not thrown.
    func write(to output: FrameOutput, progress: @escaping (Int, Int) -> Void) throws -> (RenderSummary, PipelineResult) {
        let pipeline = pipeline(jobs: output.jobs, cancellation: output.cancellation)
        let total = pipeline.frameCount
        let range = output.shard?.range(of: total) ?? 0..<total
        var sink = try FrameFolderSink(folder: output.folder, format: output.format, singleFile: output.singleFile,
                                       style: style, runName: run.name, totalFrames: total, range: range,
                                       shard: output.shard, resume: output.resume, force: output.force)
        let result = try pipeline.run(into: &sink, frames: range, progress: progress)
        return (RenderSummary(manifest: sink.manifest, files: sink.files,
                              omittedWeightLabels: builder.valuesLayout.omittedWeightLabels, framesKept: sink.kept,
                              finalParameters: result.finalParameters, lastScene: result.finalState.map(builder.scene)),
                result)
    }

    /// Frames a full render writes: recorded steps × snapshots per step.
    public var expectedFrameCount: Int { ([run] + companions).map { FrameSource.stills.frameCount(of: $0) }.max()! }
}
