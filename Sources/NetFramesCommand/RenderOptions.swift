import ArgumentParser
import Foundation
import NetFramesDiagram
import NetFramesFiles
import NetFramesRender
import NetFramesRunFile
import NetFramesScene
import NetFramesTimeline
import NetFramesVideo
import NetFramesRun

extension OutputFormat: ExpressibleByArgument {}
extension VideoQuality: ExpressibleByArgument {}
extension ThemeName: ExpressibleByArgument {}
extension WeightLabelMode: ExpressibleByArgument {}
extension HTMLFrameEncoding: ExpressibleByArgument {}
extension PNGCompressionChoice: ExpressibleByArgument {}
extension SignStyle: ExpressibleByArgument {}
extension LossScale: ExpressibleByArgument {}
extension WeightView: ExpressibleByArgument {}

/// The options shared by every command that draws frames. Each overrides the run
/// file's `render:` section.
struct RenderOptions: ParsableArguments {
    @Option(help: """
        png, svg or pdf: one still per snapshot; mp4, webm, gif or mov: one animation through ffmpeg; \
        html: one page that plays the stills, with Forward and Backprop buttons \
        (default: the run file's render.format, else png).
        """)
    var format: OutputFormat?

    @Option(help: """
        html only: the player's frames as svg, png, or auto (svg, unless the run would pass 64 MiB \
        and png is smaller; default auto).
        """)
    var htmlFrames: HTMLFrameEncoding?

    @Option(name: .shortAndLong, help: "Output folder (default: Output/<run name>/).")
    var out: String?

    @Option(help: "Canvas width in pixels (default 1280).")
    var width: Int?

    @Option(help: "Canvas height in pixels (default 720).")
    var height: Int?

    @Option(help: "Pixel density of PNGs: 2 draws a 1280x720 frame as 2560x1440 (default 1).")
    var scale: Double?

    @Option(help: """
        Colour theme: light, dark, transparent, or projector (high contrast, thick lines, \
        no text under 2.2% of the frame height; default light).
        """)
    var theme: ThemeName?

    @Option(help: "Decimals printed for every number (default 3; 2 with --theme projector).")
    var digits: Int?

    @Option(help: """
        solid: every connection solid, its sign shown by colour; dashed: negative weights' \
        connections dashed too, a cue that does not rely on colour (default solid).
        """)
    var signStyle: SignStyle?

    @Option(help: "The loss panel's vertical axis: linear (from 0) or log (decades) (default linear).")
    var lossScale: LossScale?

    @Option(help: """
        Weights between layers: lines, heatmap (a weight matrix of cells), or auto (a heatmap \
        where lines would cross closer than 3 line widths apart; default auto).
        """)
    var weights: WeightView?

    @Option(help: """
        Draw the input layer as a WxH image, e.g. 8x8 (W·H must be the number of inputs), \
        with the first hidden layer's receptive fields beside its neurons.
        """)
    var inputImage: InputImage?

    @Option(help: "Font family (default DejaVu Sans).")
    var font: String?

    @Option(help: "Weight labels: auto (as many as fit), highlighted, or none.")
    var weightLabels: WeightLabelMode?

    @Option(help: "Panels beside the network, comma-separated: loss, outputs, boundary (2 inputs only), or none.")
    var panels: PanelChoice?

    @Option(help: """
        PNG compression: fast, small or best (the same pixels; best is about 9% smaller and \
        about 100 times slower to encode than fast; default: the run file's render.pngCompression, else fast).
        """)
    var pngCompression: PNGCompressionChoice?

    @Option(help: "Render every N-th iteration (the first and last are always kept).")
    var every: Int?

    @Option(help: """
        A time-lapse: record about N iterations spaced geometrically from the first to the \
        last (both always kept; steps that round to the same one are kept once, so a short \
        run may keep fewer). Instead of --every.
        """)
    var logFrames: Int?

    @Flag(help: "PDF only: write one frames.pdf with a page per frame.")
    var singleFile = false

    @Flag(help: "With png or svg: write the animation's frames as a numbered sequence (and print the ffmpeg command that assembles them) instead of one still per snapshot.")
    var animate = false

    @Option(help: "Frames per second of an animation (default: the run file's animation.fps, else 30).")
    var fps: Double?

    @Option(help: "Video preset: low (480p15), medium (720p30), high (1080p60) or 4k (2160p60); sets size and fps unless given.")
    var quality: VideoQuality?

    @Option(help: "Language of a video's subtitles, an ISO 639 code such as en, de or pt-BR (default: the run file's animation.subtitleLanguage, else en).")
    var subtitleLanguage: SubtitleLanguage?

    @Flag(help: "Leave a video's subtitles (NAME.vtt, NAME.srt and the subtitle stream) out; its chapters stay.")
    var noSubtitles = false

    @Flag(name: .shortAndLong, help: "No progress bar.")
    var quiet = false

    @Option(help: "Frames drawn at once (default: all cores).")
    var jobs: Int?

    @Flag(help: "Write into a non-empty output folder that NetFrames did not make.")
    var force = false

    @Flag(help: "Accept sizes above NetFrames' safety limits.")
    var allowLarge = false

    @Flag(help: "If training diverges, keep training and drawing: frames from there show NaN and ∞ (exit 0, with a warning).")
    var keepDiverged = false

    func validate() throws {
        do {
            try overrides.validate(limits: limits)
        } catch let error as NetFramesError {
            throw ValidationError(error.message)
        }
        if let jobs, !(1...RenderLimits.maxJobs).contains(jobs) {
            throw ValidationError("--jobs must be from 1 to \(RenderLimits.maxJobs), not \(jobs).")
        }
    }

    /// The limits in force: NetFrames' own, or none with --allow-large.
    var limits: Limits { allowLarge ? .unlimited : Limits() }

    /// Frames drawn at once.
    var jobCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// What this command line sets over a run file's own settings.
    var overrides: RenderOverrides {
        var o = RenderOverrides()
        o.format = format
        o.width = width
        o.height = height
        o.scale = scale
        o.theme = theme
        o.digits = digits
        o.font = font
        o.weightLabels = weightLabels
        o.signStyle = signStyle
        o.weights = weights
        o.inputImage = inputImage
        o.panels = panels
        o.pngCompression = pngCompression
        o.every = every
        o.logFrames = logFrames
        o.lossScale = lossScale
        o.fps = fps
        o.quality = quality
        o.animate = animate
        o.singleFile = singleFile
        o.htmlFrames = htmlFrames
        o.keepDiverged = keepDiverged
        if noSubtitles { o.subtitles = false }
        o.subtitleLanguage = subtitleLanguage
        return o
    }
}

extension SubtitleLanguage: ExpressibleByArgument {
    /// `--subtitle-language de`; `nil` (ArgumentParser's message) for what is not a language tag.
    public init?(argument: String) { self.init(argument) }
}

extension InputImage: ExpressibleByArgument {
    /// `--input-image 8x8`; `nil` (ArgumentParser's message) for anything else.
    public init?(argument: String) { self.init(parsing: argument) }
}

extension PanelChoice: ExpressibleByArgument {
    /// `--panels loss,boundary`; `nil` (ArgumentParser's message) for an unknown panel.
    public init?(argument: String) {
        try? self.init(parsing: argument)
    }
}
