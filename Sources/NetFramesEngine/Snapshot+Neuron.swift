extension Snapshot {
    // Single values by neuron, counted from 0. The slices `activations(of:)` and its
    // kin return keep the indices of the step's record, so `slice[0]` is not their
    // first element; these read one value without that pitfall.

    /// The activation of neuron `neuron` of `layer` (an input value for layer 0), or `nil`
    /// if the forward pass has not reached the layer yet.
    public func activation(of layer: Int, neuron: Int) -> Double? {
        activations(of: layer).map { $0[$0.startIndex + neuron] }
    }

    /// The delta ∂L/∂z of neuron `neuron` of `layer` (1 or more), or `nil` if
    /// backpropagation has not reached the layer yet.
    public func delta(of layer: Int, neuron: Int) -> Double? {
        deltas(of: layer).map { $0[$0.startIndex + neuron] }
    }

    /// ∂L/∂w for the weight from neuron `from` of layer `layer − 1` to neuron `to` of
    /// `layer`, or `nil` if not computed yet.
    public func weightGradient(into layer: Int, to: Int, from: Int) -> Double? {
        weightGradients(into: layer).map { $0[$0.startIndex + to * shape.layers[layer - 1] + from] }
    }
}
