extension DiagramLayout {
    /// The neuron radius, and which neuron labels still fit above and below the neurons.
    ///
    /// The radius is what the densest column's pitch leaves once each neuron's label
    /// stack and a wider gap to the next neuron are taken off. Too small a neuron drops
    /// the bias labels, then the activation labels. The radius is then kept within
    /// 2 and twice the font size, and within a sixth of the rough column pitch.
    struct RadiusFit {
        /// Neuron radius.
        let radius: Double
        /// The neuron labels that fit between neighbouring neurons.
        let labels: NeuronLabels

        /// The radius for slots `pitch` apart, with the `wanted` labels if they fit,
        /// between columns about `columnPitch` apart.
        init(pitch: Double, wanted: NeuronLabels, columnPitch: Double, metrics: Metrics) {
            let f = metrics.fontSize
            var shown = wanted
            var r = Self.fittingRadius(pitch: pitch, labels: shown, metrics: metrics)
            if r < f * 0.55 && shown.biases {
                shown.biases = false
                r = Self.fittingRadius(pitch: pitch, labels: shown, metrics: metrics)
            }
            if r < f * 0.45 && shown.activations {
                shown.activations = false
                // Biases are off by now for any positive font size; this radius leaves them out regardless.
                r = Self.fittingRadius(pitch: pitch, labels: NeuronLabels(activations: false, biases: false), metrics: metrics)
            }
            radius = max(2, min(r, f * 2.0, columnPitch * 0.16))
            labels = shown
        }

        /// The radius that leaves room for `labels` between neurons `pitch` apart.
        ///
        /// Labels hug their own neuron; a wider gap separates one neuron's stack from the next.
        static func fittingRadius(pitch: Double, labels: NeuronLabels, metrics: Metrics) -> Double {
            let labelHeight = metrics.labelHeight, gap = metrics.gap
            let stack = (labels.activations ? labelHeight + gap : 0) + (labels.biases ? labelHeight + gap : 0)
            return (pitch - stack - 3 * gap) / 2
        }
    }
}
