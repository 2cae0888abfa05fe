import NetFramesEngine
import NetFramesScene

extension DiagramLayout {
    /// How many slots each layer's column shows, and how far apart they stand.
    ///
    /// A layer with more neurons than the style shows keeps its first and last few
    /// around one "⋮" slot, always an odd count, so the "⋮" sits in the middle. An input
    /// layer drawn as an image has no slots.
    struct SlotPlan {
        /// Neurons per layer.
        let layers: [Int]
        /// Slots per layer: every neuron, or the first and last few and a "⋮".
        let counts: [Int]
        /// The region the columns spread over.
        let area: Area
        /// The distance between neighbouring slots of the densest column.
        let pitch: Double

        /// The slots of `shape`'s layers, at most `maxNeuronsShown` (3 or more) a column, over
        /// `area`; none for the input layer when it is drawn as an image (`imageInput`).
        init(shape: NetworkShape, maxNeuronsShown: Int, area: Area, imageInput: Bool = false) {
            let maxShown = max(3, maxNeuronsShown)
            layers = shape.layers
            counts = shape.layers.enumerated().map { l, n in
                l == 0 && imageInput ? 0 : n > maxShown ? 2 * ((maxShown - 1) / 2) + 1 : n
            }
            self.area = area
            pitch = area.height / Double(counts.max()!)
        }

        /// Each layer's slots at its column's x, top to bottom.
        func columns(layerX: [Double]) -> [[Slot]] {
            layers.indices.map { column(layer: $0, x: layerX[$0]) }
        }

        /// One layer's slots, spread over the height but no looser than 2.2× the densest column.
        private func column(layer l: Int, x: Double) -> [Slot] {
            let n = layers[l], count = counts[l]
            let own = min(area.height / Double(count), pitch * 2.2)
            let centreY = area.centreY
            var column: [Slot] = []
            let half = (count - 1) / 2
            for k in 0..<count {
                let y = centreY + (Double(k) - Double(count - 1) / 2) * own
                let centre = Point(x, y)
                if count < n {
                    if k < half { column.append(.neuron(index: k, center: centre)) }
                    else if k == half { column.append(.ellipsis(hidden: n - 2 * half, center: centre)) }
                    else { column.append(.neuron(index: n - (count - k), center: centre)) }
                } else {
                    column.append(.neuron(index: k, center: centre))
                }
            }
            return column
        }
    }
}
