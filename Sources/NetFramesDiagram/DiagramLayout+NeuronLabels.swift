import NetFramesRun

extension DiagramLayout {
    /// Which labels the neurons carry: the activation above, the bias below.
    ///
    /// The style asks for them; the radius fit and the column plan switch off those
    /// that leave too little room, the bias labels first.
    struct NeuronLabels {
        /// Activation labels above the neurons.
        var activations: Bool
        /// Bias labels below the neurons.
        var biases: Bool

        /// The neuron labels `toggles` ask for.
        init(toggles: LabelToggles) {
            activations = toggles.activations
            biases = toggles.biases
        }

        /// The given neuron labels.
        init(activations: Bool, biases: Bool) {
            self.activations = activations
            self.biases = biases
        }
    }
}
