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
    /// Each run's training curve (the run's, then its companions'), as far as training
    /// went: complete when it reached the end.
    public var curves: [TrainingCurve] = []
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
///
/// With companions, the pipeline draws a comparison: every run is trained in step with
/// the others, each through its own frame source, and each frame shows them all side by
/// side (`ComparisonBuilder`) over one loss panel. Every sink takes it as it takes one run.
public struct FramePipeline: Sendable {
    /// The run trained and drawn.
    public let run: Run
    /// Runs drawn beside `run`, in step with it; empty for a run drawn alone.
    public let companions: [Run]
    /// Draws the comparison when there are companions.
    public let comparison: ComparisonBuilder?
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
                measurer: any TextMeasuring = CairoTextMeasurer(), companions: [Run] = []) {
        self.init(run: run, style: style, source: source, jobs: jobs, cancellation: cancellation,
                  builder: DiagramBuilder(setup: run.setup, style: style, measurer: measurer),
                  companions: companions, measurer: measurer)
    }

    /// A pipeline drawing with `builder`, whose layouts are already computed for `style`.
    init(run: Run, style: DiagramStyle, source: FrameSource, jobs: Int, cancellation: RenderCancellation?,
         builder: DiagramBuilder, companions: [Run] = [], measurer: any TextMeasuring = CairoTextMeasurer()) {
        self.run = run
        self.style = style
        self.source = source
        self.jobs = max(1, jobs)
        self.cancellation = cancellation
        self.builder = builder
        self.companions = companions
        let all = [run] + companions
        comparison = companions.isEmpty ? nil
            : ComparisonBuilder(setups: all.map(\.setup), names: all.map(\.name), style: style, measurer: measurer)
    }

    /// Frames the whole run makes (`Int.max` when too many to count); for a comparison,
    /// the most any of its runs makes (a run that ends sooner holds its last frame).
    public var frameCount: Int { ([run] + companions).map { source.frameCount(of: $0) }.max()! }

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
        if let comparison {
            return try runComparison(comparison, into: &sink, selecting: selection, progress: progress)
        }
        let builder = self.builder
        let batcher = FrameBatcher<Sink, DiagramState>(pipeline: self, sink: sink, selection: selection, progress: progress,
                                                       scene: { builder.scene($0) }, frameState: { $0 })
        defer { sink = batcher.sink }
        var feeds = [FrameFeed(run: run, style: style, source: source, receiver: batcher)]
        var trained: TrainingProgress?
        try batcher.drive {
            // All the run's steps in one round: training stops early once the sink is satisfied.
            trained = try FramePipeline.train([run], into: &feeds, stepsPerRound: run.iterations,
                                              isSatisfied: { batcher.isSatisfied }, afterRound: { _ in })
        }
        let divergence = trained!.divergences[0]
        try batcher.sink.finish(divergence.map { PipelineEnding.diverged($0) } ?? .finished)
        let reachedEnd = !batcher.isSatisfied || selection.end >= frameCount
        return PipelineResult(framesDelivered: batcher.delivered, finalParameters: trained!.trainers[0].parameters,
                              reachedEnd: reachedEnd, finalState: reachedEnd ? feeds[0].states.finalState() : nil,
                              divergence: divergence, curves: trained!.recorders.map(\.curve))
    }
}

/// Where a feed hands the states of the frames it makes, in order.
protocol FrameStateReceiver: AnyObject {
    /// Whether the next frame is wanted (an unwanted one is `skip`ped, not built).
    var wantsNext: Bool { get }
    /// The next frame is not wanted.
    func skip()
    /// The next frame's state.
    func add(_ state: DiagramState) throws
    /// Whether every frame wanted has gone past, so training may stop.
    var isSatisfied: Bool { get }
}

/// Follows the trainer's snapshots and the run's training curve, makes the states of
/// the frames the source shows and hands them to the receiver in order.
struct FrameFeed<Receiver: FrameStateReceiver>: CurveSink {
    var states: RunStates
    var timeline: Timeline?
    let receiver: Receiver

    init(run: Run, style: DiagramStyle, source: FrameSource, receiver: Receiver) {
        states = RunStates(run: run, panels: style.panels)
        self.receiver = receiver
        if case .animation(let settings) = source {
            timeline = Timeline(settings: settings, iterations: run.iterations) { state in try receiver.add(state) }
        }
    }

    /// Training may stop once every frame asked for has been drawn.
    var isSatisfied: Bool { receiver.isSatisfied }

    mutating func receive(_ snapshot: Snapshot) throws {
        guard timeline != nil else {
            if receiver.wantsNext { try receiver.add(states.state(for: snapshot)) } else { receiver.skip(); states.pass(snapshot) }
            return
        }
        if timeline!.wants(snapshot) {
            try timeline!.push(states.state(for: snapshot))
        } else {
            states.pass(snapshot)
        }
    }

    /// The curve's next point: frames from here on show it.
    mutating func receive(_ point: CurvePoint) throws {
        states.observe(point)
    }

    /// The frames that come after the last snapshot: the animation's final hold.
    mutating func finish() throws {
        guard !receiver.isSatisfied else { return }
        try timeline?.finish()
    }
}

/// Collects frames (a state, or a comparison's states) into batches, draws each batch
/// across threads through the sink's `draw(_:)`, and hands the results to the sink in order.
final class FrameBatcher<Sink: FrameSink, Content: Sendable> {
    let pipeline: FramePipeline
    var sink: Sink
    let selection: FrameSelection
    let progress: (Int, Int) -> Void
    /// Draws a frame's content.
    let scene: @Sendable (Content) -> Scene
    /// The state the sink is told a frame shows (a comparison's first run's).
    let frameState: @Sendable (Content) -> DiagramState
    /// The position in the run of the next frame.
    private(set) var position = 0
    /// Frames handed to the sink.
    private(set) var delivered = 0
    private var pending: [(index: Int, content: Content)] = []

    init(pipeline: FramePipeline, sink: Sink, selection: FrameSelection, progress: @escaping (Int, Int) -> Void,
         scene: @escaping @Sendable (Content) -> Scene, frameState: @escaping @Sendable (Content) -> DiagramState) {
        self.pipeline = pipeline
        self.sink = sink
        self.selection = selection
        self.progress = progress
        self.scene = scene
        self.frameState = frameState
    }

    /// Every frame asked for has gone past.
    var isSatisfied: Bool { position >= selection.end }

    /// Whether the next frame is one asked for.
    var wantsNext: Bool { selection.contains(position) }

    /// The next frame is not drawn.
    func skip() { position += 1 }

    /// The next frame's content: kept for drawing if asked for.
    func add(_ content: Content) throws {
        defer { position += 1 }
        guard wantsNext else { return }
        pending.append((position, content))
        if pending.count >= pipeline.batchSize { try flush() }
    }

    /// Runs a pass (`body` trains and feeds frames), then draws what is pending. A
    /// failure finishes the sink with it, counting the frames delivered, and is rethrown.
    func drive(_ body: () throws -> Void) throws {
        do {
            try body()
            try flush()
        } catch {
            var error = error
            if var interrupted = error as? RenderInterrupted {
                interrupted.framesDone = delivered
                error = interrupted
            }
            // The first failure is the one to report: on a full disk, say, the manifest
            // the sink then writes may fail too, for the same reason.
            try? sink.finish(.failed(error))
            throw error
        }
    }

    /// Draws the pending frames across threads and hands them over in order.
    func flush() throws {
        guard !pending.isEmpty else { return }
        try pipeline.cancellation?.check()
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let drawer = sink, scene = self.scene, frameState = self.frameState, style = pipeline.style
        let drawn = ParallelMap.run(count: batch.count, jobs: pipeline.jobs) { i in
            Result {
                try drawer.draw(PipelineFrame(index: batch[i].index, state: frameState(batch[i].content),
                                              scene: scene(batch[i].content), style: style))
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

extension FrameBatcher: FrameStateReceiver where Content == DiagramState {}
