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

    /// The width the axis labels take left of the plot.
    var labelWidth: Double { measurer.measure(format.template, font: font).width + font.size * 0.5 }

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
        items.append(text(format(maxLoss), at: Point(plot.minX - font.size * 0.3, plot.minY), width: width, horizontal: .right))
        items.append(text(format(0), at: Point(plot.minX - font.size * 0.3, plot.maxY), width: width, horizontal: .right))
        items.append(text("iteration \(lastPoint.iteration + 1)", at: Point(plot.maxX, plot.maxY + font.size * 0.9),
                          width: plot.width, horizontal: .right))
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

    /// A muted label, drawn smaller if it would overflow `width` (as a frame's texts are).
    private func text(_ string: String, at p: Point, width: Double, horizontal: HorizontalAnchor) -> SceneItem {
        var f = font
        let w = measurer.measure(string, font: font).width
        if w > width, w > 0 { f.size = font.size * width / w * 0.999 }
        return .text(TextItem(string, at: p, font: f, color: theme.mutedText, horizontal: horizontal))
    }
}
