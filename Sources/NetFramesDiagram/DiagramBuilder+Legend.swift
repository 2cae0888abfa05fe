import NetFramesScene
import NetFramesRun

extension Frame {
    /// A key: what the hues, widths, ring and tinted boxes of this frame mean.
    mutating func drawLegend() {
        guard let band = layout.legendBox else { return }
        let font = layout.legendFont
        let unit = font.size
        var x = band.minX
        let y = band.center.y
        func width(_ s: String) -> Double { builder.measurer.measure(s, font: font).width }
        var entries: [(swatch: Swatch, text: String)] = [
            (.line(theme.positive), "positive weight"),
            (style.signStyle == .dashed ? .dashedLine(theme.negative) : .line(theme.negative), "negative weight"),
            (.widths, "thicker: larger |w|"),
        ]
        if layout.inputImage != nil || layout.heatmapBoxes.contains(where: { $0 != nil }) {
            entries.insert((.cells, "cells: weights, orange − to blue +"), at: 2)
        }
        if state.phase != .update { entries.append((.ring(phaseColor), "the neuron the caption follows")) }
        if accumulating { entries.append((.box(theme.update), "∂L/∂w and δ̄: means over the batch so far")) }
        switch state.phase {
        case .backward: entries.append((.box(theme.backward), "δ = ∂L/∂z and ∂L/∂w, tinted by sign"))
        case .update:
            entries.append((.box(theme.update), "old → new"))
            if showsOptimizer { entries.append((.arrow(theme.update), "step of \(state.setup.optimizer.displayName)")) }
        case .loss: entries.append((.dash(theme.forward), "output against target"))
        case .forward: entries.append((.dashedCircle, "not computed yet"))
        }
        for (swatch, label) in entries {
            let needed = unit * 2.2 + width(label) + unit * 1.4
            if x + needed > band.maxX { break }
            drawSwatch(swatch, at: Point(x + unit, y), size: unit)
            x += unit * 2.2
            items.append(.text(TextItem(label, at: Point(x, y), font: font, color: theme.mutedText, horizontal: .left)))
            x += width(label) + unit * 1.4
        }
    }

    enum Swatch {
        case line(Color), dashedLine(Color), widths, ring(Color), box(Color), dash(Color), dashedCircle, arrow(Color), cells
    }

    mutating func drawSwatch(_ swatch: Swatch, at c: Point, size: Double) {
        let half = size * 0.8
        switch swatch {
        case .line(let color):
            items.append(.line(from: Point(c.x - half, c.y), to: Point(c.x + half, c.y), stroke: Stroke(color, width: size * 0.25)))
        case .dashedLine(let color):
            // As a negative connection is drawn: round-capped dashes, gaps a width longer.
            let width = size * 0.25
            items.append(.line(from: Point(c.x - half, c.y), to: Point(c.x + half, c.y),
                               stroke: Stroke(color, width: width, dash: [size * 0.2, width + size * 0.25])))
        case .arrow(let color):
            items.append(.line(from: Point(c.x - half, c.y), to: Point(c.x + half * 0.4, c.y), stroke: Stroke(color, width: size * 0.14)))
            items.append(.polygon([Point(c.x + half, c.y), Point(c.x + half * 0.3, c.y - size * 0.35),
                                   Point(c.x + half * 0.3, c.y + size * 0.35)], fill: color))
        case .cells:
            let cells = [-1, -0.5, 0, 0.5, 1].map { theme.heatColor($0, scale: 1) }
            let box = Rect(x: c.x - half, y: c.y - size * 0.35, width: 2 * half, height: size * 0.7)
            items.append(.raster(box, columns: cells.count, rows: 1, colors: cells))
            items.append(.rect(box, cornerRadius: 0, fill: nil, stroke: Stroke(theme.neuronOutline.withAlpha(0.45), width: size * 0.06)))
        case .widths:
            items.append(.line(from: Point(c.x - half, c.y - size * 0.22), to: Point(c.x + half, c.y - size * 0.22),
                               stroke: Stroke(theme.mutedText, width: size * 0.08)))
            items.append(.line(from: Point(c.x - half, c.y + size * 0.18), to: Point(c.x + half, c.y + size * 0.18),
                               stroke: Stroke(theme.mutedText, width: size * 0.3)))
        case .ring(let color):
            items.append(.circle(center: c, radius: size * 0.42, fill: theme.neuronZero, stroke: Stroke(color, width: size * 0.14)))
        case .box(let color):
            items.append(.rect(Rect(x: c.x - half, y: c.y - size * 0.4, width: 2 * half, height: size * 0.8), cornerRadius: size * 0.15,
                               fill: theme.labelBackdrop.mixed(with: theme.positive, 0.22), stroke: Stroke(color, width: size * 0.1)))
        case .dash(let color):
            items.append(.line(from: Point(c.x - half, c.y), to: Point(c.x + half, c.y),
                               stroke: Stroke(color, width: size * 0.12, dash: [size * 0.3, size * 0.2])))
        case .dashedCircle:
            items.append(.circle(center: c, radius: size * 0.42, fill: theme.neuronZero,
                                 stroke: Stroke(theme.pending, width: size * 0.1, dash: [size * 0.2, size * 0.15])))
        }
    }
}
