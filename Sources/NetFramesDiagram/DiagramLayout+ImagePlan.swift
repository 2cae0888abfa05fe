import NetFramesScene
import NetFramesRun

extension DiagramLayout {
    /// Where an input layer drawn as an image goes, and the first hidden layer's
    /// receptive fields beside its neurons.
    ///
    /// The image stands in the input column, centred on the network's area, as large as
    /// 42% of the area's height and half the distance between columns allow. Each shown
    /// neuron of layer 1 gets a field of the image's shape at its left, clear of its
    /// labels, as tall as its neighbours leave room for (at most half the image and six
    /// font sizes). Left of the followed neuron's field is a second one of the same size,
    /// its companion, which shows ∂L/∂w in backprop and Δw in the update. Between the
    /// image and the fields, a light fan stands for the connections, which are not drawn.
    struct ImagePlan {
        /// The image.
        let image: InputImage
        /// The image's box in the input column.
        let box: Rect
        /// Per slot of layer 1: the receptive field's box (`nil` for the "⋮").
        var fields: [Rect?] = []
        /// The followed neuron's companion field; `nil` when there is no room for it.
        var companion: Rect?

        /// The size of `image` drawn at most `side` on its longer side.
        static func size(of image: InputImage, side: Double) -> (width: Double, height: Double) {
            let longest = Double(max(image.width, image.height))
            return (side * Double(image.width) / longest, side * Double(image.height) / longest)
        }

        /// The longest side of the image in `area`, with columns about `columnPitch` apart.
        static func side(area: Area, columnPitch: Double) -> Double {
            max(8, min(area.height * 0.42, columnPitch * 0.5))
        }

        /// The image at the input column `x`, and the fields of layer 1's `slots`, whose
        /// column at `x1` is `half1` wide each side with its labels.
        init(image: InputImage, side: Double, x: Double, area: Area, slots: [Slot], x1: Double, half1: Double,
             metrics: Metrics, followed: Int) {
            self.image = image
            let (w, h) = Self.size(of: image, side: side)
            box = Rect(x: x - w / 2, y: area.centreY - h / 2, width: w, height: h)
            let gap = metrics.gap
            let centres = slots.map(\.center.y)
            let own = centres.count > 1 ? (centres[1] - centres[0]) : area.height / 2
            let right = x1 - half1 - 2 * gap
            let left = box.maxX + 4 * gap
            var fieldSide = min(own - 2 * gap, side * 0.5, metrics.fontSize * 6)
            let widthPerSide = Double(image.width) / Double(max(image.width, image.height))
            // The fields must fit between the fan and the column.
            fieldSide = min(fieldSide, (right - left) / max(widthPerSide, 0.01))
            guard fieldSide >= 4 else {
                fields = slots.map { _ in nil }
                return
            }
            let (fw, fh) = Self.size(of: image, side: fieldSide)
            fields = slots.map { slot in
                guard slot.neuronIndex != nil else { return nil }
                return Rect(x: right - fw, y: slot.center.y - fh / 2, width: fw, height: fh)
            }
            if let s = slots.firstIndex(where: { $0.neuronIndex == followed }), let field = fields[s],
               field.minX - 2 * gap - fw >= left {
                companion = Rect(x: field.minX - 2 * gap - fw, y: field.minY, width: fw, height: fh)
            }
        }

        /// Every box the plan fills, for keeping weight labels off them.
        var boxes: [Rect] { [box] + fields.compactMap { $0 } + (companion.map { [$0] } ?? []) }
    }
}
