import NetFramesRun

extension DiagramLayout {
    /// The room either side of the layer columns: input labels at the left, the targets
    /// column at the right.
    ///
    /// The first and last columns are pulled in from the margins by these, so input and
    /// target labels never cover a neuron.
    struct Gutters {
        /// Empty border around the canvas.
        let margin: Double
        /// The unit of space between neighbouring things.
        let gap: Double
        /// Width of an input label's box; 0 when inputs are not labelled.
        let input: Double
        /// Width of the targets column; 0 when targets are off.
        let target: Double
        /// The right edge of the network's area.
        let right: Double

        /// The gutters `toggles` ask for, measured by `widths`, inside `area` (no input
        /// labels for an input layer drawn as an image).
        init(toggles: LabelToggles, inputCount: Int, widths: LabelWidths, metrics: Metrics, area: Area,
             imageInput: Bool = false) {
            margin = metrics.margin
            gap = metrics.gap
            input = toggles.inputs && !imageInput ? widths.input(count: inputCount) : 0
            target = toggles.targets ? widths.target : 0
            right = area.right
        }

        /// A first guess at the distance between `layerCount` columns, from the gutters
        /// alone, for capping the neuron radius.
        func roughPitch(layerCount: Int) -> Double {
            let left = margin + input + gap
            let right = self.right - target - (target > 0 ? gap * 2 : 0)
            return layerCount > 1 ? (right - left) / Double(layerCount - 1) : 0
        }

        /// The first column's x: clear of the input labels by `radius`, and far enough in
        /// for `halfWidth` of labels to its left.
        func firstX(radius: Double, halfWidth: Double) -> Double {
            max(margin + (input > 0 ? input + gap : 0) + radius, margin + halfWidth)
        }

        /// The last column's x: clear of the targets column by `halfWidth` of labels to its right.
        func lastX(halfWidth: Double) -> Double {
            right - (target > 0 ? target + 2 * gap : 0) - halfWidth
        }

        /// The x of the targets column.
        var targetColumnX: Double { right - target }
    }
}
