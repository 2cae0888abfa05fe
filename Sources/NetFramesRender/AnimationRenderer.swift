import Dispatch
import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesGraphics
import NetFramesScene
import NetFramesTimeline
import NetFramesVideo
import NetFramesRun

/// What an animation render made.
public struct AnimationSummary: Sendable {
    /// Frames made.
    public var frames: Int
    /// The animation's length at its frame rate.
    public var seconds: Double
    /// The files written.
    public var files: [String]
    /// For an image sequence: the ffmpeg command that assembles it.
    public var assembleCommand: String?
    /// For an image sequence: frames an earlier render finished and that were kept.
    public var framesKept = 0
}

/// Trains a run and turns it into an animation: a video through ffmpeg, or a numbered
/// image sequence.
///
/// Snapshots stream from the trainer into the timeline; its frames are drawn a batch at
/// a time across `jobs` threads, each on its own surface, and handed in order to a
/// writer thread that pipes them to ffmpeg while the next batch is drawn.
public struct AnimationRenderer: Sendable {
    /// The run trained and shown.
    public let run: Run
    /// How frames look.
    public let style: DiagramStyle
    /// Timing, easing and chapters.
    public let animation: AnimationSettings
    /// Draws each frame's state in `style`.
    public let builder: DiagramBuilder
    /// The builder for formats without alpha: a transparent theme is drawn on the
    /// light theme's background there, rather than on black.
    let opaqueBuilder: DiagramBuilder
    let renderer = SceneRenderer()
    /// Checked between batches of frames; a stop abandons a video (nothing is left under
    /// its name) and records a sequence's finished frames.
    public var cancellation: RenderCancellation?

    /// A renderer; the layouts are computed once, here. Nothing is trained until a render is asked for.
    public init(run: Run, style: DiagramStyle, animation: AnimationSettings,
                measurer: any TextMeasuring = CairoTextMeasurer()) {
        self.run = run
        self.style = style
        self.animation = animation
        builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
        var opaque = style
        if opaque.theme == .transparent { opaque.theme = .light }
        opaqueBuilder = style.theme == .transparent
            ? DiagramBuilder(setup: run.setup, style: opaque, measurer: measurer) : builder
    }

    /// Frames the animation will have.
    public var plannedFrameCount: Int {
        Timeline.plannedFrameCount(settings: animation, iterations: run.iterations, sampling: run.sampling,
                                   layerCount: run.setup.shape.layerCount)
    }

    /// The pixel size of a frame.
    public var pixelSize: (width: Int, height: Int) {
        (Int((style.width * style.scale).rounded(.up)), Int((style.height * style.scale).rounded(.up)))
    }

    /// Whether frames need an alpha channel.
    public var hasAlpha: Bool { style.theme == .transparent }

    /// This shard's part of a video: its frames as PNG files in the video's frames folder,
    /// with the plan `netframes assemble` encodes them by.
    public func renderVideoPart(format: VideoFormat, to path: String, quality: VideoQuality = .medium, jobs: Int,
                                shard: Shard, resume: Bool = true,
                                progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> AnimationSummary {
        let size = pixelSize
        let folder = (path as NSString).deletingLastPathComponent
        let frames = VideoPlan.framesFolder(for: (path as NSString).lastPathComponent, in: folder)
        let plan = VideoPlan(format: format, quality: quality, fps: animation.fps, alpha: hasAlpha && format.supportsAlpha,
                             width: size.width, height: size.height, video: (path as NSString).lastPathComponent)
        try OutputFolder.prepare(frames, force: false)
        try AtomicFileWriter.write(Array(plan.json.utf8), to: frames + "/" + VideoPlan.fileName)
        return try renderSequence(format: .png, folder: frames, force: false, jobs: jobs, shard: shard, resume: resume,
                                  opaque: !plan.alpha, progress: progress)
    }

    /// Writes the animation as one video file.
    public func renderVideo(format: VideoFormat, to path: String, quality: VideoQuality = .medium, jobs: Int,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> AnimationSummary {
        let size = pixelSize
        var command = FFmpegCommand(format: format, width: size.width, height: size.height, fps: animation.fps,
                                    alpha: hasAlpha && format.supportsAlpha, quality: quality)
        var paletteFile: String?
        if format == .gif {
            paletteFile = try makePalette(command: command, beside: path, jobs: jobs, environment: environment)
            command.palette = paletteFile
        }
        defer { if let paletteFile { unlink(paletteFile) } }
        let alpha = command.alpha
        let encoder = try FFmpegEncoder(command: command, output: path, environment: environment)
        let total = plannedFrameCount
        let writer = FrameWriter(encoder: encoder)
        do {
            try stream(builder: alpha ? builder : opaqueBuilder, jobs: jobs, total: total, progress: progress) { _, scenes, _ in
                let frames = try ParallelMap.run(count: scenes.count, jobs: jobs) { i in
                    Result { try self.raw(scenes[i], alpha: alpha) }
                }.map { try $0.get() }
                try writer.enqueue(frames)
            }
            try writer.drain()
            try encoder.finish()
        } catch {
            writer.cancel()
            encoder.abandon()
            throw error
        }
        return AnimationSummary(frames: encoder.framesSent, seconds: Double(encoder.framesSent) / animation.fps,
                                files: [path], assembleCommand: nil)
    }

    /// Writes the animation as numbered still frames (PNG or SVG) in `folder`, with a
    /// manifest; frames an earlier render finished are kept, as for stills.
    ///
    /// - Parameter shard: write only this part of the frames, and `manifest.part-K-of-N.json`.
    public func renderSequence(format: FrameFormat, folder: String, force: Bool, jobs: Int, shard: Shard? = nil,
                               resume: Bool = true, opaque: Bool = false,
                               progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> AnimationSummary {
        try OutputFolder.prepare(folder, force: force)
        let total = plannedFrameCount
        let range = shard?.range(of: total) ?? 0..<total
        let manifestName = FrameManifest.fileName(shard: shard)
        let journal = try ManifestJournal(path: "\(folder)/.\(manifestName).journal")
        var writer = FrameFileWriter(folder: folder, format: format, scale: style.scale, jobs: jobs,
                                     ledger: resume ? FrameLedger(folder: folder, format: format) : nil, journal: journal)
        var manifest = FrameManifest(runName: run.name, format: format, width: style.width, height: style.height,
                                     scale: style.scale, totalFrames: total, range: range)
        var failure: Error?
        do {
            try stream(builder: opaque ? opaqueBuilder : builder, jobs: jobs, total: total, range: range,
                       progress: progress) { states, scenes, first in
                manifest.entries += try writer.write(scenes, states: states, first: first)
            }
        } catch {
            failure = error
        }
        try AtomicFileWriter.write(Array(manifest.json.utf8), to: folder + "/" + manifestName)
        journal.remove()
        if var interrupted = failure as? RenderInterrupted {
            interrupted.framesDone = manifest.entries.count
            throw interrupted
        }
        if let failure { throw failure }
        let size = pixelSize
        let command = FFmpegCommand(format: hasAlpha ? .webm : .mp4, width: size.width, height: size.height,
                                    fps: animation.fps, alpha: hasAlpha)
        let assemble = command.sequenceCommand(pattern: "\(folder)/frame_%06d.\(format.fileExtension)",
                                               output: "\(folder)/\(run.name).\(hasAlpha ? "webm" : "mp4")")
        return AnimationSummary(frames: manifest.entries.count, seconds: Double(manifest.entries.count) / animation.fps,
                                files: manifest.entries.map(\.file) + [manifestName], assembleCommand: assemble,
                                framesKept: writer.kept)
    }

    // MARK: The stream

    /// Trains the run and hands the timeline's states and scenes to `body` in order, a
    /// batch at a time, with the 0-based position of the batch's first frame.
    ///
    /// - Parameter range: the frames wanted; training stops once the last is drawn.
    private func stream(builder: DiagramBuilder, jobs: Int, total: Int, range: Range<Int>? = nil,
                        progress: @escaping (Int, Int) -> Void,
                        body: @escaping ([DiagramState], [Scene], Int) throws -> Void) throws {
        let batchSize = max(8, jobs * 6)
        let range = range ?? 0..<Int.max
        var pending: [DiagramState] = []
        var next = 0, first = range.lowerBound
        let cancellation = self.cancellation
        func flush() throws {
            guard !pending.isEmpty else { return }
            try cancellation?.check()
            let states = pending
            pending.removeAll(keepingCapacity: true)
            let scenes = ParallelMap.run(count: states.count, jobs: jobs) { builder.scene(states[$0]) }
            try body(states, scenes, first)
            first += states.count
            progress(first - range.lowerBound, min(total, range.upperBound) - range.lowerBound)
        }
        var timeline = Timeline(settings: animation, iterations: run.iterations) { state in
            defer { next += 1 }
            if next >= range.upperBound {
                try flush()
                throw EndOfShare()
            }
            guard next >= range.lowerBound else { return }
            pending.append(state)
            if pending.count >= batchSize { try flush() }
        }
        var sink = TimelineSink(runName: run.name, timeline: timeline,
                                panels: PanelTracker(settings: style.panels, setup: run.setup, dataset: run.dataset,
                                                     initial: run.initialParameters))
        var trainer = run.makeTrainer()
        var failure: Error?
        do {
            try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &sink)
        } catch is EndOfShare {
            return
        } catch let error as TrainingError {
            failure = error
        }
        timeline = sink.timeline
        do {
            try timeline.finish()
        } catch is EndOfShare {
            return
        }
        try flush()
        if let failure { throw failure }
    }

    /// One frame's raw pixels as ffmpeg expects them: BGRA as cairo holds it for opaque
    /// frames, straight-alpha RGBA for transparent ones.
    func raw(_ scene: Scene, alpha: Bool) throws -> [UInt8] {
        if alpha { return try renderer.rasterize(scene, scale: style.scale).bytes }
        var buffer: [UInt8] = []
        try renderer.renderBGRA(scene, scale: style.scale, into: &buffer)
        return buffer
    }

    /// A first pass over up to 40 evenly spaced frames to choose a GIF's 256 colours,
    /// so the GIF is not dithered and needs no frames held in memory.
    private func makePalette(command: FFmpegCommand, beside path: String, jobs: Int,
                             environment: [String: String]) throws -> String {
        let total = max(1, plannedFrameCount)
        let step = max(1, total / 40)
        let palette = URL(fileURLWithPath: path).deletingLastPathComponent()
            .appendingPathComponent(".palette-\(getpid()).png").path
        let pass: FFmpegEncoder
        do {
            pass = try FFmpegEncoder(command: command, output: palette, environment: environment, paletteOnly: true)
        } catch let VideoError.cannotWrite(_, reason) {
            throw VideoError.cannotWrite(output: path, reason: reason)  // the GIF asked for, not the hidden palette
        }
        var index = 0
        do {
            try stream(builder: opaqueBuilder, jobs: jobs, total: total, progress: { _, _ in }) { _, scenes, _ in
                let chosen = scenes.indices.filter { (index + $0) % step == 0 }
                index += scenes.count
                let frames = try ParallelMap.run(count: chosen.count, jobs: jobs) { k in
                    Result { try self.raw(scenes[chosen[k]], alpha: false) }
                }.map { try $0.get() }
                for frame in frames { try frame.withUnsafeBytes { try pass.write($0) } }
            }
            try pass.finish()
        } catch let VideoError.encoderFailed(_, status, framesSent, message) {
            pass.abandon()
            // Name the GIF the user asked for, not the hidden palette file.
            throw VideoError.encoderFailed(output: path, status: status, framesSent: framesSent,
                                           message: "while choosing the GIF's colours: " + message)
        } catch {
            pass.abandon()
            throw error
        }
        return palette
    }
}

/// Feeds the timeline the snapshots it shows, as diagram states.
private struct TimelineSink: SnapshotSink {
    let runName: String
    var timeline: Timeline
    var panels: PanelTracker
    var lastLoss: [Int: (iteration: Int, loss: Double)] = [:]

    mutating func receive(_ snapshot: Snapshot) throws {
        defer {
            if snapshot.phase == .update, let loss = snapshot.loss {
                lastLoss[snapshot.example] = (snapshot.iteration, loss)
            }
        }
        panels.observe(snapshot)
        guard timeline.wants(iteration: snapshot.iteration, phase: snapshot.phase) else { return }
        var state = DiagramState(snapshot: snapshot, runName: runName)
        panels.annotate(&state)
        state.previousLoss = lastLoss[snapshot.example]
        try timeline.push(state)
    }
}

/// Hands frames to the encoder on a thread of its own, so drawing the next batch
/// overlaps writing this one. At most two batches wait.
private final class FrameWriter: @unchecked Sendable {
    private let encoder: FFmpegEncoder
    private let queue = DispatchQueue(label: "netframes.frame-writer")
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var error: Error?
    private var cancelled = false

    init(encoder: FFmpegEncoder) {
        self.encoder = encoder
    }

    func enqueue(_ frames: [[UInt8]]) throws {
        try check()
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard !isCancelledOrFailed else { return }
            do {
                for frame in frames { try frame.withUnsafeBytes { try encoder.write($0) } }
            } catch {
                lock.lock()
                self.error = error
                lock.unlock()
            }
        }
    }

    /// Waits for every queued frame to be written.
    func drain() throws {
        queue.sync {}
        try check()
    }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        queue.sync {}
    }

    private var isCancelledOrFailed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled || error != nil
    }

    private func check() throws {
        lock.lock()
        defer { lock.unlock() }
        if let error { throw error }
    }
}
