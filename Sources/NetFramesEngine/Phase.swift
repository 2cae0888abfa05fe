/// The four moments of a training step that NetFrames records.
public enum Phase: String, Codable, CaseIterable, Sendable {
    /// One layer's pre-activations and activations have just been computed.
    case forward
    /// The cost of the example has just been computed.
    case loss
    /// One layer's deltas, and the gradients of the weights and biases into it, have
    /// just been computed (from the output layer back towards the input).
    case backward
    /// Every weight and bias has just taken its gradient step.
    case update
}
