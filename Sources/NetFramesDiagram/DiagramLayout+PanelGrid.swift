import NetFramesEngine
import NetFramesScene
import NetFramesRun

extension DiagramLayout {
    /// Where the panels go: a column at the right or a row at the bottom, shared evenly
    /// by the panels that are on, in `PanelKind` order.
    ///
    /// The network gets what the panels leave, so the grid also says where that ends.
    struct PanelGrid {
        /// Where each panel that is on goes.
        let boxes: [PanelKind: Rect]
        /// The right edge left for the network: the canvas margin, or a gap left of a panel column.
        let contentRight: Double
        /// The bottom edge left for the network: the bands' bottom, or a gap above a panel row.
        let bottom: Double

        /// The panels `style` switches on, between the bands' `top` and `bottom`.
        init(style: DiagramStyle, shape: NetworkShape, metrics: Metrics, top: Double, bottom: Double) {
            let W = metrics.width, H = metrics.height, margin = metrics.margin, gap = metrics.gap
            var contentRight = W - margin
            var bottom = bottom
            var boxes: [PanelKind: Rect] = [:]
            let kinds = Self.kinds(style: style, shape: shape)
            if !kinds.isEmpty {
                let count = Double(kinds.count)
                switch style.panels.position {
                case .right:
                    let width = min(W * 0.4, max(W * 0.26, 150))
                    let x = W - margin - width
                    let each = (bottom - top - gap * 3 * (count - 1)) / count
                    for (i, kind) in kinds.enumerated() {
                        boxes[kind] = Rect(x: x, y: top + Double(i) * (each + gap * 3), width: width, height: each)
                    }
                    contentRight = x - gap * 4
                case .bottom:
                    let height = min(H * 0.4, max(H * 0.25, 90))
                    let y = bottom - height
                    let each = (W - 2 * margin - gap * 3 * (count - 1)) / count
                    for (i, kind) in kinds.enumerated() {
                        boxes[kind] = Rect(x: margin + Double(i) * (each + gap * 3), y: y, width: each, height: height)
                    }
                    bottom = y - gap * 3
                }
            }
            self.boxes = boxes
            self.contentRight = contentRight
            self.bottom = bottom
        }

        /// The panels that are on; the decision boundary only for a network with two inputs.
        static func kinds(style: DiagramStyle, shape: NetworkShape) -> [PanelKind] {
            PanelKind.allCases.filter { kind in
                switch kind {
                case .boundary: return style.panels.boundary && shape.inputCount == 2
                case .loss: return style.panels.loss
                case .outputs: return style.panels.outputs
                }
            }
        }
    }
}
