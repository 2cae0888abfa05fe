import Dispatch
import Foundation
import NetFramesGraphics
import NetFramesRun
import NetFramesScene
import NetFramesVideo

/// Pipes frames to ffmpeg as raw pixels: one video file, written under a temporary name
/// and kept only when every frame went in and ffmpeg finished.
///
/// Pixels are made on the pipeline's threads; a writer thread of its own feeds ffmpeg,
/// so drawing the next batch overlaps encoding this one. The frames' captions become
/// the video's subtitles, and its steps or chapters its chapters (`VideoLesson`).
public struct VideoSink: FrameSink, @unchecked Sendable {
    /// A frame as the sink keeps it: its pixels, and what the lesson tracks need.
    public struct Drawn: Sendable {
        /// The pixels as ffmpeg takes them.
        public var pixels: [UInt8]
        /// The step the frame shows.
        public var iteration: Int
        /// The frame's caption lines.
        public var caption: [String]
    }

    /// The encoder's settings.
    public let command: FFmpegCommand
    let scale: Double
    // Used on the calling thread only: draw never touches them.
    let encoder: FFmpegEncoder
    let writer: FrameWriter
    private var batch: [[UInt8]] = []
    private var lesson: VideoLesson?
    /// The subtitle and chapter files written beside the video.
    public private(set) var sidecars: [String] = []

    /// A video at `path`, encoded by `command` (whose size must be the frames' pixel size).
    ///
    /// - Parameter lesson: the subtitles and chapters the video carries; `nil` for none.
    /// - Throws: `VideoError` when ffmpeg is missing or cannot start, or the place cannot be written.
    public init(command: FFmpegCommand, path: String, scale: Double, lesson: VideoLessonPlan? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.command = command
        self.scale = scale
        encoder = try FFmpegEncoder(command: command, output: path, environment: environment)
        writer = FrameWriter(encoder: encoder)
        self.lesson = lesson.map { VideoLesson(plan: $0, video: path, fps: command.fps) }
    }

    /// Frames sent to ffmpeg.
    public var framesSent: Int { encoder.framesSent }

    /// The frame's pixels as ffmpeg takes them, with its step and caption.
    public func draw(_ frame: PipelineFrame) throws -> Drawn {
        Drawn(pixels: try VideoSink.raw(frame.scene, alpha: command.alpha, scale: scale),
              iteration: frame.state.iteration, caption: frame.scene.caption)
    }

    /// Queues the frame for the batch, and its caption for the subtitles.
    public mutating func receive(_ drawn: Drawn) throws {
        lesson?.append(iteration: drawn.iteration, caption: drawn.caption)
        batch.append(drawn.pixels)
    }

    /// Hands the batch to the writer thread.
    public mutating func endBatch() throws {
        try writer.enqueue(batch)
        batch = []
    }

    /// Finishes the video; after a failure or divergence, leaves nothing under its name.
    public mutating func finish(_ ending: PipelineEnding) throws {
        guard case .finished = ending else {
            writer.cancel()
            encoder.abandon()
            return
        }
        do {
            try writer.drain()
            if let lesson { sidecars = try lesson.finish(encoder) } else { try encoder.finish() }
        } catch {
            writer.cancel()
            encoder.abandon()
            throw error
        }
    }

    /// One frame's raw pixels as ffmpeg expects them: BGRA as cairo holds it for opaque
    /// frames, straight-alpha RGBA for transparent ones.
    static func raw(_ scene: Scene, alpha: Bool, scale: Double) throws -> [UInt8] {
        let renderer = SceneRenderer()
        if alpha { return try renderer.rasterize(scene, scale: scale).bytes }
        var buffer: [UInt8] = []
        try renderer.renderBGRA(scene, scale: scale, into: &buffer)
        return buffer
    }
}

/// The GIF palette pass: sampled frames go to ffmpeg's palettegen, which writes the 256
/// colours the GIF is then encoded with, so the GIF is not dithered and needs no frames
/// held in memory.
struct PaletteSink: FrameSink, @unchecked Sendable {
    let scale: Double
    let pass: FFmpegEncoder

    init(command: FFmpegCommand, path: String, scale: Double, environment: [String: String]) throws {
        self.scale = scale
        pass = try FFmpegEncoder(command: command, output: path, environment: environment, paletteOnly: true)
    }

    func draw(_ frame: PipelineFrame) throws -> [UInt8] {
        try VideoSink.raw(frame.scene, alpha: false, scale: scale)
    }

    mutating func receive(_ drawn: [UInt8]) throws {
        try drawn.withUnsafeBytes { try pass.write($0) }
    }

    mutating func finish(_ ending: PipelineEnding) throws {
        guard case .finished = ending else {
            pass.abandon()
            return
        }
        do { try pass.finish() } catch { pass.abandon(); throw error }
    }
}

/// Hands frames to the encoder on a thread of its own, so drawing the next batch
/// overlaps writing this one. At most two batches wait.
final class FrameWriter: @unchecked Sendable {
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
