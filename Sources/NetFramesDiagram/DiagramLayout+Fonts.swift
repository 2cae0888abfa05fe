import NetFramesScene
import NetFramesRun

extension DiagramLayout {
    /// The fonts of a layout, each a fixed fraction of the style's base font size.
    ///
    /// Everything else in a layout is sized from these, so they come first.
    struct Fonts {
        /// Value labels: activations, biases, weights, inputs, targets.
        let label: Font
        /// Layer titles.
        let title: Font
        /// The run name in the header.
        let header: Font
        /// The header's status: iteration, phase, loss.
        let status: Font
        /// The legend line.
        let legend: Font
        /// The caption.
        let caption: Font

        /// The fonts of `style`, in its family and at its resolved size; none below
        /// `minimum` (projector), where the layer titles and the header also keep their
        /// lead over the other texts.
        init(style: DiagramStyle, minimum: Double? = nil) {
            let f = style.resolvedFontSize
            let family = style.fontFamily
            let least = minimum ?? 0
            func font(_ share: Double, lead: Double = 1, bold: Bool = false) -> Font {
                Font(family: family, size: max(f * share, least * lead), bold: bold)
            }
            label = font(0.86)
            title = font(1, lead: 1.1, bold: true)
            header = font(1.2, lead: 1.25, bold: true)
            status = font(1)
            legend = font(0.8)
            caption = font(1)
        }
    }
}
