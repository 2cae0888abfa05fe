/// The rule that turns a step's gradient into new weights and biases.
///
/// Each follows torch.optim's documented formula (docs/run-file.md works them through).
/// For every trained parameter p with step size η, gradient g (the batch mean, plus
/// λ·p for L2 weight decay unless Adam's decay is decoupled) and 1-based step t:
/// - `sgd`: p ← p − η·g
/// - `momentum`: v ← μ·v + g; d = g + μ·v if Nesterov, else v; p ← p − η·d
/// - `rmsprop`: s ← α·s + (1−α)·g²; p ← p − η·g / (√s + ε)
/// - `adam`: if decoupled, p ← p·(1 − η·λ); m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
///   p ← p − η·(m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
///
/// Every state starts at zero.
public enum Optimizer: Sendable, Hashable, Codable {
    /// Plain gradient descent.
    case sgd
    /// Gradient descent with a velocity (heavy-ball or Nesterov momentum).
    case momentum(momentum: Double, nesterov: Bool)
    /// Steps scaled by a running mean of squared gradients.
    case rmsprop(alpha: Double, epsilon: Double)
    /// Adam, or AdamW when `decoupled`.
    case adam(beta1: Double, beta2: Double, epsilon: Double, decoupled: Bool)

    /// The optimizer's name in a run file.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// Plain gradient descent.
        case sgd
        /// Gradient descent with a velocity.
        case momentum
        /// Steps scaled by a running mean of squared gradients.
        case rmsprop
        /// Adam (AdamW when decoupled).
        case adam
    }

    /// Momentum with μ = 0.9, not Nesterov.
    public static let defaultMomentum = Optimizer.momentum(momentum: 0.9, nesterov: false)
    /// RMSprop with α = 0.99 and ε = 1e-8.
    public static let defaultRMSprop = Optimizer.rmsprop(alpha: 0.99, epsilon: 1e-8)
    /// Adam with β1 = 0.9, β2 = 0.999, ε = 1e-8, L2 (not decoupled) decay.
    public static let defaultAdam = Optimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decoupled: false)

    /// The optimizer of `kind` with every setting at its default.
    public static func defaults(_ kind: Kind) -> Optimizer {
        switch kind {
        case .sgd: return .sgd
        case .momentum: return defaultMomentum
        case .rmsprop: return defaultRMSprop
        case .adam: return defaultAdam
        }
    }

    /// Which rule this is.
    public var kind: Kind {
        switch self {
        case .sgd: return .sgd
        case .momentum: return .momentum
        case .rmsprop: return .rmsprop
        case .adam: return .adam
        }
    }

    /// The names of the per-parameter state the optimizer keeps, in the record's order:
    /// none for SGD, `velocity` for momentum, `meanSquare` for RMSprop, `m` and `v` for Adam.
    public var stateNames: [String] {
        switch self {
        case .sgd: return []
        case .momentum: return ["velocity"]
        case .rmsprop: return ["meanSquare"]
        case .adam: return ["m", "v"]
        }
    }

    /// The name people know it by: "SGD", "Momentum", "Nesterov", "RMSprop", "Adam", "AdamW".
    public var displayName: String {
        switch self {
        case .sgd: return "SGD"
        case .momentum(_, let nesterov): return nesterov ? "Nesterov" : "Momentum"
        case .rmsprop: return "RMSprop"
        case .adam(_, _, _, let decoupled): return decoupled ? "AdamW" : "Adam"
        }
    }
}
