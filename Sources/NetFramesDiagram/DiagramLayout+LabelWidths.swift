import NetFramesEngine
import NetFramesScene

extension DiagramLayout {
    /// Label texts measured into box widths: the text's advance in the label font and
    /// the padding on either side.
    ///
    /// Every text carries the widest number the format prints, so one box holds any
    /// value of the run and nothing moves between frames.
    struct LabelWidths {
        /// Measures the texts.
        let measurer: any TextMeasuring
        /// The font of value labels.
        let font: Font
        /// Padding inside a label's backdrop, on each side.
        let padding: Double
        /// The widest number the format prints.
        let value: String

        /// What stands between the old and the new value of a change.
        static let changeArrow = " → "

        /// Widths of labels in `fonts.label`, padded as `metrics` says, holding numbers
        /// printed by `format`: as wide as its template, or (`anyNumber`, for projector)
        /// as the widest number it prints.
        init(measurer: any TextMeasuring, fonts: Fonts, metrics: Metrics, format: NumberFormat, anyNumber: Bool = false) {
            self.measurer = measurer
            font = fonts.label
            padding = metrics.labelPadding
            value = anyNumber ? Projector.widestNumber(format, font: fonts.label, measurer: measurer) : format.template
        }

        /// The box width of `text`.
        func box(_ text: String) -> Double {
            measurer.measure(text, font: font).width + 2 * padding
        }

        /// An input's label, `xₙ=…`, numbered as the last of `count` inputs (the longest number).
        func input(count: Int) -> Double {
            box("x\(DiagramLayout.subscripted(count))=" + value)
        }

        /// A target's label, `t=…`.
        var target: Double { box("t=" + value) }

        /// A bias label: `b=…`, or `b=… → …` for changes.
        func bias(_ set: LabelSet) -> Double {
            box(set == .changes ? "b=" + value + Self.changeArrow + value : "b=" + value)
        }

        /// A weight label: `…`, or `… → …` for changes.
        func weight(_ set: LabelSet) -> Double {
            box(set == .changes ? value + Self.changeArrow + value : value)
        }

        /// An activation label of `layer`: `x=…` for inputs; the activation's symbol, or
        /// `δ=…` if that is wider, for the other layers (backprop frames show deltas there).
        func activation(layer: Int, setup: TrainingSetup) -> Double {
            let symbol = layer == 0 ? "x" : setup.activation(layer: layer).symbol
            let text = symbol + "=" + value
            let delta = "δ=" + value
            return max(measurer.measure(text, font: font).width,
                       layer == 0 ? 0 : measurer.measure(delta, font: font).width) + 2 * padding
        }

        /// The "⋮ +N" label of a slot standing for `hidden` neurons.
        func ellipsis(hidden: Int) -> Double {
            box(DiagramLayout.ellipsisText(hidden))
        }
    }
}
