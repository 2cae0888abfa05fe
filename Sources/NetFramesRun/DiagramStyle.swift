
/// Which labels a frame prints. Each can be switched off on its own.
public struct LabelToggles: Sendable, Hashable, Codable {
    /// Weight (or gradient, or old → new) beside each connection.
    public var weights = true
    /// `b=` below each neuron.
    public var biases = true
    /// `σ=` (or `δ=` in backprop) above each neuron.
    public var activations = true
    /// Input values left of the input layer.
    public var inputs = true
    /// The targets column right of the output layer.
    public var targets = true
    /// Layer titles above the columns.
    public var titles = true
    /// The header line: run name, iteration, example, phase, loss.
    public var header = true
    /// The caption: what this step does, worked through for one neuron.
    public var caption = true
    /// A key to the colours, line widths and boxes.
    public var legend = true

    /// Every label on.
    public init() {}
}

/// How weight labels are chosen when not all of them fit.
public enum WeightLabelMode: String, Codable, CaseIterable, Sendable {
    /// Every weight in sparse layers; in a dense gap (more than 24 connections shown)
    /// only those into the highlighted neuron, so the frame stays readable.
    case auto
    /// As many as fit without touching anything, the highlighted neuron's first.
    case all
    /// Only the connections into the highlighted neuron of each layer.
    case highlighted
    /// No weight labels.
    case none
}

/// Everything about how a frame looks, apart from the numbers it shows.
public struct DiagramStyle: Sendable, Hashable {
    /// Canvas width in scene units (pixels at scale 1).
    public var width: Double = 1280
    /// Canvas height in scene units.
    public var height: Double = 720
    /// Pixel density of raster output: 2 gives a 2560x1440 PNG of a 1280x720 frame.
    public var scale: Double = 1
    /// The colour theme.
    public var theme: ThemeName = .light
    /// The font family of every text.
    public var fontFamily = "DejaVu Sans"
    /// Base font size; `nil` scales it with the canvas (14 at 1280x720).
    public var fontSize: Double?
    /// Decimals printed for every number: the theme's default (3; 2 for `projector`)
    /// until set.
    public var digits: Int {
        get { chosenDigits ?? theme.defaultDigits }
        set { chosenDigits = newValue }
    }
    /// The decimals set, or `nil` to follow the theme.
    private var chosenDigits: Int?
    /// Layers with more neurons show the first and last few around a "⋮".
    public var maxNeuronsShown = 10
    /// Which labels are drawn.
    public var labels = LabelToggles()
    /// How weight labels are chosen when not all fit.
    public var weightLabels: WeightLabelMode = .auto
    /// Whether negative weights' connections are also dashed, so their sign does not
    /// rely on colour alone.
    public var signStyle: SignStyle = .solid
    /// The loss panel's vertical axis: linear from 0, or logarithmic by decades.
    public var lossScale: LossScale = .linear
    /// How the weights between each pair of layers are drawn: lines, a weight-matrix
    /// heatmap, or (`auto`) whichever keeps them legible.
    public var weights: WeightView = .auto
    /// The input layer as a picture of this shape, with the first hidden layer's
    /// receptive fields beside its neurons; `nil` draws the inputs as circles. Its
    /// pixel count must be the network's input count (the diagram draws circles otherwise).
    public var inputImage: InputImage?
    /// What each output neuron stands for ("0" … "9" for the digits), in order, drawn
    /// under the outputs panel's bars, in the boundary's legend and in the caption's
    /// cross-entropy; empty numbers them from 1 as the diagram numbers neurons. When not
    /// empty it must have one name per output (the diagram numbers them otherwise).
    public var classNames: [String] = []
    /// The longest class name a run file may give, in characters.
    public static let classNameLength = 24
    /// Panels beside the network: loss curve, outputs against targets, decision boundary.
    public var panels = PanelSettings()
    /// How hard PNGs are compressed (the same pixels at every choice); `nil` leaves each
    /// output its own default: `fast` for frame files, `small` for the HTML player's PNG
    /// frames and the contact sheet, which are published as they are.
    public var pngCompression: PNGCompressionChoice?

    /// The default look: 1280x720, light, 3 decimals, every label, solid lines, no panels.
    public init() {}

    /// A frame's size in pixels: the canvas at `scale`, rounded up as the renderers round it.
    public var pixelSize: (width: Int, height: Int) {
        (Int((width * scale).rounded(.up)), Int((height * scale).rounded(.up)))
    }

    /// The name of output `index` of `outputCount`, when `classNames` names each of them.
    public func className(of index: Int, outputCount: Int) -> String? {
        Self.className(of: index, in: classNames, outputCount: outputCount)
    }

    /// The name of output `index` of `outputCount` in `names`, when `names` names each of
    /// them (one name per output); `nil` where the outputs are numbered.
    public static func className(of index: Int, in names: [String], outputCount: Int) -> String? {
        names.count == outputCount ? names[safeIndex: index] : nil
    }

    /// The base font size in use.
    public var resolvedFontSize: Double {
        if let fontSize { return fontSize }
        let s = 14 * min(width / 1280, height / 720)
        return min(72, max(7, s))
    }
}

private extension Array {
    subscript(safeIndex i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
