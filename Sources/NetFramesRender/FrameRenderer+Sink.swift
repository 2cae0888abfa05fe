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
        try SceneRenderer().encode(scene(snapshot), format: format, scale: style.scale)
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
    public func render<Sink: FrameSink>(into sink: inout Sink, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                        progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> [FrameManifest.Entry] {
        let jobs = max(1, jobs)
        var feeder = SinkFeeder(renderer: self, sink: sink, jobs: jobs, batchSize: max(8, jobs * 8),
                                total: expectedFrameCount, progress: progress)
        defer { sink = feeder.sink }
        let divergence = try run.trainReportingDivergence(into: &feeder)
        try feeder.flush()
        if let divergence { throw divergence }
        return feeder.entries
    }

    /// One scene in `encoding`, with its size as `RenderedFrame` states it and the digests
    /// its manifest entry records: the recipe and the SHA-256 of the bytes.
    func encode(_ scene: Scene, encoding: FrameEncoding)
        throws -> (bytes: [UInt8], width: Int, height: Int, recipe: String, sha256: String) {
        let renderer = SceneRenderer(), scale = style.scale
        switch encoding {
        case .rgba:
            // The pixels are the PNG frame's, so they share its recipe.
            let image = try renderer.rasterize(scene, scale: scale)
            return (image.bytes, image.width, image.height, FrameRecipe.digest(scene, format: .png, scale: scale),
                    ContentDigest.sha256(image.bytes))
        case .file(let format):
            let bytes = try renderer.encode(scene, format: format, scale: scale)
            let recipe = FrameRecipe.digest(scene, format: format, scale: scale)
            let size = format == .png ? try renderer.pixelSize(of: scene, scale: scale)
                : (Int(scene.width.rounded(.up)), Int(scene.height.rounded(.up)))
            return (bytes, size.0, size.1, recipe, ContentDigest.sha256(bytes))
        }
    }
}

/// Collects snapshots into batches, draws each batch across threads and hands the
/// frames to the user's sink in order.
private struct SinkFeeder<Sink: FrameSink>: SnapshotSink {
    let renderer: FrameRenderer
    var sink: Sink
    let encoding: FrameEncoding
    let jobs: Int
    let batchSize: Int
    let total: Int
    let progress: (Int, Int) -> Void
    var states: StillStates
    var pending: [DiagramState] = []
    var entries: [FrameManifest.Entry] = []

    init(renderer: FrameRenderer, sink: Sink, jobs: Int, batchSize: Int, total: Int,
         progress: @escaping (Int, Int) -> Void) {
        self.renderer = renderer
        self.sink = sink
        encoding = sink.encoding
        self.jobs = jobs
        self.batchSize = batchSize
        self.total = total
        self.progress = progress
        states = StillStates(renderer: renderer)
    }

    mutating func receive(_ snapshot: Snapshot) throws {
        pending.append(states.state(for: snapshot))
        if pending.count >= batchSize { try flush() }
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let renderer = self.renderer, encoding = self.encoding
        let drawn = ParallelMap.run(count: batch.count, jobs: jobs) { i in
            Result { try renderer.encode(renderer.builder.scene(batch[i]), encoding: encoding) }
        }
        for (i, result) in drawn.enumerated() {
            let (bytes, width, height, recipe, sha256) = try result.get()
            let number = entries.count + 1
            let entry = FrameManifest.Entry(state: batch[i], index: number,
                                            file: String(format: "frame_%06d.%@", number, encoding.fileExtension),
                                            page: nil, recipe: recipe, sha256: sha256)
            try sink.receive(RenderedFrame(entry: entry, number: number, encoding: encoding, bytes: bytes,
                                           width: width, height: height))
            entries.append(entry)
        }
        progress(entries.count, total)
    }
}
