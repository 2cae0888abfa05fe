import NetFramesEngine

/// The caption of a batch's accumulate moment and of an update by any optimizer, worked
/// through for the weight the SGD caption follows: from neuron 1 into the followed
/// output neuron.
extension Caption {
    /// "Example 3 of 8 joins the batch: …" with the running mean of the followed gradient.
    func accumulate(_ batch: BatchProgress) -> [String] {
        let k = batch.position + 1
        let first = "Batch: example \(k) of \(batch.size) adds its gradients; the labels show the mean ∂L/∂w "
            + "over the \(k == 1 ? "first example" : "first \(k) examples"), which the update will use."
        let out = state.shape.outputLayer
        guard let mean = state.gradient(into: out, to: neuron, from: 0) else { return [first] }
        return [first, "Weight from neuron 1 into output \(neuron + 1): mean ∂L/∂w so far = \(n(mean))"
            + (k == batch.size ? " (the whole batch)" : "")]
    }

    /// What the optimizer does, then its formula with live numbers for the followed weight.
    func optimizerUpdate() -> [String] {
        let setup = state.setup
        let out = state.shape.outputLayer
        let eta = setup.learningRate
        let gradient = setup.batchSize > 1 ? "the batch-mean gradient g over \(setup.batchSize) examples" : "its gradient g"
        let decay = setup.weightDecay
        let decayText: String
        if decay == 0 {
            decayText = ""
        } else if case .adam(_, _, _, true) = setup.optimizer {
            decayText = ", after shrinking by (1 − η·λ), λ = \(n(decay))"
        } else {
            decayText = ", with g + λ·w for weight decay λ = \(n(decay))"
        }
        let biases = setup.trainBiases
            ? (setup.biasLearningRate == eta ? "; biases alike." : "; biases with η = \(n(setup.biasLearningRate)).")
            : "; biases stay fixed."
        let rule: String
        switch setup.optimizer {
        case .sgd: rule = "w ← w − η·g"
        case .momentum(_, false): rule = "v ← μ·v + g, w ← w − η·v"
        case .momentum(_, true): rule = "v ← μ·v + g, w ← w − η·(g + μ·v)"
        case .rmsprop: rule = "s ← α·s + (1−α)·g², w ← w − η·g/(√s + ε)"
        case .adam: rule = "m ← β₁·m + (1−β₁)·g, v ← β₂·v + (1−β₂)·g², w ← w − η·m̂/(√v̂ + ε)"
        }
        let first = "Update, \(setup.optimizer.displayName) η = \(n(eta)): every weight steps by \(gradient)\(decayText): \(rule)\(biases)"
        let old = state.previousWeight(into: out, to: neuron, from: 0)
        let new = state.weight(into: out, to: neuron, from: 0)
        guard let mean = state.gradient(into: out, to: neuron, from: 0) else { return [first] }
        let coupled: Bool
        if case .adam(_, _, _, true) = setup.optimizer { coupled = false } else { coupled = true }
        let g = coupled ? mean + decay * old : mean
        var second = "Weight from neuron 1 into output \(neuron + 1): "
        if decay != 0 && coupled { second += "g = \(n(mean)) + \(n(decay))·\(factor(old)) = \(n(g));  " } else { second += "g = \(n(g));  " }
        func stored(_ name: String) -> Double? { state.optimizerState(name, into: out, to: neuron, from: 0) }
        switch setup.optimizer {
        case .sgd:
            second += "w ← \(n(old)) − \(n(eta))·\(factor(g)) = \(n(new))"
        case let .momentum(mu, nesterov):
            guard let v = stored("velocity") else { return [first] }
            // The velocity before this step, recovered from the one after it.
            let before = mu == 0 ? 0 : (v - g) / mu
            second += "v = \(n(mu))·\(factor(before)) + \(factor(g)) = \(n(v));  "
            second += nesterov ? "w ← \(n(old)) − \(n(eta))·(\(n(g)) + \(n(mu))·\(factor(v))) = \(n(new))"
                : "w ← \(n(old)) − \(n(eta))·\(factor(v)) = \(n(new))"
        case let .rmsprop(alpha, _):
            guard let s = stored("meanSquare") else { return [first] }
            second += "√s = √(\(n(alpha))·s + \(n(1 - alpha))·g²) = \(n(s.squareRoot()));  "
            second += "w ← \(n(old)) − \(n(eta))·\(factor(g))/(\(n(s.squareRoot())) + ε) = \(n(new))"
        case let .adam(beta1, beta2, _, decoupled):
            guard let m = stored("m"), let v = stored("v") else { return [first] }
            let t = Double(state.iteration + 1)
            let mHat = m / (1 - pow(beta1, t)), rootVHat = (v / (1 - pow(beta2, t))).squareRoot()
            second += "m̂ = \(n(mHat)), √v̂ = \(n(rootVHat)) (step \(state.iteration + 1));  "
            let start = decoupled && decay != 0 ? "\(n(old))·(1 − \(n(eta * decay)))" : n(old)
            second += "w ← \(start) − \(n(eta))·\(factor(mHat))/(\(n(rootVHat)) + ε) = \(n(new))"
        }
        return [first, second]
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
