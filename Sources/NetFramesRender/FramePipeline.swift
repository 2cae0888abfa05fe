import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRun
import NetFramesScene
import NetFramesTimeline

/// What one pass of the pipeline gave besides the frames.
public struct PipelineResult: Sendable {
    /// Frames handed to the sink.
    public var framesDelivered: Int
    /// The parameters when training stopped: after the last step, or the last step a
    /// shard's frames needed, or the last good step before a divergence.
    public var finalParameters: Parameters
    /// Whether training went to the run's end (it stops early once a shard's frames are drawn).
    public var reachedEnd: Bool
    /// The still of the run's last snapshot (its last update), for thumbnails and the
    /// batch outcome; `nil` when training stopped before the end or recorded nothing.
    public var finalState: DiagramState?
    /// Set when training diverged; the frames before it were handed over.
    public var divergence: TrainingError?
}

extension PipelineResult {
    /// `summary` when training did not diverge; the divergence, thrown, when it did. For
    /// the library's entry points, which report a divergence as an error.
    func summary<Summary>(_ summary: Summary) throws -> Summary {
        if let divergence { throw divergence }
        return summary
    }
}

/// The one frame pipeline: a run's snapshots go to a frame source (stills, or the
/// animation timeline), then to scenes drawn in parallel batches, then to a `FrameSink`.
///
/// Every output NetFrames writes is a sink of this pipeline, and this is the one place
/// that drives the trainer to draw a run. Memory stays that of one batch however long
/// the run.
public struct FramePipeline: Sendable {
    /// The run trained and drawn.
    public let run: Run
    /// How frames look.
    public let style: DiagramStyle
    /// Stills or animation frames.
    public let source: FrameSource
    /// Draws each frame's state in `style`; its layouts are computed once, at init.
    public let builder: DiagramBuilder
    /// Frames drawn at once, each on its own thread; 1 draws on the calling thread.
    public var jobs: Int
    /// Checked between batches: a stop ends the pass after the batch at hand.
    public var cancellation: RenderCancellation?

    /// A pipeline for `run` drawn in `style`; nothing is trained until `run(into:…)`.
    public init(run: Run, style: DiagramStyle, source: FrameSource = .stills,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, cancellation: RenderCancellation? = nil,
                measurer: any TextMeasuring = CairoTextMeasurer()) {
        self.run = run
        self.style = style
        self.source = source
        self.jobs = max(1, jobs)
        self.cancellation = cancellation
        builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
    }

    /// A pipeline drawing with `builder`, whose layouts are already computed for `style`.
    init(run: Run, style: DiagramStyle, source: FrameSource, jobs: Int, cancellation: RenderCancellation?,
         builder: DiagramBuilder) {
        self.run = run
        self.style = style
        self.source = source
        self.jobs = max(1, jobs)
        self.cancellation = cancellation
        self.builder = builder
    }

    /// Frames the whole run makes (`Int.max` when too many to count).
    public var frameCount: Int { source.frameCount(of: run) }

    /// Frames drawn per batch: enough to keep every thread busy.
    var batchSize: Int { max(8, jobs * 8) }

    /// Trains the run once and hands `sink` the frames in `frames` (all by default)
    /// whose position is a multiple of `stride`, in order.
    ///
    /// Training stops as soon as the last frame asked for is drawn, so a shard's range
    /// costs only the training that leads up to it. The sink's `finish(_:)` is called
    /// once, however the pass ends.
    ///
    /// - Parameter progress: called after each batch with (frames handed over, frames asked for).
    /// - Returns: what the pass gave besides the frames. A divergence is reported there,
    ///   not thrown, after the frames before it were handed over and the sink finished.
    /// - Throws: what the sink throws; `GraphicsError` for drawing failures;
    ///   `RenderInterrupted` (with the frames handed over) when cancelled.
    @discardableResult
    public func run<Sink: FrameSink>(into sink: inout Sink, frames: Range<Int>? = nil, stride: Int = 1,
                                     progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> PipelineResult {
        try run(into: &sink, selecting: .range(frames ?? 0..<frameCount, stride: stride), progress: progress)
    }

    /// Trains the run once and hands `sink` the frames `selection` picks, in order; as
    /// `run(into:frames:stride:progress:)`.
    @discardableResult
    public func run<Sink: FrameSink>(into sink: inout Sink, selecting selection: FrameSelection,
                                     progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> PipelineResult {
        let batcher = FrameBatcher(pipeline: self, sink: sink, selection: selection, progress: progress)
        defer { sink = batcher.sink }
        var feed = FrameFeed(run: run, style: style, source: source, batcher: batcher)
        var trainer = run.makeTrainer()
        var divergence: TrainingError?
        do {
            do {
                try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &feed)
            } catch let error as TrainingError {
                divergence = error
            }
            try feed.finish()
            try batcher.flush()
        } catch {
            var error = error
            if var interrupted = error as? RenderInterrupted {
                interrupted.framesDone = batcher.delivered
                error = interrupted
            }
            // The first failure is the one to report: on a full disk, say, the manifest
            // the sink then writes may fail too, for the same reason.
            try? batcher.sink.finish(.failed(error))
            throw error
        }
        try batcher.sink.finish(divergence.map { PipelineEnding.diverged($0) } ?? .finished)
        let reachedEnd = !batcher.isSatisfied || selection.end >= frameCount
        return PipelineResult(framesDelivered: batcher.delivered, finalParameters: trainer.parameters,
                              reachedEnd: reachedEnd, finalState: reachedEnd ? feed.states.finalState() : nil,
                              divergence: divergence)
    }
}

/// Follows the trainer's snapshots, makes the states of the frames the source shows
/// and hands them to the batcher with their positions.
struct FrameFeed<Sink: FrameSink>: SnapshotSink {
    var states: RunStates
    var timeline: Timeline?
    let batcher: FrameBatcher<Sink>

    init(run: Run, style: DiagramStyle, source: FrameSource, batcher: FrameBatcher<Sink>) {
        states = RunStates(run: run, panels: style.panels)
        self.batcher = batcher
        if case .animation(let settings) = source {
            timeline = Timeline(settings: settings, iterations: run.iterations) { state in try batcher.add(state) }
        }
    }

    /// Training may stop once every frame asked for has been drawn.
    var isSatisfied: Bool { batcher.isSatisfied }

    mutating func receive(_ snapshot: Snapshot) throws {
        guard timeline != nil else {
            if batcher.wantsNext { try batcher.add(states.state(for: snapshot)) } else { batcher.skip(); states.pass(snapshot) }
            return
        }
        if timeline!.wants(snapshot) {
            try timeline!.push(states.state(for: snapshot))
        } else {
            states.pass(snapshot)
        }
    }

    /// The frames that come after the last snapshot: the animation's final hold.
    mutating func finish() throws {
        guard !batcher.isSatisfied else { return }
        try timeline?.finish()
    }
}

/// Collects frame states into batches, draws each batch across threads through the
/// sink's `draw(_:)`, and hands the results to the sink in order.
final class FrameBatcher<Sink: FrameSink> {
    let pipeline: FramePipeline
    var sink: Sink
    let selection: FrameSelection
    let progress: (Int, Int) -> Void
    /// The position in the run of the next frame.
    private(set) var position = 0
    /// Frames handed to the sink.
    private(set) var delivered = 0
    private var pending: [(index: Int, state: DiagramState)] = []

    init(pipeline: FramePipeline, sink: Sink, selection: FrameSelection, progress: @escaping (Int, Int) -> Void) {
        self.pipeline = pipeline
        self.sink = sink
        self.selection = selection
        self.progress = progress
    }

    /// Every frame asked for has gone past.
    var isSatisfied: Bool { position >= selection.end }

    /// Whether the next frame is one asked for.
    var wantsNext: Bool { selection.contains(position) }

    /// The next frame is not drawn.
    func skip() { position += 1 }

    /// The next frame's state: kept for drawing if asked for.
    func add(_ state: DiagramState) throws {
        defer { position += 1 }
        guard wantsNext else { return }
        pending.append((position, state))
        if pending.count >= pipeline.batchSize { try flush() }
    }

    /// Draws the pending frames across threads and hands them over in order.
    func flush() throws {
        guard !pending.isEmpty else { return }
        try pipeline.cancellation?.check()
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let drawer = sink, builder = pipeline.builder, style = pipeline.style
        let drawn = ParallelMap.run(count: batch.count, jobs: pipeline.jobs) { i in
            Result {
                try drawer.draw(PipelineFrame(index: batch[i].index, state: batch[i].state,
                                              scene: builder.scene(batch[i].state), style: style))
            }
        }
        for result in drawn {
            try sink.receive(result.get())
            delivered += 1
        }
        try sink.endBatch()
        progress(delivered, selection.count)
    }
}
