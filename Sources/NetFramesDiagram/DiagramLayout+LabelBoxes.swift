import NetFramesScene
import NetFramesRun

extension DiagramLayout {
    /// The boxes of the labels around the neurons: activation above, bias below, input
    /// at the left, target in the targets column, "⋮ +N" on an ellipsis.
    ///
    /// Each is indexed like the slots, `nil` where a slot has no such label.
    struct LabelBoxes {
        /// Per layer, per slot: the activation label's box above the neuron.
        let activations: [[Rect?]]
        /// Per layer, per slot: the bias label's box below the neuron.
        let biases: [[Rect?]]
        /// Per input slot: the box left of the input neuron.
        let inputs: [Rect?]
        /// Per output slot: the target's box in the targets column.
        let targets: [Rect?]
        /// The x of the targets column; `nil` when targets are off.
        let targetColumnX: Double?
        /// Per layer, per slot: the "⋮ +N" box of a slot standing for hidden neurons.
        let ellipses: [[Rect?]]

        /// The boxes of the `labels` shown and the input and target labels `toggles` ask
        /// for, around `slots`' neurons of `radius`.
        init(slots: [[Slot]], radius: Double, labels: NeuronLabels, toggles: LabelToggles, labelSet: LabelSet,
             columnWidths: ColumnWidths, widths: LabelWidths, gutters: Gutters, metrics: Metrics) {
            let place = Places(radius: radius, gap: metrics.gap, height: metrics.labelHeight)
            let output = slots.count - 1
            // Inputs are labelled at the left instead.
            activations = Self.perNeuron(slots, where: { l in labels.activations && (l > 0 || !toggles.inputs) }) { l, c in
                place.above(c, width: columnWidths.activations[l])
            }
            let biasWidth = labels.biases ? widths.bias(labelSet) : 0
            biases = Self.perNeuron(slots, where: { l in labels.biases && l > 0 }) { _, c in
                place.below(c, width: biasWidth)
            }
            inputs = Self.perNeuron(slots, where: { l in toggles.inputs && l == 0 }) { _, c in
                place.left(of: c, width: gutters.input)
            }[0]
            targetColumnX = toggles.targets ? gutters.targetColumnX : nil
            targets = Self.perNeuron(slots, where: { l in toggles.targets && l == output }) { _, c in
                place.row(x: gutters.targetColumnX, centreY: c.y, width: gutters.target)
            }[output]
            ellipses = slots.map { column in
                column.map { slot in
                    guard case let .ellipsis(hidden, c) = slot else { return nil }
                    return place.centred(x: c.x, y: c.y, width: widths.ellipsis(hidden: hidden))
                }
            }
        }

        /// Per layer, per slot: `box(layer, centre)` for each neuron slot of a layer
        /// `labelled`, `nil` for ellipses and the slots of other layers.
        static func perNeuron(_ slots: [[Slot]], where labelled: (Int) -> Bool,
                              box: (Int, Point) -> Rect) -> [[Rect?]] {
            slots.indices.map { l in
                slots[l].map { slot in
                    guard labelled(l), slot.neuronIndex != nil else { return nil }
                    return box(l, slot.center)
                }
            }
        }

        /// Where a label box goes relative to its neuron.
        struct Places {
            /// Neuron radius.
            let radius: Double
            /// Space between a neuron and its labels.
            let gap: Double
            /// Height of every label box.
            let height: Double

            /// A box of `width` centred on (`x`, `y`).
            func centred(x: Double, y: Double, width: Double) -> Rect {
                Rect(x: x - width / 2, y: y - height / 2, width: width, height: height)
            }

            /// A box of `width` centred above the neuron at `c`, a gap clear of it.
            func above(_ c: Point, width: Double) -> Rect {
                centred(x: c.x, y: c.y - radius - gap - height / 2, width: width)
            }

            /// A box of `width` centred below the neuron at `c`, a gap clear of it.
            func below(_ c: Point, width: Double) -> Rect {
                centred(x: c.x, y: c.y + radius + gap + height / 2, width: width)
            }

            /// A box of `width` ending a gap left of the neuron at `c`.
            func left(of c: Point, width: Double) -> Rect {
                Rect(x: c.x - radius - gap - width, y: c.y - height / 2, width: width, height: height)
            }

            /// A box of `width` starting at `x`, level with a neuron at `centreY`.
            func row(x: Double, centreY: Double, width: Double) -> Rect {
                Rect(x: x, y: centreY - height / 2, width: width, height: height)
            }
        }
    }
}
