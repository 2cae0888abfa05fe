import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesGraphics
import NetFramesScene
import NetFramesRun

extension FrameRenderer {
    /// One snapshot drawn as a PNG, SVG or PDF file's bytes.
    ///
    /// The frame is drawn on its own, so panels show no history (no loss curve) and the
    /// caption no earlier loss; `render(to:)` and `render(into:jobs:progress:)` draw
    /// those from the whole run.
    public func image(of snapshot: Snapshot, format: FrameFormat) throws -> [UInt8] {
        try SceneRenderer().encode(scene(snapshot), format: format, style: style)
    }

    /// One snapshot drawn as straight-alpha RGBA pixels at the style's scale.
    public func pixels(of snapshot: Snapshot) throws -> RGBAImage {
        try SceneRenderer().rasterize(scene(snapshot), scale: style.scale)
    }

    /// Trains the run and hands every recorded snapshot's frame to `sink`, in order.
    ///
    /// The frames are those `render(to:)` writes, byte for byte, and each comes with the
    /// entry `manifest.json` would list for it. Frames are drawn `jobs` at a time; the
    /// sink is called on this thread, one frame after another.
    ///
    /// - Parameter progress: called after each batch with (frames done, frames in all).
    /// - Returns: the manifest entries of the frames handed over, in order.
    /// - Throws: what the sink throws; `GraphicsError` for drawing failures;
    ///   `TrainingError` when training diverges, after the frames before it were handed over.
    @discardableResult
    public func render<Sink: EncodedFrameSink>(into sink: inout Sink,
                                               jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                               progress: @escaping (Int, Int) -> Void = { _, _ in })
        throws -> [FrameManifest.Entry] {
        var recorder = EntryRecorder(inner: sink)
        defer { sink = recorder.inner }
        let result = try pipeline(jobs: jobs).run(into: &recorder, progress: progress)
        return try result.summary(recorder.entries)
    }
}

/// Passes frames on to a sink of the user's and keeps their manifest entries.
private struct EntryRecorder<Inner: EncodedFrameSink>: EncodedFrameSink {
    var inner: Inner
    var entries: [FrameManifest.Entry] = []
    var encoding: FrameEncoding { inner.encoding }
    func draw(_ frame: PipelineFrame) throws -> RenderedFrame { try inner.draw(frame) }
    mutating func receive(_ frame: RenderedFrame) throws {
        try inner.receive(frame)
        entries.append(frame.entry)
    }
    mutating func endBatch() throws { try inner.endBatch() }
    mutating func finish(_ ending: PipelineEnding) throws { try inner.finish(ending) }
}
