import NetFramesDiagram
import NetFramesEngine
import NetFramesRun
import NetFramesScene

/// One frame of a run as the pipeline hands it to a sink to draw: where it stands in
/// the run, what it shows, and its scene.
public struct PipelineFrame: Sendable {
    /// 0-based position of the frame among the run's frames (the file `frame_000001` is 0).
    public var index: Int
    /// What the frame shows: the moment, its numbers, panels and motion.
    public var state: DiagramState
    /// The frame as a display list, ready to rasterise or encode.
    public var scene: Scene
    /// The style the scene was drawn in (its size and scale).
    public var style: DiagramStyle

    /// A frame; made by `FramePipeline`, or by a test.
    public init(index: Int, state: DiagramState, scene: Scene, style: DiagramStyle) {
        self.index = index
        self.state = state
        self.scene = scene
        self.style = style
    }
}

/// Why frames stopped coming: the sink's `finish(_:)` decides from it what to keep.
public enum PipelineEnding: Sendable {
    /// Every frame asked for was handed over.
    case finished
    /// Training diverged; the frames before it were handed over.
    case diverged(TrainingError)
    /// Something failed or the render was stopped (`RenderInterrupted`); the frames
    /// received so far are complete, later ones never came.
    case failed(any Error)
}

/// Where the one frame pipeline delivers a run's frames: the frame folder and its
/// manifest, one PDF, an ffmpeg video, the HTML player, or a sink of your own.
///
/// The pipeline draws frames a batch at a time. `draw(_:)` runs on worker threads, in
/// any order, and turns a frame into what the sink keeps (encoded bytes, pixels, a
/// manifest entry); `receive(_:)` then gets the results on the calling thread, one
/// frame after another and in order, so a sink needs no locking for its own state.
/// `endBatch()` follows each batch, and `finish(_:)` is called exactly once when frames
/// stop coming, however they stop. Throwing from any of them stops the render and
/// the error is passed on.
public protocol FrameSink: Sendable {
    /// What `draw(_:)` makes of a frame.
    associatedtype Drawn: Sendable
    /// Turns a frame into what the sink keeps; called on worker threads.
    func draw(_ frame: PipelineFrame) throws -> Drawn
    /// Takes the next frame's drawing, in order.
    mutating func receive(_ drawn: Drawn) throws
    /// A batch of frames has been received: a place to flush or journal.
    mutating func endBatch() throws
    /// Frames stopped coming; `ending` says why. Called once.
    mutating func finish(_ ending: PipelineEnding) throws
}

extension FrameSink {
    /// Nothing to do between batches.
    public mutating func endBatch() throws {}
    /// Nothing to close.
    public mutating func finish(_ ending: PipelineEnding) throws {}
}
