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

        /// The fonts of `style`, in its family and at its resolved size.
        init(style: DiagramStyle) {
            let f = style.resolvedFontSize
            let family = style.fontFamily
            label = Font(family: family, size: f * 0.86)
            title = Font(family: family, size: f, bold: true)
            header = Font(family: family, size: f * 1.2, bold: true)
            status = Font(family: family, size: f)
            legend = Font(family: family, size: f * 0.8)
            caption = Font(family: family, size: f)
        }
    }
}
