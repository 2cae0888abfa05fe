/// What is moving in an animation frame, drawn over the state's numbers.
public enum Motion: Sendable, Hashable {
    /// A pulse travelling along every connection into `layer`; `progress` runs 0 → 1.
    case forwardPulse(layer: Int, progress: Double)
    /// The error travelling back along the connections out of `layer` (from layer + 1,
    /// or from the targets for the output layer); `progress` runs 0 → 1.
    case backwardPulse(layer: Int, progress: Double)
    /// Outputs being compared with targets.
    case lossReveal(progress: Double)
    /// Weights and biases morphing from old to new.
    case morph(progress: Double)
}
