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
            text("\(j + 1)", at: Point(x, area.maxY - labelHeight / 2), font: small, color: theme.mutedText, width: slot)
        }
        items.append(.line(from: Point(area.minX, zeroY), to: Point(area.maxX, zeroY),
                           stroke: Stroke(theme.mutedText.withAlpha(0.6), width: layout.lineUnit * 0.8)))
    }

    mutating func drawBoundary(in area: Rect) {
        guard let grid = state.boundary else { return }
        let side = min(area.width, area.height)
        let square = Rect(x: area.center.x - side / 2, y: area.minY, width: side, height: side)
        let light = theme.background ?? Color.white
        let colors = grid.values.map { v -> Color in
            let p = min(1, max(0, v))
            let strength = min(1, abs(p - 0.5) * 2) * 0.75
            return light.mixed(with: p >= 0.5 ? theme.positive : theme.negative, strength)
        }
        items.append(.raster(square, columns: grid.columns, rows: grid.rows, colors: colors))
        items.append(.rect(square, cornerRadius: 0, fill: nil, stroke: Stroke(theme.labelBorder, width: layout.lineUnit)))
        let dot = max(1.5, side / (grid.points.count < 50 ? 32 : 70))
        for p in grid.points.prefix(1000) {
            let x = square.minX + side * (p.x - grid.xRange.lowerBound) / (grid.xRange.upperBound - grid.xRange.lowerBound)
            let y = square.maxY - side * (p.y - grid.yRange.lowerBound) / (grid.yRange.upperBound - grid.yRange.lowerBound)
            items.append(.circle(center: Point(x, y), radius: dot, fill: p.positive ? theme.positive : theme.negative,
                                 stroke: Stroke(light, width: dot * 0.4)))
        }
        // Mark the example of this step.
        if state.input.count == 2 {
            let x = square.minX + side * (state.input[0] - grid.xRange.lowerBound) / (grid.xRange.upperBound - grid.xRange.lowerBound)
            let y = square.maxY - side * (state.input[1] - grid.yRange.lowerBound) / (grid.yRange.upperBound - grid.yRange.lowerBound)
            items.append(.circle(center: Point(x, y), radius: dot * 2.4, fill: nil, stroke: Stroke(phaseColor, width: dot * 0.7)))
        }
    }
}
