import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesRun
import NetFramesTimeline
import NetFramesVideo

/// One render, fully decided: the run, what to write, how it looks and moves, where,
/// and which part. `render`, `demo` and `batch` (once per run) build one, and so can a
/// library user; `perform()` draws it through the one frame pipeline.
///
/// Every setting is resolved by one precedence rule: the command line (the overrides),
/// then the run file, then the video quality preset, then the default. So the same
/// flags mean the same in `render`, `batch` and the library.
public struct RenderRequest: Sendable {
    /// The run, with the overrides' sampling and divergence handling applied.
    public var run: Run
    /// What is written.
    public var format: OutputFormat
    /// How frames look, size and scale included.
    public var style: DiagramStyle
    /// Timing and chapters of an animation.
    public var animation: AnimationSettings
    /// The video encoder preset.
    public var quality: VideoQuality
    /// png or svg: the animation's frames as a numbered sequence instead of stills.
    public var animate: Bool
    /// pdf: one file with a page per frame.
    public var singleFile: Bool
    /// html: how the player holds its frames.
    public var htmlFrames: HTMLFrameEncoding
    /// The folder written into.
    public var folder: String
    /// The video's or page's file name, without extension.
    public var name: String
    /// Frames drawn at once.
    public var jobs: Int
    /// This process's part of the frames; `nil` for all.
    public var shard: Shard?
    /// Keep frames an earlier render of the folder finished.
    public var resume: Bool
    /// Write into a non-empty folder NetFrames did not make.
    public var force: Bool
    /// Checked between batches of frames.
    public var cancellation: RenderCancellation?
    /// The style and animation keys the overrides set, so limit messages name the option.
    public var commandLineKeys: Set<String>
    /// Runs drawn beside `run`, in step, as one comparison (`batch --compare`); empty
    /// for `run` alone. Their training settings are their own; `every` and `logFrames` apply to all.
    public var companions: [Run] = []

    /// The request for `run` with `overrides` over its own settings.
    ///
    /// - Parameters:
    ///   - folder: default `Output/<run name>`.
    ///   - name: the video's or page's file name; default the run's name.
    public init(run: Run, overrides: RenderOverrides = RenderOverrides(), folder: String? = nil, name: String? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, shard: Shard? = nil, resume: Bool = true,
                force: Bool = false, cancellation: RenderCancellation? = nil) {
        var run = run
        run.sampling = overrides.sampling(over: run.sampling)
        if overrides.keepDiverged { run.divergenceLog = DivergenceLog() }
        let format = overrides.format ?? run.renderFormat ?? .png
        let animated = format.videoFormat != nil || overrides.animate
        // A preset sits below the run file's own values. `--quality` sizes stills too; the
        // run file's `animation.quality` is for its animations.
        let preset = overrides.quality ?? (animated ? run.videoQuality : nil)
        var style = run.render
        if let preset {
            if !run.explicitSettings.contains(.width) { style.width = Double(preset.size.width) }
            if !run.explicitSettings.contains(.height) { style.height = Double(preset.size.height) }
        }
        if let width = overrides.width { style.width = Double(width) }
        if let height = overrides.height { style.height = Double(height) }
        if let scale = overrides.scale { style.scale = scale }
        if let theme = overrides.theme { style.theme = theme }
        if let pngCompression = overrides.pngCompression { style.pngCompression = pngCompression }
        if let digits = overrides.digits { style.digits = digits }
        if let font = overrides.font { style.fontFamily = font }
        if let weightLabels = overrides.weightLabels { style.weightLabels = weightLabels }
        if let signStyle = overrides.signStyle { style.signStyle = signStyle }
        if let lossScale = overrides.lossScale { style.lossScale = lossScale }
        if let weights = overrides.weights { style.weights = weights }
        if let inputImage = overrides.inputImage { style.inputImage = inputImage }
        if let panels = overrides.panels { style.panels = panels.applied(to: style.panels) }
        var animation = run.animation
        if let preset, !run.explicitSettings.contains(.fps) { animation.fps = preset.fps }
        if let fps = overrides.fps { animation.fps = fps }
        if let subtitles = overrides.subtitles { animation.subtitles = subtitles }
        if let language = overrides.subtitleLanguage { animation.subtitleLanguage = language }

        self.run = run
        self.format = format
        self.style = style
        self.animation = animation
        quality = preset ?? .medium
        animate = overrides.animate
        singleFile = overrides.singleFile
        htmlFrames = overrides.htmlFrames ?? .auto
        self.folder = folder ?? "Output/\(run.name)"
        self.name = name ?? run.name
        self.jobs = max(1, jobs)
        self.shard = shard
        self.resume = resume
        self.force = force
        self.cancellation = cancellation
        commandLineKeys = overrides.keys
    }

    /// Whether the frames are an animation's (a video, or an `--animate` sequence).
    public var isAnimated: Bool { format.videoFormat != nil || animate }

    /// Where the frames come from.
    public var source: FrameSource { isAnimated ? .animation(animation) : .stills }

    /// Checks the render against `limits` before anything is trained.
    ///
    /// - Throws: `LimitError` naming the limit, the amount and what makes it.
    public func check(limits: Limits) throws {
        for run in [run] + companions {
            if let image = style.inputImage, image.pixelCount != run.setup.shape.inputCount {
                throw NetFramesError.invalidOption("The input image is \(image.text) = \(image.pixelCount) pixels, but "
                    + "the network of \(run.name) has \(run.setup.shape.inputCount) inputs; width × height must be "
                    + "\(run.setup.shape.inputCount) (--input-image, render.inputImage).")
            }
            try RenderVolume(run: run, fromCommandLine: commandLineKeys)
                .checkRender(style: style, animation: isAnimated ? animation : nil, limits: limits)
        }
    }

    /// The request drawing `runs` side by side: the first run's look, animation and
    /// output, with the others as its companions.
    public static func comparison(of runs: [Run], overrides: RenderOverrides = RenderOverrides(), folder: String,
                                  name: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                  shard: Shard? = nil, resume: Bool = true, force: Bool = false,
                                  cancellation: RenderCancellation? = nil) -> RenderRequest {
        precondition(!runs.isEmpty)
        var request = RenderRequest(run: runs[0], overrides: overrides, folder: folder, name: name, jobs: jobs,
                                    shard: shard, resume: resume, force: force, cancellation: cancellation)
        request.companions = runs.dropFirst().map { run in
            var run = run
            run.sampling = overrides.sampling(over: run.sampling)
            if overrides.keepDiverged { run.divergenceLog = DivergenceLog() }
            return run
        }
        return request
    }
}
