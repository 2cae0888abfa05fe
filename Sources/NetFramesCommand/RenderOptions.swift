import ArgumentParser
import Foundation
import NetFramesDiagram
import NetFramesRunFile
import NetFramesScene

extension FrameFormat: ExpressibleByArgument {}
extension ThemeName: ExpressibleByArgument {}
extension WeightLabelMode: ExpressibleByArgument {}

/// The options shared by every command that draws frames. Each overrides the run
/// file's `render:` section.
struct RenderOptions: ParsableArguments {
    @Option(help: "Frame format: png, svg or pdf (default: the run file's render.format, else png).")
    var format: FrameFormat?

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

    @Option(help: "Render every N-th iteration (the first and last are always kept).")
    var every: Int?

    @Flag(help: "PDF only: write one frames.pdf with a page per frame.")
    var singleFile = false

    @Option(help: "Frames drawn at once (default: all cores).")
    var jobs: Int?

    @Flag(help: "Write into a non-empty output folder that NetFrames did not make.")
    var force = false

    @Flag(help: "Accept sizes above NetFrames' safety limits.")
    var allowLarge = false

    func validate() throws {
        if let width, !RenderLimits.canvas.contains(width) {
            throw ValidationError("--width must be \(RenderLimits.canvasText), not \(width).")
        }
        if let height, !RenderLimits.canvas.contains(height) {
            throw ValidationError("--height must be \(RenderLimits.canvasText), not \(height).")
        }
        if let scale, !RenderLimits.scale.contains(scale) {
            throw ValidationError("--scale must be \(RenderLimits.scaleText), not \(scale).")
        }
        if let digits, !(0...8).contains(digits) { throw ValidationError("--digits must be from 0 to 8, not \(digits).") }
        if let every, every < 1 { throw ValidationError("--every must be 1 or more, not \(every).") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more, not \(jobs).") }
        if singleFile && format != nil && format != .pdf { throw ValidationError("--single-file goes with --format pdf.") }
    }

    /// The run file's style with this command line's overrides.
    func style(base: DiagramStyle) -> DiagramStyle {
        var style = base
        if let width { style.width = Double(width) }
        if let height { style.height = Double(height) }
        if let scale { style.scale = scale }
        if let theme { style.theme = theme }
        if let digits { style.digits = digits }
        if let font { style.fontFamily = font }
        if let weightLabels { style.weightLabels = weightLabels }
        return style
    }
}
