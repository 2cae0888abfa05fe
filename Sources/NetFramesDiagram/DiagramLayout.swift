import NetFramesEngine
import NetFramesScene
import NetFramesRun

/// Which label texts a layout reserves room for.
public enum LabelSet: Sendable, Hashable, CaseIterable {
    /// Single values: `σ=0.593`, `b=0.350`, `0.150`.
    case values
    /// Old → new pairs, as an update frame shows them.
    case changes
}

/// One place in a layer's column: a neuron, or the "⋮" standing for hidden ones.
public enum Slot: Sendable, Hashable {
    /// Neuron `index` of the layer, drawn at `center`.
    case neuron(index: Int, center: Point)
    /// A "⋮" at `center` standing for `hidden` neurons not drawn.
    case ellipsis(hidden: Int, center: Point)

    /// Where the slot is drawn.
    public var center: Point {
        switch self {
        case .neuron(_, let c), .ellipsis(_, let c): return c
        }
    }

    /// The neuron's index, or `nil` for an ellipsis.
    public var neuronIndex: Int? {
        if case .neuron(let i, _) = self { return i }
        return nil
    }
}

/// Where a weight's label sits.
public struct WeightLabelPlacement: Sendable, Hashable {
    /// The layer the connection leads into.
    public var layer: Int
    /// The neuron the connection leads to, in `layer`.
    public var to: Int
    /// The neuron the connection comes from, in `layer − 1`.
    public var from: Int
    /// The label's box.
    public var box: Rect
}

/// The geometry of every frame of a run: where each neuron, connection and label goes.
///
/// A layout depends on the network's shape, the style and the label set, never on the
/// numbers, so every frame of a run shares it and nothing jumps between frames. Label
/// boxes are sized for the widest value the format prints; a longer text is drawn
/// smaller to fit its box (under the projector theme, which keeps every text at least
/// `minimumTextSize`, boxes hold any number and a text that does not fit is left out). Weight labels are placed greedily, the highlighted neuron's
/// connections first, each where it touches no neuron, no other label and no edge;
/// those that find no place are left out (`omittedWeightLabels` counts them).
public struct DiagramLayout: Sendable {
    /// The style the layout was made for.
    public let style: DiagramStyle
    /// The network the layout was made for.
    public let setup: TrainingSetup
    /// The label texts the boxes are sized for.
    public let labelSet: LabelSet
    /// How numbers are printed, from the style's digits.
    public let format: NumberFormat

    /// The font of value labels.
    public let labelFont: Font
    /// The font of the layer titles.
    public let titleFont: Font
    /// The font of the run name in the header.
    public let headerFont: Font
    /// The font of the header's status (iteration, phase, loss).
    public let statusFont: Font
    /// The font of the caption.
    public let captionFont: Font
    /// The smallest size a text may be drawn at; a text that would have to be drawn
    /// smaller to fit its room is left out instead. `nil` (every theme but projector):
    /// a text too wide for its room is drawn smaller.
    public let minimumTextSize: Double?

    /// Neuron radius.
    public let radius: Double
    /// Base width of a connection line.
    public let lineUnit: Double
    /// Padding inside a label's backdrop.
    public let labelPadding: Double
    /// The x of each layer's column of neurons.
    public let layerX: [Double]
    /// The visible slots of each layer, top to bottom.
    public let slots: [[Slot]]
    /// Whether neurons carry activation labels (dense layouts drop them).
    public let showsActivationLabels: Bool
    /// Whether neurons carry bias labels.
    public let showsBiasLabels: Bool
    /// Per layer, per slot: the activation label's box above the neuron (`nil` for none).
    public let activationBoxes: [[Rect?]]
    /// Per layer, per slot: the bias label's box below the neuron.
    public let biasBoxes: [[Rect?]]
    /// Per input slot: the box left of the input neuron.
    public let inputBoxes: [Rect?]
    /// Per output slot: the target's box in the targets column.
    public let targetBoxes: [Rect?]
    /// Per layer, per slot: the "⋮ +N" box of a slot standing for hidden neurons.
    public let ellipsisBoxes: [[Rect?]]
    /// The x of the targets column; `nil` when targets are off.
    public let targetColumnX: Double?
    /// The weight labels that found a place.
    public let weightLabels: [WeightLabelPlacement]
    /// Weight labels left out for want of room.
    public let omittedWeightLabels: Int
    /// Header line's baseline band; `nil` when the header is off.
    public let headerBox: Rect?
    /// Layer-title row; `nil` when titles are off.
    public let titleBox: Rect?
    /// The caption band at the bottom; `nil` when the caption is off.
    public let captionBox: Rect?
    /// The lines of text the caption band holds.
    let captionLineCount: Int
    /// Where each panel that is on goes.
    public let panelBoxes: [PanelKind: Rect]
    /// The legend line above the caption; `nil` when the legend is off.
    public let legendBox: Rect?
    /// The font of the legend.
    public let legendFont: Font
    /// The region the network is drawn in.
    public let diagramBox: Rect
    /// The input image the frames draw instead of input neurons; `nil` for circles (also
    /// when the style's image does not have the network's input count of pixels).
    public let inputImage: InputImage?
    /// The input image's box in the input column; `nil` without an input image.
    public let imageBox: Rect?
    /// Per slot of layer 1, with an input image: the box of the neuron's receptive field
    /// (its incoming weights as an image); empty without an input image.
    public let receptiveFieldBoxes: [Rect?]
    /// Left of the followed neuron's receptive field: the box of its ∂L/∂w (backprop) or
    /// Δw (update) as an image; `nil` without an input image or room.
    public let companionFieldBox: Rect?
    /// Per layer `l` (index 0 `nil`): the box of the heatmap that shows the weights into
    /// `l` instead of lines, or `nil` where they are drawn as lines.
    public let heatmapBoxes: [Rect?]

    /// The neuron whose numbers a caption works through, in each layer.
    public let highlightedNeuron = 0

    /// The neurons per layer.
    public var shape: NetworkShape { setup.shape }

    /// Lays out `setup`'s network in `style`, measuring label texts with `measurer`.
    ///
    /// Each step reads only what the steps before it decided: fonts and lengths; the
    /// bands and panels that fence in the network's area; the slots, the radius they
    /// leave room for and the columns; then the neuron label boxes and, last, the weight
    /// labels in the room those leave.
    public init(setup: TrainingSetup, style: DiagramStyle, labelSet: LabelSet, measurer: any TextMeasuring) {
        self.init(setup: setup, style: style, labelSet: labelSet, measurer: measurer,
                  minimumTextSize: Projector.minimumTextSize(style))
    }

    /// Lays out `setup`'s network in `style` with no text below `minimumTextSize` (a
    /// comparison's tiles keep the whole canvas's minimum, not one of their own).
    init(setup: TrainingSetup, style: DiagramStyle, labelSet: LabelSet, measurer: any TextMeasuring,
         minimumTextSize minimum: Double?) {
        let shape = setup.shape
        (self.setup, self.style, self.labelSet) = (setup, style, labelSet)
        let format = NumberFormat(digits: style.digits)
        self.format = format
        minimumTextSize = minimum
        let fonts = Fonts(style: style, minimum: minimum)
        (labelFont, titleFont, headerFont, statusFont, legendFont, captionFont) =
            (fonts.label, fonts.title, fonts.header, fonts.status, fonts.legend, fonts.caption)
        let metrics = Metrics(style: style, labelFont: fonts.label, format: format, measurer: measurer, minimum: minimum)
        (labelPadding, lineUnit) = (metrics.labelPadding, metrics.lineUnit)
        let widths = LabelWidths(measurer: measurer, fonts: fonts, metrics: metrics, format: format,
                                 anyNumber: minimum != nil)

        let bands = Bands(style: style, fonts: fonts, metrics: metrics, measurer: measurer)
        (headerBox, titleBox, captionBox, legendBox) = (bands.header, bands.title, bands.caption, bands.legend)
        captionLineCount = Bands.captionLines(style)
        let panels = PanelGrid(style: style, shape: shape, metrics: metrics, top: bands.top, bottom: bands.bottom)
        panelBoxes = panels.boxes
        let area = Area(metrics: metrics, bands: bands, panels: panels)
        diagramBox = area.box

        let image = style.inputImage.flatMap { $0.pixelCount == shape.inputCount && shape.layerCount > 1 ? $0 : nil }
        inputImage = image
        let slotPlan = SlotPlan(shape: shape, maxNeuronsShown: style.maxNeuronsShown, area: area, imageInput: image != nil)
        let gutters = Gutters(toggles: style.labels, inputCount: shape.inputCount, widths: widths, metrics: metrics,
                              area: area, imageInput: image != nil)
        let roughPitch = gutters.roughPitch(layerCount: shape.layerCount)
        let fit = RadiusFit(pitch: slotPlan.pitch, wanted: NeuronLabels(toggles: style.labels),
                            columnPitch: roughPitch, metrics: metrics)
        radius = fit.radius
        var columnWidths = ColumnWidths(setup: setup, radius: fit.radius, labels: fit.labels, widths: widths)
        let imageSide = ImagePlan.side(area: area, columnPitch: roughPitch)
        if let image { columnWidths.imageHalf = ImagePlan.size(of: image, side: imageSide).width / 2 }
        let columns = ColumnPlan(widths: columnWidths, wanted: fit.labels, gutters: gutters)
        (layerX, showsActivationLabels, showsBiasLabels) = (columns.layerX, columns.labels.activations, columns.labels.biases)
        let slots = slotPlan.columns(layerX: columns.layerX)
        self.slots = slots
        let halves = (0..<shape.layerCount).map { columnWidths.half(layer: $0, labels: columns.labels) }
        let imagePlan = image.map {
            ImagePlan(image: $0, side: imageSide, x: columns.layerX[0], area: area, slots: slots[1], x1: columns.layerX[1],
                      half1: halves[1], metrics: metrics, followed: 0)
        }
        (imageBox, receptiveFieldBoxes, companionFieldBox) = (imagePlan?.box, imagePlan?.fields ?? [], imagePlan?.companion)
        let heatmaps = HeatmapPlan(style: style, shape: shape, slots: slots, layerX: columns.layerX, halves: halves,
                                   imageInput: image != nil, area: area, metrics: metrics, lineUnit: metrics.lineUnit)
        heatmapBoxes = heatmaps.boxes

        let boxes = LabelBoxes(slots: slots, radius: fit.radius, labels: columns.labels, toggles: style.labels,
                               labelSet: labelSet, columnWidths: columnWidths, widths: widths, gutters: gutters,
                               metrics: metrics)
        (activationBoxes, biasBoxes, inputBoxes, ellipsisBoxes) = (boxes.activations, boxes.biases, boxes.inputs, boxes.ellipses)
        (targetBoxes, targetColumnX) = (boxes.targets, boxes.targetColumnX)
        let weights = WeightLabels(style: style, width: widths.weight(labelSet), slots: slots, radius: fit.radius,
                                   boxes: boxes, drawings: (imagePlan?.boxes ?? []) + heatmaps.boxes.compactMap { $0 },
                                   heatmapLayers: Set(heatmaps.boxes.indices.filter { heatmaps.boxes[$0] != nil }),
                                   area: area, metrics: metrics)
        (weightLabels, omittedWeightLabels) = (weights.placed, weights.omitted)
    }

    /// Every label box the layout reserves (for overlap checks).
    public var allLabelBoxes: [Rect] {
        activationBoxes.flatMap { $0.compactMap { $0 } } + biasBoxes.flatMap { $0.compactMap { $0 } }
            + inputBoxes.compactMap { $0 } + targetBoxes.compactMap { $0 } + weightLabels.map(\.box)
            + ellipsisBoxes.flatMap { $0.compactMap { $0 } }
    }

    /// Whether the weights into `layer` are drawn as lines (not as a heatmap, nor as the
    /// receptive fields of an input image).
    public func drawsLines(into layer: Int) -> Bool {
        heatmapBoxes[layer] == nil && !(layer == 1 && inputImage != nil)
    }

    /// The slot of neuron `index` in `layer`, if it is shown.
    public func slot(layer: Int, neuron index: Int) -> Int? {
        slots[layer].firstIndex { $0.neuronIndex == index }
    }

    /// The text standing for `hidden` neurons not drawn.
    public static func ellipsisText(_ hidden: Int) -> String { "⋮ +\(hidden)" }

    /// "₁₂" for 12.
    public static func subscripted(_ n: Int) -> String {
        let digits = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(n).map { digits[Int(String($0))!] }.joined()
    }
}

