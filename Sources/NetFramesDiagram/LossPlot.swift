import NetFramesScene

/// The loss over the iterations as a small chart: axes, the largest loss and 0 beside
/// the vertical axis, the last iteration under the horizontal one, and per series a
/// curve with a dot at its latest point. The loss panel draws one series; a
/// comparison's shared panel draws one per run.
struct LossPlot {
    /// Each series' points (in iteration order) and colour.
    var series: [(points: [LossPoint], color: Color)]
    let theme: Theme
    let font: Font
    let format: NumberFormat
    let lineUnit: Double
    /// The curves' width.
    let lineWidth: Double
    let measurer: any TextMeasuring
    /// The smallest size a label may be drawn at (projector); one that would have to be
    /// smaller to fit is left out. `nil`: labels shrink to fit.
    var minimumTextSize: Double? = nil

    /// The width the axis labels take left of the plot: room for the format's template,
    /// or for any number it prints when labels may not shrink.
    var labelWidth: Double {
        guard minimumTextSize != nil else { return measurer.measure(format.template, font: font).width + font.size * 0.5 }
        let widest = DiagramLayout.Projector.widestNumber(format, font: font, measurer: measurer)
        return measurer.measure(widest, font: font).width + labelGap + font.size * 0.2
    }

    /// The space between the axis labels and the vertical axis: clear of the latest
    /// point's dot under projector, whose thicker lines make the dot larger.
    var labelGap: Double {
        minimumTextSize == nil ? font.size * 0.3 : font.size * 0.3 + lineUnit * 3
    }

    /// The chart's items, in `plot` (its axes' box) with the labels left of and under it;
    /// nothing when there is no point.
    func items(in plot: Rect) -> [SceneItem] {
        let all = series.flatMap(\.points)
        guard let firstPoint = all.min(by: { $0.iteration < $1.iteration }),
              let lastPoint = all.max(by: { $0.iteration < $1.iteration }) else { return [] }
        var items: [SceneItem] = []
        let maxLoss = max(all.map(\.loss).filter(\.isFinite).max() ?? 1, 1e-12)
        let first = Double(firstPoint.iteration), last = Double(max(lastPoint.iteration, firstPoint.iteration + 1))
        func place(_ p: LossPoint) -> Point {
            let x = plot.minX + plot.width * (Double(p.iteration) - first) / (last - first)
            let y = plot.maxY - plot.height * min(1, max(0, p.loss / maxLoss))
            return Point(x, y)
        }
        let axis = Stroke(theme.mutedText.withAlpha(0.6), width: lineUnit * 0.8)
        items.append(.line(from: Point(plot.minX, plot.minY), to: Point(plot.minX, plot.maxY), stroke: axis))
        items.append(.line(from: Point(plot.minX, plot.maxY), to: Point(plot.maxX, plot.maxY), stroke: axis))
        let width = labelWidth
        items += [text(format(maxLoss), at: Point(plot.minX - labelGap, plot.minY), width: width, horizontal: .right),
                  text(format(0), at: Point(plot.minX - labelGap, plot.maxY), width: width, horizontal: .right),
                  text("iteration \(lastPoint.iteration + 1)", at: Point(plot.maxX, plot.maxY + font.size * 0.9),
                       width: plot.width, horizontal: .right)].compactMap { $0 }
        for (points, color) in series {
            let finite = points.filter { $0.loss.isFinite }
            if finite.count >= 2 {
                items.append(.polyline(finite.map(place), stroke: Stroke(color, width: lineWidth)))
            }
            if let current = finite.last {
                items.append(.circle(center: place(current), radius: lineUnit * 3, fill: color, stroke: nil))
            }
        }
        return items
    }

    /// A muted label, drawn smaller if it would overflow `width` (as a frame's texts are),
    /// or `nil` if that would be below the minimum text size.
    private func text(_ string: String, at p: Point, width: Double, horizontal: HorizontalAnchor) -> SceneItem? {
        var f = font
        let w = measurer.measure(string, font: font).width
        if w > width, w > 0 {
            f.size = font.size * width / w * 0.999
            if let minimumTextSize, f.size < minimumTextSize { return nil }
        }
        return .text(TextItem(string, at: p, font: f, color: theme.mutedText, horizontal: horizontal))
    }
}
