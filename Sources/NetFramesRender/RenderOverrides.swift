import NetFramesFiles
import NetFramesEngine
import NetFramesRun

/// Which panels to show, as `--panels loss,boundary` or `--panels none` names them.
public struct PanelChoice: Sendable, Hashable {
    /// The panels chosen; empty for none.
    public var kinds: Set<String>

    /// The panel names `--panels` takes.
    public static let names = ["loss", "outputs", "boundary", "none"]

    /// The panels named in a comma-separated list.
    ///
    /// - Throws: `NetFramesError.invalidOption` naming the first unknown panel.
    public init(parsing text: String) throws {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names where !Self.names.contains(name) {
            throw NetFramesError.invalidOption("--panels takes loss, outputs, boundary or none, not '\(name)'.")
        }
        kinds = Set(names).subtracting(["none"])
    }

    /// These panels switched on, the rest off, keeping where they go.
    func applied(to panels: PanelSettings) -> PanelSettings {
        var panels = panels
        panels.loss = kinds.contains("loss")
        panels.outputs = kinds.contains("outputs")
        panels.boundary = kinds.contains("boundary")
        return panels
    }
}

/// What a command line (or a library caller) sets over a run file's own settings;
/// `nil` leaves the run file's value, or the default.
public struct RenderOverrides: Sendable, Hashable {
    /// The output format.
    public var format: OutputFormat?
    /// Canvas width in scene units.
    public var width: Int?
    /// Canvas height in scene units.
    public var height: Int?
    /// Pixel density.
    public var scale: Double?
    /// Colour theme.
    public var theme: ThemeName?
    /// Decimals printed.
    public var digits: Int?
    /// Font family.
    public var font: String?
    /// Which weight labels are drawn.
    public var weightLabels: WeightLabelMode?
    /// Whether negative weights' connections are dashed.
    public var signStyle: SignStyle?
    /// How the weights between layers are drawn: lines, heatmaps, or chosen per pair.
    public var weights: WeightView?
    /// The input layer drawn as an image of this shape (its pixels must be the input count).
    public var inputImage: InputImage?
    /// The panels beside the network.
    public var panels: PanelChoice?
    /// The loss panel's vertical axis.
    public var lossScale: LossScale?
    /// How hard PNG frames are compressed.
    public var pngCompression: PNGCompressionChoice?
    /// Record every N-th iteration.
    public var every: Int?
    /// Record about N iterations spaced geometrically over the run (a time-lapse); goes
    /// without `every`.
    public var logFrames: Int?
    /// Frames per second of an animation.
    public var fps: Double?
    /// The video quality preset: a size and frame rate below the run file's own.
    public var quality: VideoQuality?
    /// png or svg: the animation's frames as a numbered sequence.
    public var animate = false
    /// pdf: one file with a page per frame.
    public var singleFile = false
    /// html: how the player holds its frames.
    public var htmlFrames: HTMLFrameEncoding?
    /// Train on through divergence, drawing NaN and ∞.
    public var keepDiverged = false
    /// `false` leaves a video's subtitles out (`--no-subtitles`).
    public var subtitles: Bool?
    /// The subtitles' language (`--subtitle-language`).
    public var subtitleLanguage: SubtitleLanguage?

    /// Nothing overridden.
    public init() {}

    /// The run's sampling with `every` or `logFrames` over it (the first few it keeps stay).
    public func sampling(over sampling: SamplingPolicy) -> SamplingPolicy {
        var sampling = sampling
        if let every { sampling.schedule = .every(every) }
        if let logFrames { sampling.schedule = .log(frames: logFrames) }
        return sampling
    }

    /// Checks each value against the ranges NetFrames accepts (those the run-file reader
    /// holds run files to), and the options that go together.
    ///
    /// - Throws: `NetFramesError.invalidOption` with a sentence naming the option.
    public func validate(limits: Limits) throws {
        func refuse(_ message: String) throws -> Never { throw NetFramesError.invalidOption(message) }
        for (name, value) in [("width", width), ("height", height)] {
            guard let value else { continue }
            if value < RenderLimits.smallestSide { try refuse("--\(name) must be \(limits.canvasText), not \(value).") }
            if value > limits.maxCanvasSide {
                try refuse("--\(name) \(value) is above the limit of \(limits.maxCanvasSide) pixels"
                    + (limits.maxCanvasSide >= RenderLimits.largestSide ? " (cairo draws no larger image)."
                        : "; add --allow-large to lift it."))
            }
        }
        if let scale, !RenderLimits.scale.contains(scale) {
            try refuse("--scale must be \(RenderLimits.scaleText), not \(scale).")
        }
        if let digits, !RenderLimits.digits.contains(digits) {
            try refuse("--digits must be from \(RenderLimits.digits.lowerBound) to \(RenderLimits.digits.upperBound), not \(digits).")
        }
        if let every, every < 1 { try refuse("--every must be 1 or more, not \(every).") }
        if let logFrames, logFrames < 2 {
            try refuse("--log-frames must be 2 or more (step 0 and the last are always recorded), not \(logFrames).")
        }
        if every != nil && logFrames != nil {
            try refuse("--every and --log-frames are two sampling schedules; give one of them.")
        }
        if let font, font.isEmpty || font.count > RenderLimits.fontFamilyLength
            || font.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            try refuse("--font must be a font family of 1 to \(RenderLimits.fontFamilyLength) characters, as `fc-list : family` names it.")
        }
        if let fps, !RenderLimits.fps.contains(fps) { try refuse("--fps must be from 1 to 240, not \(fps).") }
        if singleFile && format != nil && format != .pdf { try refuse("--single-file goes with --format pdf.") }
        if htmlFrames != nil && format != nil && format != .html { try refuse("--html-frames goes with --format html.") }
        if animate, let format, format != .png && format != .svg {
            try refuse("--animate writes png or svg sequences; \(format.rawValue) is "
                + (format.videoFormat != nil ? "already an animation" : "not a sequence format") + ".")
        }
    }

    /// The style and animation keys set here, so limit messages name the option.
    var keys: Set<String> {
        var keys: Set<String> = []
        if width != nil || quality != nil { keys.insert("width") }
        if height != nil || quality != nil { keys.insert("height") }
        if scale != nil { keys.insert("scale") }
        if every != nil || logFrames != nil { keys.insert("every") }
        if fps != nil || quality != nil { keys.insert("fps") }
        return keys
    }
}
