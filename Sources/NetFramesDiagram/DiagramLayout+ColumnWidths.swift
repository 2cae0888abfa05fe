import NetFramesEngine

extension DiagramLayout {
    /// How wide each layer's column is: its neuron, or its labels if wider.
    ///
    /// The bias width is the widest any frame prints (`b=… → …`): columns are placed for
    /// the widest label set, so every frame of a run puts each neuron in the same place
    /// whatever its labels say.
    struct ColumnWidths {
        /// Neuron radius.
        let radius: Double
        /// Per layer: the activation label's box width (all 0 when activation labels are off).
        let activations: [Double]
        /// The widest bias label of any frame.
        let widestBias: Double
        /// Half the input column's width when it is an image rather than neurons.
        var imageHalf: Double?

        /// The widths of `setup`'s columns, with neurons of `radius` and the `labels` that fit them.
        init(setup: TrainingSetup, radius: Double, labels: NeuronLabels, widths: LabelWidths) {
            self.radius = radius
            let layers = 0..<setup.shape.layerCount
            activations = labels.activations
                ? layers.map { widths.activation(layer: $0, setup: setup) }
                : layers.map { _ in 0 }
            widestBias = widths.bias(.changes)
        }

        /// The number of columns.
        var count: Int { activations.count }

        /// The activation label's width in `layer`, 0 if `labels` have none.
        func activation(_ layer: Int, labels: NeuronLabels) -> Double {
            labels.activations ? activations[layer] : 0
        }

        /// The widest activation label past the input layer (of the only layer, if just one).
        func widestActivation(labels: NeuronLabels) -> Double {
            (1..<max(2, count)).map { activation(min($0, count - 1), labels: labels) }.max() ?? 0
        }

        /// Half the width of `layer`'s column with `labels` shown: the neuron's radius, or
        /// half its widest label (input neurons carry no bias).
        func half(layer: Int, labels: NeuronLabels) -> Double {
            if layer == 0, let imageHalf { return imageHalf }
            let widestBias = labels.biases ? self.widestBias : 0
            return max(radius, activation(layer, labels: labels) / 2, layer == 0 ? 0 : widestBias / 2)
        }
    }
}
