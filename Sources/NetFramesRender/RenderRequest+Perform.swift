import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesRun

/// What a render wrote, in any format, and how its run ended.
public struct RenderReport: Sendable {
    /// What kind of output was written.
    public enum Output: Sendable {
        /// Still frames (or one PDF) and their manifest.
        case stills(RenderSummary)
        /// A numbered animation sequence, with the ffmpeg command that assembles it.
        case sequence(AnimationSummary)
        /// One video file.
        case video(AnimationSummary, path: String)
        /// A shard's frames of a video, for `netframes assemble`.
        case videoPart(AnimationSummary, path: String)
        /// The HTML player page.
        case page(HTMLPlayerSummary)
    }

    /// What was written.
    public var output: Output
    /// What the pipeline's pass gave: final parameters, the last still, a divergence.
    public var result: PipelineResult
    /// Frames the whole render has (all shards together).
    public var totalFrames: Int
    /// The file that stands for the render in a batch summary, relative to its folder:
    /// `manifest.json` (or the shard's part), the video, or the page.
    public var mainFile: String
    /// The training curves written beside the output, relative to its folder
    /// (`curves.csv`, or `NAME.curves.csv` beside a video or page); empty for a shard
    /// that stopped before the run's end.
    public var curveFiles: [String] = []

    /// Frames written (or sent to ffmpeg) by this process.
    public var frames: Int {
        switch output {
        case .stills(let s): return s.manifest.entries.count
        case .sequence(let s), .video(let s, _), .videoPart(let s, _): return s.frames
        case .page(let s): return s.frames
        }
    }

    /// Frames an earlier render finished and this one kept.
    public var framesKept: Int {
        switch output {
        case .stills(let s): return s.framesKept
        case .sequence(let s), .videoPart(let s, _): return s.framesKept
        case .video, .page: return 0
        }
    }
}

extension RenderRequest {
    /// Draws the request through the one frame pipeline into its sink: stills, one PDF,
    /// an `--animate` sequence, a video or a shard's part of it, or the HTML player.
    ///
    /// A divergence does not throw: the frames before it are written (a video is not),
    /// and `result.divergence` says so, for the caller to report. The runs' training
    /// curves are written beside the output (`CurveFiles`).
    ///
    /// - Parameter progress: called after each batch with (frames done, frames asked for).
    /// - Throws: `NetFramesError` for output problems and a sharded page, `VideoError`,
    ///   `GraphicsError`, `RenderInterrupted` when cancelled.
    public func perform(progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> RenderReport {
        var report = try performPipeline(progress: progress)
        // Beside a video or page its own name; in a folder of frames, plain `curves.csv`.
        let besideFile: Bool
        switch report.output {
        case .video, .videoPart, .page: besideFile = true
        case .stills, .sequence: besideFile = false
        }
        report.curveFiles = try CurveFiles.write(report.result, folder: folder, beside: besideFile ? name : nil)
        return report
    }

    /// `perform` up to the curve files: the pipeline's pass into the request's sink.
    private func performPipeline(progress: @escaping (Int, Int) -> Void) throws -> RenderReport {
        let total = ([run] + companions).map { source.frameCount(of: $0) }.max()!
        if format == .html && !companions.isEmpty {
            throw NetFramesError.invalidOption("--format html plays one run; a comparison renders stills (png, svg, pdf) "
                + "or a video (mp4, webm, gif, mov)")
        }
        if format == .html {
            if let shard, shard.count > 1 {
                throw NetFramesError.invalidOption("--format html writes one page, which cannot be split into parts "
                    + "(this is part \(shard)); render it without --shard, or outside an array job.")
            }
            let output = HTMLPlayerOutput(folder: folder, name: name, encoding: htmlFrames, jobs: jobs, force: force,
                                          cancellation: cancellation)
            let (summary, result) = try HTMLPlayer(run: run, style: style).write(to: output, progress: progress)
            return RenderReport(output: .page(summary), result: result, totalFrames: total, mainFile: name + ".html")
        }
        if let video = format.videoFormat {
            try OutputFolder.prepare(folder, force: force)
            var animator = AnimationRenderer(run: run, style: style, animation: animation)
            animator.cancellation = cancellation
            animator.companions = companions
            let file = "\(name).\(video.fileExtension)", path = folder + "/" + file
            if let shard {
                let (summary, result) = try animator.videoPart(format: video, to: path, quality: quality, jobs: jobs,
                                                               shard: shard, resume: resume, progress: progress)
                return RenderReport(output: .videoPart(summary, path: path), result: result, totalFrames: total,
                                    mainFile: file)
            }
            let (summary, result) = try animator.video(format: video, to: path, quality: quality, jobs: jobs,
                                                       environment: ProcessInfo.processInfo.environment,
                                                       progress: progress)
            return RenderReport(output: .video(summary, path: path), result: result, totalFrames: total, mainFile: file)
        }
        guard let still = format.frameFormat else {
            throw NetFramesError.invalidOption("\(format.rawValue) is not a format NetFrames renders")
        }
        if animate {
            var animator = AnimationRenderer(run: run, style: style, animation: animation)
            animator.cancellation = cancellation
            animator.companions = companions
            let (summary, result) = try animator.sequence(format: still, folder: folder, force: force, jobs: jobs,
                                                          shard: shard, resume: resume, opaque: false, progress: progress)
            return RenderReport(output: .sequence(summary), result: result, totalFrames: total,
                                mainFile: FrameManifest.fileName(shard: shard))
        }
        let output = FrameOutput(folder: folder, format: still, singleFile: singleFile, jobs: jobs, force: force,
                                 shard: shard, resume: resume, cancellation: cancellation)
        var renderer = FrameRenderer(run: run, style: style)
        renderer.companions = companions
        let (summary, result) = try renderer.write(to: output, progress: progress)
        return RenderReport(output: .stills(summary), result: result, totalFrames: total,
                            mainFile: FrameManifest.fileName(shard: shard))
    }
}
