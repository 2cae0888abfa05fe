import NetFramesEngine
import NetFramesScene
import NetFramesRun

extension DiagramLayout {
    /// Average distance, in base line widths, below which a pair's weights drawn as lines
    /// can no longer be told apart, and `auto` draws the pair as a heatmap instead.
    ///
    /// The distance is measured midway between the two columns, where a pair's lines cross
    /// most densely: the height their midpoints span (the mean of the two columns' spans)
    /// over the pair's weights, all of them, hidden neurons' too, since lines cannot show
    /// those. A [2, 8, 8, 2] network at 720p keeps its lines (about 6.6 widths apart);
    /// 64 inputs into 24 neurons (0.3) or [20, 10] (about 2.2) become heatmaps.
    public static let heatmapSpacing = 3.0

    /// Which pairs of layers are drawn as a weight-matrix heatmap, and where.
    ///
    /// The heatmap holds the whole matrix, every neuron of both layers whether its column
    /// shows it or folds it into "⋮ +N": a row per neuron of the upper layer (top to bottom),
    /// a column per neuron of the one below (left to right). It stands between the two
    /// columns, clear of their labels, as wide as that room and up to 80% of the area's
    /// height, each cell at most twice as tall as wide or wide as tall.
    struct HeatmapPlan {
        /// Per layer `l ≥ 1`: the box of the heatmap of the weights into it, `nil` where lines are drawn.
        let boxes: [Rect?]

        /// The heatmaps `style.weights` asks for between `slots`' columns at `layerX`, each
        /// `halves` wide each side, with `imageInput` taking layer 1's weights as receptive fields.
        init(style: DiagramStyle, shape: NetworkShape, slots: [[Slot]], layerX: [Double], halves: [Double],
             imageInput: Bool, area: Area, metrics: Metrics, lineUnit: Double) {
            var boxes: [Rect?] = [nil]
            for l in 1..<max(1, shape.layerCount) {
                guard !(l == 1 && imageInput),
                      Self.wantsHeatmap(style.weights, slots: slots, layer: l, shape: shape, lineUnit: lineUnit) else {
                    boxes.append(nil)
                    continue
                }
                let left = layerX[l - 1] + halves[l - 1] + 2 * metrics.gap
                let right = layerX[l] - halves[l] - 2 * metrics.gap
                let rows = Double(shape.layers[l]), columns = Double(shape.layers[l - 1])
                let width = right - left, height = area.height * 0.8
                guard width >= metrics.fontSize * 2 else {
                    boxes.append(nil)
                    continue
                }
                var cellWidth = width / columns, cellHeight = height / rows
                cellHeight = min(cellHeight, cellWidth * 2)
                cellWidth = min(cellWidth, cellHeight * 2)
                let (w, h) = (cellWidth * columns, cellHeight * rows)
                boxes.append(Rect(x: (left + right) / 2 - w / 2, y: area.centreY - h / 2, width: w, height: h))
            }
            self.boxes = boxes
        }

        /// Whether `view` draws the weights into `layer` as a heatmap: always, never, or
        /// (`auto`) when their lines would stand closer than `heatmapSpacing` widths apart.
        static func wantsHeatmap(_ view: WeightView, slots: [[Slot]], layer l: Int, shape: NetworkShape,
                                 lineUnit: Double) -> Bool {
            switch view {
            case .lines: return false
            case .heatmap: return true
            case .auto: return spacing(slots: slots, layer: l, shape: shape) < heatmapSpacing * lineUnit
            }
        }

        /// The mean distance between the weights' lines into `layer` where they cross midway.
        static func spacing(slots: [[Slot]], layer l: Int, shape: NetworkShape) -> Double {
            func span(_ column: [Slot]) -> Double {
                guard let first = column.first, let last = column.last else { return 0 }
                return last.center.y - first.center.y
            }
            let weights = Double(shape.layers[l] * shape.layers[l - 1])
            guard weights > 1 else { return .infinity }
            return (span(slots[l - 1]) + span(slots[l])) / 2 / (weights - 1)
        }
    }
}
