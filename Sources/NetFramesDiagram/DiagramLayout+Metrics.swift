import NetFramesScene
import NetFramesRun

extension DiagramLayout {
    /// The lengths every later step measures with: margin, gaps, label padding and height.
    ///
    /// They follow the base font size (and the canvas, for the margin), so a frame keeps
    /// its proportions at any size.
    struct Metrics {
        /// The base font size the other lengths follow.
        let fontSize: Double
        /// Canvas width.
        let width: Double
        /// Canvas height.
        let height: Double
        /// Empty border around the canvas.
        let margin: Double
        /// The unit of space between neighbouring things (bands, labels, columns).
        let gap: Double
        /// Padding inside a label's backdrop.
        let labelPadding: Double
        /// Base width of a connection line.
        let lineUnit: Double
        /// Height of every value label's box: the label font's height and the padding.
        let labelHeight: Double

        /// The lengths of `style`; the label height measures the widest number `format` prints.
        ///
        /// With a `minimum` text size (projector), lengths follow the larger base size
        /// that minimum asks for, and lines are `Projector.lineScale` times thicker; the
        /// gap grows by two line widths, so a label stays clear of its neuron's thicker
        /// ring and the halo around the followed neuron.
        init(style: DiagramStyle, labelFont: Font, format: NumberFormat, measurer: any TextMeasuring,
             minimum: Double? = nil) {
            let f = minimum.map { Projector.baseSize(style, minimum: $0) } ?? style.resolvedFontSize
            fontSize = f
            width = style.width
            height = style.height
            let padding = max(1.5, f * 0.18)
            labelPadding = padding
            let unit = max(0.6, f / 14) * (minimum == nil ? 1 : Projector.lineScale)
            lineUnit = unit
            margin = max(6, min(width, height) * 0.025)
            gap = minimum == nil ? max(2, f * 0.3) : max(2, f * 0.3) + 2 * unit
            labelHeight = measurer.measure(format.template, font: labelFont).height + 2 * padding
        }
    }
}
