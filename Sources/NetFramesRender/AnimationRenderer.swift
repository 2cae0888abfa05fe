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
/// image sequence. Both are the one pipeline (`FramePipeline`) with the animation as its
/// frame source, and a `VideoSink` or a `FrameFolderSink`.
public struct AnimationRenderer: Sendable {
    /// The run trained and shown.
    public let run: Run
    /// How frames look.
    public let style: DiagramStyle
    /// Timing, easing and chapters.
    public let animation: AnimationSettings
    let measurer: any TextMeasuring
    /// Checked between batches of frames; a stop abandons a video (nothing is left under
    /// its name) and records a sequence's finished frames.
    public var cancellation: RenderCancellation?
    /// Runs drawn beside `run`, in step, as a comparison (empty: `run` alone).
    public var companions: [Run] = []

    /// A renderer. Nothing is trained until a render is asked for.
    public init(run: Run, style: DiagramStyle, animation: AnimationSettings,
                measurer: any TextMeasuring = CairoTextMeasurer()) {
        self.run = run
        self.style = style
        self.animation = animation
        self.measurer = measurer
    }

    /// The pipeline of the animation's frames; `opaque` draws a transparent theme on
    /// the light theme's background, for formats without alpha, rather than on black.
    func pipeline(jobs: Int, opaque: Bool) -> FramePipeline {
        var style = self.style
        if opaque && style.theme == .transparent { style.theme = .light }
        return FramePipeline(run: run, style: style, source: .animation(animation), jobs: jobs,
                             cancellation: cancellation, measurer: measurer, companions: companions)
    }

    /// Draws each frame's state in `style` (the layouts are computed on each call).
    public var builder: DiagramBuilder { DiagramBuilder(setup: run.setup, style: style, measurer: measurer) }

    /// Frames the animation will have.
    public var plannedFrameCount: Int {
        ([run] + companions).map { FrameSource.animation(animation).frameCount(of: $0) }.max()!
    }

    /// The pixel size of a frame.
    public var pixelSize: (width: Int, height: Int) { style.pixelSize }

    /// Whether frames need an alpha channel.
    public var hasAlpha: Bool { style.theme == .transparent }

    /// The video's subtitles and chapters: the animation's chapters (of the first run,
    /// whose steps a comparison's frames name) and its subtitle settings.
    var lessonPlan: VideoLessonPlan { VideoLessonPlan(animation: animation, iterations: run.iterations) }

    /// The encoder settings of a video in `format`.
    func command(_ format: VideoFormat, quality: VideoQuality) -> FFmpegCommand {
        let size = pixelSize
        return FFmpegCommand(format: format, width: size.width, height: size.height, fps: animation.fps,
                             alpha: hasAlpha && format.supportsAlpha, quality: quality)
    }

    /// This shard's part of a video: its frames as PNG files in the video's frames folder,
    /// with the plan `netframes assemble` encodes them by.
    public func renderVideoPart(format: VideoFormat, to path: String, quality: VideoQuality = .medium, jobs: Int,
                                shard: Shard, resume: Bool = true,
                                progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> AnimationSummary {
        let (summary, result) = try videoPart(format: format, to: path, quality: quality, jobs: jobs, shard: shard,
                                              resume: resume, progress: progress)
        return try result.summary(summary)
    }

    /// `renderVideoPart`, with what the pass gave; a divergence is reported, not thrown.
    func videoPart(format: VideoFormat, to path: String, quality: VideoQuality, jobs: Int, shard: Shard, resume: Bool,
                   progress: @escaping (Int, Int) -> Void) throws -> (AnimationSummary, PipelineResult) {
        let folder = (path as NSString).deletingLastPathComponent
        let frames = VideoPlan.framesFolder(for: (path as NSString).lastPathComponent, in: folder)
        let command = command(format, quality: quality)
        let plan = VideoPlan(format: format, quality: quality, fps: animation.fps, alpha: command.alpha,
                             width: command.width, height: command.height, video: (path as NSString).lastPathComponent,
                             lesson: lessonPlan)
        try OutputFolder.prepare(frames, force: false)
        try AtomicFileWriter.write(Array(plan.json.utf8), to: frames + "/" + VideoPlan.fileName)
        return try sequence(format: .png, folder: frames, force: false, jobs: jobs, shard: shard, resume: resume,
                            opaque: !plan.alpha, progress: progress)
    }

    /// Writes the animation as one video file.
    public func renderVideo(format: VideoFormat, to path: String, quality: VideoQuality = .medium, jobs: Int,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> AnimationSummary {
        let (summary, result) = try video(format: format, to: path, quality: quality, jobs: jobs, environment: environment,
                                          progress: progress)
        return try result.summary(summary)
    }

    /// `renderVideo`, with what the pass gave; a divergence is reported, not thrown.
    func video(format: VideoFormat, to path: String, quality: VideoQuality, jobs: Int, environment: [String: String],
               progress: @escaping (Int, Int) -> Void) throws -> (AnimationSummary, PipelineResult) {
        var command = command(format, quality: quality)
        let pipeline = pipeline(jobs: jobs, opaque: !command.alpha)
        var paletteFile: String?
        if format == .gif {
            paletteFile = try makePalette(pipeline, command: command, beside: path, environment: environment)
            command.palette = paletteFile
        }
        defer { if let paletteFile { unlink(paletteFile) } }
        var sink = try VideoSink(command: command, path: path, scale: style.scale, lesson: lessonPlan,
                                 environment: environment)
        let result = try pipeline.run(into: &sink, progress: progress)
        return (AnimationSummary(frames: sink.framesSent, seconds: Double(sink.framesSent) / animation.fps,
                                 files: [path] + sink.sidecars, assembleCommand: nil), result)
    }

    /// Writes the animation as numbered still frames (PNG or SVG) in `folder`, with a
    /// manifest; frames an earlier render finished are kept, as for stills.
    ///
    /// - Parameter shard: write only this part of the frames, and `manifest.part-K-of-N.json`.
    public func renderSequence(format: FrameFormat, folder: String, force: Bool, jobs: Int, shard: Shard? = nil,
                               resume: Bool = true, opaque: Bool = false,
                               progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> AnimationSummary {
        let (summary, result) = try sequence(format: format, folder: folder, force: force, jobs: jobs, shard: shard,
                                             resume: resume, opaque: opaque, progress: progress)
        return try result.summary(summary)
    }

    /// `renderSequence`, with what the pass gave; a divergence is reported, not thrown.
    func sequence(format: FrameFormat, folder: String, force: Bool, jobs: Int, shard: Shard?, resume: Bool,
                  opaque: Bool, progress: @escaping (Int, Int) -> Void) throws -> (AnimationSummary, PipelineResult) {
        let pipeline = pipeline(jobs: jobs, opaque: opaque)
        let total = pipeline.frameCount
        let range = shard?.range(of: total) ?? 0..<total
        var sink = try FrameFolderSink(folder: folder, format: format, style: pipeline.style, runName: run.name,
                                       totalFrames: total, range: range, shard: shard, resume: resume, force: force)
        let result = try pipeline.run(into: &sink, frames: range, progress: progress)
        let size = pixelSize
        let command = FFmpegCommand(format: hasAlpha ? .webm : .mp4, width: size.width, height: size.height,
                                    fps: animation.fps, alpha: hasAlpha)
        let assemble = command.sequenceCommand(pattern: "\(folder)/frame_%06d.\(format.fileExtension)",
                                               output: "\(folder)/\(run.name).\(hasAlpha ? "webm" : "mp4")")
        let frames = sink.manifest.entries.count
        return (AnimationSummary(frames: frames, seconds: Double(frames) / animation.fps, files: sink.files,
                                 assembleCommand: assemble, framesKept: sink.kept), result)
    }

    /// A first pass over up to 40 evenly spaced frames to choose a GIF's 256 colours.
    private func makePalette(_ pipeline: FramePipeline, command: FFmpegCommand, beside path: String,
                             environment: [String: String]) throws -> String {
        let step = max(1, max(1, pipeline.frameCount) / 40)
        let palette = URL(fileURLWithPath: path).deletingLastPathComponent()
            .appendingPathComponent(".palette-\(getpid()).png").path
        var sink: PaletteSink
        do {
            sink = try PaletteSink(command: command, path: palette, scale: style.scale, environment: environment)
        } catch let VideoError.cannotWrite(_, reason) {
            throw VideoError.cannotWrite(output: path, reason: reason)  // the GIF asked for, not the hidden palette
        }
        do {
            try pipeline.run(into: &sink, stride: step)
        } catch let VideoError.encoderFailed(_, status, framesSent, message) {
            // Name the GIF the user asked for, not the hidden palette file.
            throw VideoError.encoderFailed(output: path, status: status, framesSent: framesSent,
                                           message: "while choosing the GIF's colours: " + message)
        }
        return palette
    }
}
