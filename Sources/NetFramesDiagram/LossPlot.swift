import Foundation
import NetFramesRun
import NetFramesScene

/// The loss over the iterations as a small chart: axes, the largest loss and 0 beside
/// the vertical axis (on a log axis, a tick and label per decade), the last iteration
/// under the horizontal one, and per series a curve with a dot at its latest point. The loss panel draws one series; a
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
    /// The vertical axis: linear from 0, or logarithmic between the decades around the losses.
    var scale: LossScale = .linear

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
        let decades = scale == .log ? LossPlot.decades(of: all.map(\.loss)) : nil
        let first = Double(firstPoint.iteration), last = Double(max(lastPoint.iteration, firstPoint.iteration + 1))
        func place(_ p: LossPoint) -> Point {
            let x = plot.minX + plot.width * (Double(p.iteration) - first) / (last - first)
            let fraction: Double
            if let decades {
                let exponent = p.loss > 0 ? log10(p.loss) : Double(decades.lowerBound)
                fraction = (exponent - Double(decades.lowerBound)) / Double(decades.upperBound - decades.lowerBound)
            } else {
                fraction = p.loss / maxLoss
            }
            return Point(x, plot.maxY - plot.height * min(1, max(0, fraction)))
        }
        let axis = Stroke(theme.mutedText.withAlpha(0.6), width: lineUnit * 0.8)
        items.append(.line(from: Point(plot.minX, plot.minY), to: Point(plot.minX, plot.maxY), stroke: axis))
        items.append(.line(from: Point(plot.minX, plot.maxY), to: Point(plot.maxX, plot.maxY), stroke: axis))
        let width = labelWidth
        if let decades {
            items += decadeTicks(decades, in: plot, axis: axis)
        } else {
            items += [text(format(maxLoss), at: Point(plot.minX - labelGap, plot.minY), width: width, horizontal: .right),
                      text(format(0), at: Point(plot.minX - labelGap, plot.maxY), width: width, horizontal: .right)]
                .compactMap { $0 }
        }
        items += [text("iteration \(lastPoint.iteration + 1)", at: Point(plot.maxX, plot.maxY + font.size * 0.9),
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

    /// The powers of ten around the positive finite losses: 10^lower … 10^upper, at
    /// least one decade apart; 10⁻¹…10⁰ when there is none.
    static func decades(of losses: [Double]) -> ClosedRange<Int> {
        let positive = losses.filter { $0.isFinite && $0 > 0 }
        guard let low = positive.min(), let high = positive.max() else { return -1...0 }
        // Clamped to what a Double holds, with a hair of slack so 0.1 sits on its decade.
        let lower = max(-300, Int((log10(low) + 1e-9).rounded(.down)))
        let upper = min(300, max(lower + 1, Int((log10(high) - 1e-9).rounded(.up))))
        return lower...upper
    }

    /// A decade's label: "1", "10", "100", "1000", "0.1", "0.01", "0.001" near 1, and
    /// "10⁴", "10⁻⁴" beyond.
    static func decadeLabel(_ exponent: Int) -> String {
        switch exponent {
        case 0...3: return "1" + String(repeating: "0", count: exponent)
        case -3 ..< 0: return "0." + String(repeating: "0", count: -exponent - 1) + "1"
        default:
            let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
            return "10" + (exponent < 0 ? "⁻" : "") + String(String(exponent.magnitude).map { superscripts[Int(String($0))!] })
        }
    }

    /// A tick at every decade of a log axis, and a label at every decade there is room
    /// for (every one, or every 2nd, 3rd, …, counted from the top), the top and bottom
    /// always among them.
    private func decadeTicks(_ decades: ClosedRange<Int>, in plot: Rect, axis: Stroke) -> [SceneItem] {
        var items: [SceneItem] = []
        let count = decades.upperBound - decades.lowerBound
        let spacing = plot.height / Double(count)
        let every = max(1, Int((font.size * 1.2 / spacing).rounded(.up)))
        for (i, exponent) in decades.reversed().enumerated() {
            let y = plot.minY + spacing * Double(i)
            items.append(.line(from: Point(plot.minX - lineUnit * 3, y), to: Point(plot.minX, y), stroke: axis))
            if i > 0 && i < count {
                items.append(.line(from: Point(plot.minX, y), to: Point(plot.maxX, y),
                                   stroke: Stroke(theme.mutedText.withAlpha(0.18), width: lineUnit * 0.6)))
            }
            let labelled = i % every == 0 && (i == count || count - i >= every) || (i == count)
            if labelled, let label = text(LossPlot.decadeLabel(exponent), at: Point(plot.minX - labelGap - lineUnit * 2, y),
                                          width: labelWidth - lineUnit * 2, horizontal: .right) {
                items.append(label)
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
