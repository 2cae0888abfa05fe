import ArgumentParser
import Foundation
import NetFramesDiagram
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

    @Option(help: "Colour theme: light, dark or transparent (default light).")
    var theme: ThemeName?

    @Option(help: "Decimals printed for every number (default 3).")
    var digits: Int?

    @Option(help: "Font family (default DejaVu Sans).")
    var font: String?

    @Option(help: "Weight labels: auto (as many as fit), highlighted, or none.")
    var weightLabels: WeightLabelMode?

    @Option(help: "Panels beside the network, comma-separated: loss, outputs, boundary (2 inputs only), or none.")
    var panels: String?

    @Option(help: "Render every N-th iteration (the first and last are always kept).")
    var every: Int?

    @Flag(help: "PDF only: write one frames.pdf with a page per frame.")
    var singleFile = false

    @Flag(help: "With png or svg: write the animation's frames as a numbered sequence (and print the ffmpeg command that assembles them) instead of one still per snapshot.")
    var animate = false

    @Option(help: "Frames per second of an animation (default: the run file's animation.fps, else 30).")
    var fps: Double?

    @Option(help: "Video preset: low (480p15), medium (720p30), high (1080p60) or 4k (2160p60); sets size and fps unless given.")
    var quality: VideoQuality?

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
        let limits = self.limits
        for (name, value) in [("width", width), ("height", height)] {
            guard let value else { continue }
            if value < RenderLimits.smallestSide {
                throw ValidationError("--\(name) must be \(limits.canvasText), not \(value).")
            }
            if value > limits.maxCanvasSide {
                throw ValidationError("--\(name) \(value) is above the limit of \(limits.maxCanvasSide) pixels"
                    + (allowLarge ? " (cairo draws no larger image)." : "; add --allow-large to lift it."))
            }
        }
        if let scale, !RenderLimits.scale.contains(scale) {
            throw ValidationError("--scale must be \(RenderLimits.scaleText), not \(scale).")
        }
        if let digits, !(0...8).contains(digits) { throw ValidationError("--digits must be from 0 to 8, not \(digits).") }
        if let every, every < 1 { throw ValidationError("--every must be 1 or more, not \(every).") }
        if let font, font.isEmpty || font.count > 100 || font.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw ValidationError("--font must be a font family of 1 to 100 characters, as `fc-list : family` names it.")
        }
        if let jobs, !(1...RenderOptions.maxJobs).contains(jobs) {
            throw ValidationError("--jobs must be from 1 to \(RenderOptions.maxJobs), not \(jobs).")
        }
        if singleFile && format != nil && format != .pdf { throw ValidationError("--single-file goes with --format pdf.") }
        if htmlFrames != nil && format != nil && format != .html { throw ValidationError("--html-frames goes with --format html.") }
        if animate, let format, format != .png && format != .svg {
            throw ValidationError("--animate writes png or svg sequences; \(format.rawValue) is \(format.videoFormat != nil ? "already an animation" : "not a sequence format").")
        }
        if let panels {
            for name in panels.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
                where !["loss", "outputs", "boundary", "none"].contains(name) {
                throw ValidationError("--panels takes loss, outputs, boundary or none, not '\(name)'.")
            }
        }
        if let fps, !(1...240).contains(fps) { throw ValidationError("--fps must be from 1 to 240, not \(fps).") }
    }

    /// The most frames drawn at once: each holds a canvas in memory.
    static let maxJobs = 256

    /// The limits in force: NetFrames' own, or none with --allow-large.
    var limits: Limits { allowLarge ? .unlimited : Limits() }

    /// The style and animation keys this command line sets, so limit messages name the option.
    var commandLineKeys: Set<String> {
        var keys: Set<String> = []
        if width != nil || quality != nil { keys.insert("width") }
        if height != nil || quality != nil { keys.insert("height") }
        if scale != nil { keys.insert("scale") }
        if every != nil { keys.insert("every") }
        if fps != nil || quality != nil { keys.insert("fps") }
        return keys
    }

    /// The run file's style with this command line's overrides.
    func style(base: DiagramStyle, quality: VideoQuality? = nil) -> DiagramStyle {
        var style = base
        if let quality = quality ?? self.quality {
            style.width = Double(quality.size.width)
            style.height = Double(quality.size.height)
        }
        if let width { style.width = Double(width) }
        if let height { style.height = Double(height) }
        if let scale { style.scale = scale }
        if let theme { style.theme = theme }
        if let digits { style.digits = digits }
        if let font { style.fontFamily = font }
        if let weightLabels { style.weightLabels = weightLabels }
        if let panels {
            let names = Set(panels.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            style.panels.loss = names.contains("loss")
            style.panels.outputs = names.contains("outputs")
            style.panels.boundary = names.contains("boundary")
        }
        return style
    }

    /// The run file's animation settings with this command line's overrides.
    func animation(base: AnimationSettings, quality: VideoQuality?) -> AnimationSettings {
        var settings = base
        if let quality { settings.fps = quality.fps }
        if let fps { settings.fps = fps }
        return settings
    }
}
