import NetFramesScene
import NetFramesRun

extension DiagramLayout {
    /// What the projector theme changes in a layout, for a lecture hall's back row: no
    /// text below a fixed share of the canvas height, lines thicker, and label boxes
    /// wide enough for any number, so a label never needs to shrink below that size.
    enum Projector {
        /// The smallest text, as a fraction of the canvas height: about 16 px at 720p.
        static let minimumTextFraction = 0.022
        /// How much thicker its lines are than the other themes' at the same font size.
        static let lineScale = 1.7

        /// The smallest font size a text of `style` may be drawn at; `nil` when texts
        /// may shrink to fit (every theme but projector).
        static func minimumTextSize(_ style: DiagramStyle) -> Double? {
            style.theme == .projector ? style.height * minimumTextFraction : nil
        }

        /// The base size a projector layout's lengths follow: the style's, or larger,
        /// so that value labels (0.86 of the base) reach the minimum text size.
        static func baseSize(_ style: DiagramStyle, minimum: Double) -> Double {
            max(style.resolvedFontSize, minimum / 0.86)
        }

        /// The widest text `format` prints for an ordinary value (fixed or scientific,
        /// with a minus sign), measured in `font`: what a label box must hold for no
        /// number to be drawn smaller than the font.
        static func widestNumber(_ format: NumberFormat, font: Font, measurer: any TextMeasuring) -> String {
            let samples: [Double] = [-4.44e-300, -4.44e-44, -4.44e-4, -0.444, -4.44, -44.4, -444.4, -4444.4, -44444.4,
                                     -4.44e5, -4.44e44, -4.44e300, -.infinity, .nan]
            var widest = format.template
            var widestWidth = measurer.measure(widest, font: font).width
            for x in samples {
                let text = format(x)
                let width = measurer.measure(text, font: font).width
                if width > widestWidth { (widest, widestWidth) = (text, width) }
            }
            return widest
        }
    }
}
