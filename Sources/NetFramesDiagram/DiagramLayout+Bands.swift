import NetFramesScene
import NetFramesRun

extension DiagramLayout {
    /// The strips across the canvas that are not the network: header and layer titles
    /// taken from the top, caption and legend from the bottom.
    ///
    /// What they leave between `top` and `bottom` goes to the panels and the network.
    struct Bands {
        /// Header line's baseline band; `nil` when the header is off.
        let header: Rect?
        /// Layer-title row; `nil` when titles are off.
        let title: Rect?
        /// The caption band at the bottom; `nil` when the caption is off.
        let caption: Rect?
        /// The legend line above the caption; `nil` when the legend is off.
        let legend: Rect?
        /// The first y below the top bands.
        let top: Double
        /// The last y above the bottom bands.
        let bottom: Double

        /// The bands `style` switches on, each as tall as its font's "Ag" (the caption two
        /// lines, three under projector).
        init(style: DiagramStyle, fonts: Fonts, metrics: Metrics, measurer: any TextMeasuring) {
            let margin = metrics.margin, gap = metrics.gap, W = metrics.width

            var top = margin
            if style.labels.header {
                let h = Self.lineHeight(fonts.header, measurer: measurer)
                header = Rect(x: margin, y: top, width: W - 2 * margin, height: h)
                top += h + gap * 2
            } else {
                header = nil
            }
            if style.labels.titles {
                let h = Self.lineHeight(fonts.title, measurer: measurer)
                title = Rect(x: margin, y: top, width: W - 2 * margin, height: h)
                top += h + gap * 2
            } else {
                title = nil
            }
            var bottom = metrics.height - margin
            if style.labels.caption {
                let h = Self.lineHeight(fonts.caption, measurer: measurer)
                let band = Double(Self.captionLines(style)) * h * 1.2 + gap
                caption = Rect(x: margin, y: bottom - band, width: W - 2 * margin, height: band)
                bottom -= band + gap * 2
            } else {
                caption = nil
            }
            if style.labels.legend {
                let h = Self.lineHeight(fonts.legend, measurer: measurer)
                legend = Rect(x: margin, y: bottom - h, width: W - 2 * margin, height: h)
                bottom -= h + gap * 2
            } else {
                legend = nil
            }
            self.top = top
            self.bottom = bottom
        }

        /// The lines the caption band holds: 2, or 3 under projector, where a caption
        /// line too long for the band is wrapped rather than drawn smaller.
        static func captionLines(_ style: DiagramStyle) -> Int {
            style.theme == .projector ? 3 : 2
        }

        /// The height of a line in `font`, measured on "Ag" (an ascender and a descender).
        static func lineHeight(_ font: Font, measurer: any TextMeasuring) -> Double {
            measurer.measure("Ag", font: font).height
        }
    }
}
