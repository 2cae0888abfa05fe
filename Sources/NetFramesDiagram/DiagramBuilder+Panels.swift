import NetFramesScene

extension Frame {
    /// The panels beside the network: loss curve, outputs against targets, decision boundary.
    mutating func drawPanels() {
        for kind in PanelKind.allCases {
            guard let box = layout.panelBoxes[kind] else { continue }
            let title: String
            switch kind {
            case .boundary: title = "Decision boundary"
            case .loss: title = "Loss (mean over the data)"
            case .outputs: title = "Outputs against targets"
            }
            items.append(.rect(box, cornerRadius: layout.labelPadding * 2, fill: theme.labelBackdrop,
                               stroke: Stroke(theme.labelBorder, width: layout.lineUnit)))
            let pad = layout.legendFont.size * 0.8
            let titleFont = Font(family: style.fontFamily, size: layout.legendFont.size, bold: true)
            let titleHeight = titleFont.size * 1.4
            text(title, at: Point(box.minX + pad, box.minY + pad + titleHeight / 2), font: titleFont, color: theme.text,
                 width: box.width - 2 * pad, horizontal: .left)
            let inner = Rect(x: box.minX + pad, y: box.minY + pad + titleHeight + pad * 0.5,
                             width: box.width - 2 * pad, height: box.height - 2.5 * pad - titleHeight)
            guard inner.width > 10, inner.height > 10 else { continue }
            switch kind {
            case .boundary: drawBoundary(in: inner)
            case .loss: drawLossCurve(in: inner)
            case .outputs: drawOutputBars(in: inner)
            }
        }
    }

    private var small: Font { layout.legendFont }

    mutating func drawLossCurve(in area: Rect) {
        let points = state.lossHistory
        guard points.count >= 1 else { return }
        let plot = LossPlot(series: [(points, theme.forward)], theme: theme, font: small, format: format,
                            lineUnit: layout.lineUnit, lineWidth: layout.lineUnit * 1.6, measurer: builder.measurer,
                            minimumTextSize: layout.minimumTextSize, scale: style.lossScale)
        let labelWidth = plot.labelWidth
        let box = Rect(x: area.minX + labelWidth, y: area.minY + small.size * 0.6, width: area.width - labelWidth,
                       height: area.height - small.size * 2.2)
        guard box.width > 4, box.height > 4 else { return }
        items.append(contentsOf: plot.items(in: box))
    }

    mutating func drawOutputBars(in area: Rect) {
        let out = shape.outputLayer
        guard let outputs = state.activations[out] else {
            text("computed at the end of the forward pass", at: area.center, font: small, color: theme.mutedText,
                 width: area.width)
            return
        }
        let shown = Array(0..<min(outputs.count, 10))
        let scale = state.setup.output == .linear
            ? max(1, shown.map { max(abs(outputs[$0]), abs(state.target[$0])) }.max() ?? 1) : 1
        let labelHeight = small.size * 1.3
        let barArea = Rect(x: area.minX, y: area.minY, width: area.width, height: area.height - labelHeight)
        let zeroY = state.setup.output == .linear ? barArea.center.y : barArea.maxY
        let half = state.setup.output == .linear ? barArea.height / 2 : barArea.height
        let slot = area.width / Double(shown.count)
        let barWidth = slot * 0.32
        for j in shown {
            let x = area.minX + slot * (Double(j) + 0.5)
            for (k, value) in [outputs[j], state.target[j]].enumerated() {
                let h = half * min(1, abs(value) / scale)
                let top = value >= 0 ? zeroY - h : zeroY
                let rect = Rect(x: x - barWidth * (k == 0 ? 1.05 : -0.05), y: top, width: barWidth, height: max(0.5, h))
                if k == 0 {
                    items.append(.rect(rect, cornerRadius: 0, fill: theme.neuronFill(value), stroke: Stroke(theme.neuronOutline, width: layout.lineUnit * 0.6)))
                } else {
                    items.append(.rect(rect, cornerRadius: 0, fill: nil, stroke: Stroke(theme.mutedText, width: layout.lineUnit, dash: [layout.lineUnit * 2, layout.lineUnit * 1.5])))
                }
            }
            text(style.className(of: j, outputCount: outputs.count) ?? "\(j + 1)", at: Point(x, area.maxY - labelHeight / 2),
                 font: small, color: theme.mutedText, width: slot)
        }
        items.append(.line(from: Point(area.minX, zeroY), to: Point(area.maxX, zeroY),
                           stroke: Stroke(theme.mutedText.withAlpha(0.6), width: layout.lineUnit * 0.8)))
    }

    /// The decision boundary: the network's prediction over the input plane, blended
    /// smoothly between the grid's samples, with the examples as dots in their class's
    /// colour. Two classes fade from the negative hue through the ground to the positive
    /// one; three or more take a colour each (`Theme.classColor`), paler where the network
    /// is less sure, with a legend when there is room.
    mutating func drawBoundary(in area: Rect) {
        guard let grid = state.boundary else { return }
        // With three or more classes, a legend beside the square when the panel is wide
        // enough, else in rows under it, else none.
        var side = min(area.width, area.height)
        var square = Rect(x: area.center.x - side / 2, y: area.minY, width: side, height: side)
        var legendBox: Rect?
        if grid.classes > 2 {
            let gap = small.size * 0.6
            let entry = boundaryLegendEntryWidth(classes: grid.classes)
            let line = small.size * 1.35
            let shown = min(grid.classes, 8)
            if area.width - entry - gap >= area.height * 0.9 {
                side = min(area.height, area.width - entry - gap)
                let left = area.center.x - (side + gap + entry) / 2
                square = Rect(x: left, y: area.minY, width: side, height: side)
                legendBox = Rect(x: left + side + gap, y: area.minY, width: entry, height: side)
            } else {
                let perRow = max(1, min(shown, Int(area.width / entry)))
                let rows = (shown + perRow - 1) / perRow
                let height = line * Double(rows) + gap
                if area.height - height >= min(area.width, area.height) * 0.6 {
                    side = min(area.width, area.height - height)
                    square = Rect(x: area.center.x - side / 2, y: area.minY, width: side, height: side)
                    legendBox = Rect(x: area.minX, y: area.minY + side + gap, width: area.width, height: height - gap)
                }
            }
        }
        let light = theme.background ?? Color.white
        let colors = boundaryColors(grid, ground: light)
        items.append(.raster(square, columns: grid.columns, rows: grid.rows, colors: colors, interpolation: .bilinear))
        items.append(.rect(square, cornerRadius: 0, fill: nil, stroke: Stroke(theme.labelBorder, width: layout.lineUnit)))
        let dot = max(1.5, side / (grid.points.count < 50 ? 32 : 70))
        for p in grid.points.prefix(1000) {
            let x = square.minX + side * (p.x - grid.xRange.lowerBound) / (grid.xRange.upperBound - grid.xRange.lowerBound)
            let y = square.maxY - side * (p.y - grid.yRange.lowerBound) / (grid.yRange.upperBound - grid.yRange.lowerBound)
            items.append(.circle(center: Point(x, y), radius: dot, fill: theme.classColor(p.label, of: grid.classes),
                                 stroke: Stroke(light, width: dot * 0.4)))
        }
        // Mark the example of this step.
        if state.input.count == 2 {
            let x = square.minX + side * (state.input[0] - grid.xRange.lowerBound) / (grid.xRange.upperBound - grid.xRange.lowerBound)
            let y = square.maxY - side * (state.input[1] - grid.yRange.lowerBound) / (grid.yRange.upperBound - grid.yRange.lowerBound)
            items.append(.circle(center: Point(x, y), radius: dot * 2.4, fill: nil, stroke: Stroke(phaseColor, width: dot * 0.7)))
        }
        if let legendBox { drawBoundaryLegend(classes: grid.classes, in: legendBox) }
    }

    /// Each cell's colour: the predicted class's hue mixed into the ground by how sure the
    /// network is (at most 75%, so the dots on it stay visible).
    func boundaryColors(_ grid: BoundaryGrid, ground: Color) -> [Color] {
        let strongest = 0.75
        guard grid.classes > 2 else {
            return grid.values.map { v -> Color in
                let p = min(1, max(0, v))
                let strength = min(1, abs(p - 0.5) * 2) * strongest
                return ground.mixed(with: p >= 0.5 ? theme.positive : theme.negative, strength)
            }
        }
        let k = grid.classes
        let chance = 1 / Double(k)
        let palette = (0..<k).map { theme.classColor($0, of: k) }
        var colors: [Color] = []
        colors.reserveCapacity(grid.values.count / k)
        var cell = 0
        while cell + k <= grid.values.count {
            var best = cell
            for i in cell..<(cell + k) where grid.values[i] > grid.values[best] { best = i }
            let top = grid.values[best]
            // From chance (every class alike: the ground) to certainty (the full colour).
            let confidence = top.isFinite ? min(1, max(0, (top - chance) / (1 - chance))) : 0
            colors.append(ground.mixed(with: palette[best - cell], confidence * strongest))
            cell += k
        }
        return colors
    }

    /// The width of one legend entry: a swatch and the widest shown class's label.
    private func boundaryLegendEntryWidth(classes: Int) -> Double {
        let widest = (0..<min(classes, 8)).map { builder.measurer.measure(legendLabel(of: $0, classes: classes), font: small).width }
        return (widest.max() ?? 0) + small.size * 1.8
    }

    /// A class's name in the legend: its name, or "class N" (numbered from 1, as the
    /// diagram numbers output neurons).
    private func legendLabel(of c: Int, classes: Int) -> String {
        style.className(of: c, outputCount: classes) ?? "class \(c + 1)"
    }

    /// Swatches with "class 1", "class 2" …, as many to a row as fit `box` (up to 8 classes;
    /// beyond, the colours repeat and the legend would mislead).
    private mutating func drawBoundaryLegend(classes: Int, in box: Rect) {
        let line = small.size * 1.35
        let swatch = small.size * 0.8
        let shown = min(classes, 8)
        let entry = boundaryLegendEntryWidth(classes: classes)
        let perRow = max(1, min(shown, Int(box.width / entry)))
        for c in 0..<shown {
            let x = box.minX + Double(c % perRow) * entry
            let y = box.minY + line * (Double(c / perRow) + 0.5)
            guard y + line / 2 <= box.maxY + 0.5 else { break }
            items.append(.rect(Rect(x: x, y: y - swatch / 2, width: swatch, height: swatch), cornerRadius: swatch * 0.2,
                               fill: theme.classColor(c, of: classes), stroke: nil))
            text(legendLabel(of: c, classes: classes), at: Point(x + swatch + small.size * 0.4, y), font: small, color: theme.mutedText,
                 width: entry - swatch - small.size * 0.5, horizontal: .left)
        }
    }
}
