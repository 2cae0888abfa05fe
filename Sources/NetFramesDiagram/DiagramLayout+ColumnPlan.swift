extension DiagramLayout {
    /// Where each layer's column stands, and which neuron labels fit between columns.
    ///
    /// The columns are spread evenly from the first to the last, which stand as far out
    /// as the gutters allow with their labels inside the canvas. Where columns stand too
    /// close for their labels (many layers abreast), the bias labels go first, then the
    /// activation labels.
    struct ColumnPlan {
        /// The x of each layer's column.
        let layerX: [Double]
        /// The neuron labels shown.
        let labels: NeuronLabels

        /// The columns of `widths`, between `gutters`, with the `wanted` labels if they fit.
        init(widths: ColumnWidths, wanted: NeuronLabels, gutters: Gutters) {
            var shown = wanted
            let widestActivation = widths.widestActivation(labels: wanted)
            if shown.biases && Self.pitch(widths, shown, gutters) < widths.widestBias + gutters.gap {
                shown.biases = false
            }
            if shown.activations && Self.pitch(widths, shown, gutters) < widestActivation + gutters.gap {
                shown.activations = false
            }
            let (firstX, lastX) = Self.ends(widths, shown, gutters)
            let count = widths.count
            layerX = (0..<count).map { l in
                count == 1 ? (firstX + lastX) / 2 : firstX + (lastX - firstX) * Double(l) / Double(count - 1)
            }
            labels = shown
        }

        /// The x of the first and the last column with `labels` shown.
        static func ends(_ widths: ColumnWidths, _ labels: NeuronLabels, _ gutters: Gutters) -> (first: Double, last: Double) {
            let first = gutters.firstX(radius: widths.radius, halfWidth: widths.half(layer: 0, labels: labels))
            let last = gutters.lastX(halfWidth: widths.half(layer: widths.count - 1, labels: labels))
            return (first, last)
        }

        /// The distance between neighbouring columns with `labels` shown; infinite for one column.
        static func pitch(_ widths: ColumnWidths, _ labels: NeuronLabels, _ gutters: Gutters) -> Double {
            let (firstX, lastX) = ends(widths, labels, gutters)
            return widths.count > 1 ? (lastX - firstX) / Double(widths.count - 1) : .infinity
        }
    }
}
