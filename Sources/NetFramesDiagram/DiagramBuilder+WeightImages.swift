import Foundation
import NetFramesScene
import NetFramesRun

/// Weights drawn as images rather than lines: the input image with the first hidden
/// layer's receptive fields, and the weight-matrix heatmaps of wide pairs of layers.
///
/// Every such image colours a value on a scale symmetric around 0, full colour at the
/// largest |value| it shows in this frame (printed beside it): blue for positive, orange
/// for negative, the empty-neuron fill for 0. A frame-by-frame scale keeps the pattern
/// readable from the random start, where weights are small, to the end, where they have
/// grown; one SGD step moves the largest |w| only a little, so the scale does not flicker,
/// and the printed figure says how the magnitude grows.
extension Frame {
    mutating func drawWeightImages() {
        drawHeatmaps()
        drawInputImage()
    }

    /// The largest finite |value| of `values`, or 1 when there is none (all zero).
    static func scale(of values: some Sequence<Double>) -> Double {
        let largest = values.reduce(0.0) { $1.isFinite ? max($0, abs($1)) : $0 }
        return largest > 0 ? largest : 1
    }

    /// A muted note in the legend font, fitted into `width`.
    mutating func note(_ string: String, at p: Point, width: Double, horizontal: HorizontalAnchor = .center,
                       color: Color? = nil) {
        text(string, at: p, font: layout.legendFont, color: color ?? theme.mutedText, width: width, horizontal: horizontal)
    }

    // MARK: Input image and receptive fields

    /// Whether the followed neuron of layer `l` is the one this moment is about.
    func followsLayer(_ l: Int) -> Bool {
        switch state.phase {
        case .forward, .backward: return state.layer == l
        case .update: return l > 0
        case .loss: return false
        }
    }

    mutating func drawInputImage() {
        guard let image = layout.inputImage, let box = layout.imageBox else { return }
        let unit = max(1, layout.lineUnit)
        // The fan from the image to the fields: the connections, not drawn one by one.
        let fields = layout.receptiveFieldBoxes.compactMap { $0 }
        if let first = fields.first, let last = fields.last {
            let end = (layout.companionFieldBox?.minX ?? first.minX) - layout.lineUnit * 4
            if end > box.maxX + unit * 4 {
                let alpha = 0.22 * connectionAlpha(into: 1)
                items.append(.polygon([Point(box.maxX + unit * 3, box.minY), Point(end, first.minY),
                                       Point(end, last.maxY), Point(box.maxX + unit * 3, box.maxY)],
                                      fill: theme.neutralLine.withAlpha(alpha)))
            }
        }
        let pixels = state.input.map(theme.pixelGrey)
        items.append(.raster(box, columns: image.width, rows: image.height, colors: pixels))
        let reading = state.phase == .forward && state.layer == 1
        items.append(.rect(box, cornerRadius: 0, fill: nil,
                           stroke: Stroke(reading ? phaseColor : theme.neuronOutline, width: unit * (reading ? 2 : 1))))
        let room = max(box.width, (fields.first?.minX ?? box.maxX) - box.minX) * 1.0
        let below = box.maxY + layout.labelPadding * 2 + layout.labelFont.size * 0.7
        let title = "x: \(image.text) image"
        text(title, at: Point(centreUnderImage(title, font: layout.labelFont, room: room), below), font: layout.labelFont,
             color: theme.text, width: room)
        drawReceptiveFields(noteAt: Point(box.center.x, below + layout.labelFont.size * 1.5), noteWidth: room)
    }

    /// Where a line under the input image is centred: under the image, or as far right as
    /// keeps it inside the diagram where it is wider than the image and the image is near
    /// the frame's left edge (as the large texts of the projector theme are).
    func centreUnderImage(_ string: String, font: Font, room: Double) -> Double {
        guard let box = layout.imageBox else { return 0 }
        let width = min(room, builder.measurer.measure(string, font: font).width)
        return max(box.center.x, layout.diagramBox.minX + width / 2)
    }

    /// Each shown neuron's incoming weights as an image of the input's shape, the
    /// followed neuron's outlined while the moment is about its layer; its companion
    /// shows ∂L/∂w in backprop and Δw in the update.
    mutating func drawReceptiveFields(noteAt: Point, noteWidth: Double) {
        guard let image = layout.inputImage else { return }
        let pixels = image.pixelCount
        let weights = state.weights[1]
        let scale = Self.scale(of: weights)
        let unit = max(1, layout.lineUnit)
        let followed = layout.highlightedNeuron
        let alpha = connectionAlpha(into: 1)
        for (s, slot) in layout.slots[1].enumerated() {
            guard let j = slot.neuronIndex, let box = layout.receptiveFieldBoxes[s] else { continue }
            let row = weights[(j * pixels)..<((j + 1) * pixels)]
            items.append(.raster(box, columns: image.width, rows: image.height,
                                 colors: row.map { theme.heatColor($0, scale: scale).withAlpha(alpha) }))
            let emphasised = j == followed && followsLayer(1)
            items.append(.rect(box, cornerRadius: 0, fill: nil,
                               stroke: emphasised ? Stroke(phaseColor, width: unit * 2.4)
                                   : Stroke(theme.neuronOutline.withAlpha(0.45), width: unit * 0.8)))
        }
        let fieldsNote = "receptive fields: ±\(format(scale)) full colour"
        note(fieldsNote, at: Point(centreUnderImage(fieldsNote, font: layout.legendFont, room: noteWidth), noteAt.y),
             width: noteWidth)
        drawCompanionField(image: image)
    }

    /// The followed neuron's ∂L/∂w (backprop, once the error reaches layer 1) or Δw
    /// (update, growing as the weights morph), on a scale of its own.
    mutating func drawCompanionField(image: InputImage) {
        guard let box = layout.companionFieldBox else { return }
        let pixels = image.pixelCount, j = layout.highlightedNeuron
        let range = (j * pixels)..<((j + 1) * pixels)
        let values: [Double], name: String, scale: Double, color: Color
        if state.phase == .update {
            values = zip(state.weights[1][range], state.previousWeights[1][range]).map { $0 - $1 }
            scale = Self.scale(of: zip(settled.weights[1][range], settled.previousWeights[1][range]).map { $0 - $1 })
            (name, color) = ("Δw", theme.update)
        } else if state.phase == .backward || accumulating, let gradients = state.weightGradients[1] {
            values = Array(gradients[range])
            scale = Self.scale(of: values)
            (name, color) = (accumulating ? "mean ∂L/∂w" : "∂L/∂w", accumulating ? theme.update : theme.backward)
        } else {
            return
        }
        items.append(.raster(box, columns: image.width, rows: image.height,
                             colors: values.map { theme.heatColor($0, scale: scale) }))
        items.append(.rect(box, cornerRadius: 0, fill: nil, stroke: Stroke(color, width: max(1, layout.lineUnit) * 2)))
        let left = (layout.imageBox?.maxX ?? box.minX) + layout.lineUnit * 4
        note("\(name) ±\(format(scale))", at: Point(box.maxX, box.maxY + layout.legendFont.size * 0.9),
             width: box.maxX - left, horizontal: .right, color: color)
    }

    // MARK: Heatmaps

    /// What a heatmap of the weights into `l` shows in this moment: the weights; their
    /// gradients where backprop has just reached `l` (or a batch's running means); their
    /// change in the update.
    func heatmapValues(into l: Int) -> (values: [Double], scale: Double, name: String, color: Color?) {
        if state.phase == .update {
            let change = zip(state.weights[l], state.previousWeights[l]).map { $0 - $1 }
            let settledChange = zip(settled.weights[l], settled.previousWeights[l]).map { $0 - $1 }
            return (change, Self.scale(of: settledChange), "Δw", theme.update)
        }
        if let gradients = state.weightGradients[l], accumulating || (state.phase == .backward && state.layer == l) {
            return (gradients, Self.scale(of: gradients), accumulating ? "mean ∂L/∂w" : "∂L/∂w",
                    accumulating ? theme.update : theme.backward)
        }
        return (state.weights[l], Self.scale(of: state.weights[l]), "w", nil)
    }

    mutating func drawHeatmaps() {
        for l in 1..<shape.layerCount {
            guard let box = layout.heatmapBoxes[l] else { continue }
            let rows = shape.layers[l], columns = shape.layers[l - 1]
            let alpha = connectionAlpha(into: l)
            let unit = max(1, layout.lineUnit)
            let cellHeight = box.height / Double(rows)
            drawHeatmapLinks(into: l, box: box, cellHeight: cellHeight, alpha: alpha)
            let (values, scale, name, color) = heatmapValues(into: l)
            items.append(.raster(box, columns: columns, rows: rows,
                                 colors: values.map { theme.heatColor($0, scale: scale).withAlpha(alpha) }))
            items.append(.rect(box, cornerRadius: 0, fill: nil,
                               stroke: Stroke((color ?? theme.neuronOutline).withAlpha(max(0.45, alpha)),
                                              width: unit * (color == nil ? 0.8 : 2))))
            // The followed neuron's row.
            let j = layout.highlightedNeuron
            let row = Rect(x: box.minX, y: box.minY + Double(j) * cellHeight, width: box.width, height: cellHeight)
            let ring = followsLayer(l) ? phaseColor : theme.text.withAlpha(0.7)
            let ringWidth = unit * (followsLayer(l) ? 2.2 : 1.4)
            items.append(.rect(Rect(x: row.minX - ringWidth / 2, y: row.minY - ringWidth / 2,
                                    width: row.width + ringWidth, height: row.height + ringWidth),
                               cornerRadius: 0, fill: nil, stroke: Stroke(ring, width: ringWidth)))
            let room = box.width + layout.lineUnit * 8
            note("\(name): \(rows) × \(columns)", at: Point(box.center.x, box.minY - layout.legendFont.size * 0.9),
                 width: room, color: color)
            note("±\(format(scale)) full colour", at: Point(box.center.x, box.maxY + layout.legendFont.size * 0.9),
                 width: room)
        }
    }

    /// A light fan from the lower column to the heatmap's left edge, and a line from each
    /// shown neuron of the upper column to its row, so the rows read as its neurons (the
    /// rows between stand for the "⋮ +N").
    mutating func drawHeatmapLinks(into l: Int, box: Rect, cellHeight: Double, alpha: Double) {
        let below = layout.slots[l - 1].filter { $0.neuronIndex != nil }
        if let first = below.first, let last = below.last {
            let x = first.center.x + layout.radius + layout.lineUnit * 2
            if box.minX - layout.lineUnit * 2 > x {
                items.append(.polygon([Point(x, first.center.y - layout.radius), Point(box.minX - layout.lineUnit * 2, box.minY),
                                       Point(box.minX - layout.lineUnit * 2, box.maxY), Point(x, last.center.y + layout.radius)],
                                      fill: theme.neutralLine.withAlpha(0.22 * alpha)))
            }
        }
        for slot in layout.slots[l] {
            guard let j = slot.neuronIndex else { continue }
            let rowY = box.minY + (Double(j) + 0.5) * cellHeight
            items.append(.line(from: Point(box.maxX + layout.lineUnit * 2, rowY),
                               to: Point(slot.center.x - layout.radius, slot.center.y),
                               stroke: Stroke(theme.neutralLine.withAlpha(max(0.35, alpha)), width: max(0.6, layout.lineUnit))))
        }
    }
}
