import NetFramesEngine

/// The caption of a batch's accumulate moment and of an update by any optimizer, worked
/// through for the weight the SGD caption follows: from neuron 1 into the followed
/// output neuron.
extension Caption {
    /// "Example 3 of 8 joins the batch: …" with the running mean of the followed gradient.
    func accumulate(_ batch: BatchProgress) -> [MathLine] {
        let k = batch.position + 1
        var first = words("Batch: example \(k) of \(batch.size) adds its gradients; the labels show the mean ")
        first.partial("L", by: "w")
        first.append(words(" over the \(k == 1 ? "first example" : "first \(k) examples"), which the update will use."))
        let out = state.shape.outputLayer
        guard let mean = state.gradient(into: out, to: neuron, from: 0) else { return [first] }
        var second = words("Weight from neuron 1 into output \(neuron + 1): mean ")
        second.partial("L", by: "w")
        second.append(words(" so far = ") + number(mean, .gradient) + words(k == batch.size ? " (the whole batch)" : ""))
        return [first, second]
    }

    /// η·g/(√s + ε) as a fraction: g over √s + ε when stacked, "g/(√s + ε)" inline.
    private func scaledStep(_ numerator: MathLine, inline: MathLine, root: MathLine) -> MathLine {
        var line = MathLine()
        line.fraction(numerator, over: root + formula(" + ε"), inline: inline + words("/(") + root + formula(" + ε)"))
        return line
    }

    /// What the optimizer does, then its formula with live numbers for the followed weight.
    func optimizerUpdate() -> [MathLine] {
        let setup = state.setup
        let out = state.shape.outputLayer
        let eta = setup.learningRate
        let gradient = setup.batchSize > 1
            ? words("the batch-mean gradient ") + formula("g") + words(" over \(setup.batchSize) examples")
            : words("its gradient ") + formula("g")
        let decay = setup.weightDecay
        let decayText: MathLine
        if decay == 0 {
            decayText = MathLine()
        } else if case .adam(_, _, _, true) = setup.optimizer {
            decayText = words(", after shrinking by ") + formula("(1 − η·λ), λ = ") + number(decay, .base)
        } else {
            decayText = words(", with ") + formula("g + λ·w") + words(" for weight decay ") + formula("λ = ") + number(decay, .base)
        }
        let biases: MathLine
        if !setup.trainBiases {
            biases = words("; biases stay fixed.")
        } else if setup.biasLearningRate == eta {
            biases = words("; biases alike.")
        } else {
            biases = words("; biases with ") + formula("η = ") + number(setup.biasLearningRate, .rate) + words(".")
        }
        let rule: MathLine
        switch setup.optimizer {
        case .sgd: rule = formula("w ← w − η·g")
        case .momentum(_, false): rule = formula("v ← μ·v + g, w ← w − η·v")
        case .momentum(_, true): rule = formula("v ← μ·v + g, w ← w − η·(g + μ·v)")
        case .rmsprop:
            rule = formula("s ← α·s + (1−α)·g², w ← w − η·") + scaledStep(formula("g"), inline: formula("g"), root: formula("√s"))
        case .adam:
            rule = formula("m ← β₁·m + (1−β₁)·g, v ← β₂·v + (1−β₂)·g², w ← w − η·")
                + scaledStep(formula("m̂"), inline: formula("m̂"), root: formula("√v̂"))
        }
        let first = words("Update, \(setup.optimizer.displayName) ") + formula("η = ") + number(eta, .rate)
            + words(": every weight steps by ") + gradient + decayText + words(": ") + rule + biases
        let old = state.previousWeight(into: out, to: neuron, from: 0)
        let new = state.weight(into: out, to: neuron, from: 0)
        guard let mean = state.gradient(into: out, to: neuron, from: 0) else { return [first] }
        let coupled: Bool
        if case .adam(_, _, _, true) = setup.optimizer { coupled = false } else { coupled = true }
        let g = coupled ? mean + decay * old : mean
        let oldWeight = number(old, .weight(old)), rate = number(eta, .rate)
        let result = words(" = ") + number(new, .weight(new))
        var second = words("Weight from neuron 1 into output \(neuron + 1): ")
        if decay != 0 && coupled {
            second.append(formula("g = ") + number(mean, .gradient) + words(" + ") + number(decay, .base) + words("·")
                          + factor(old, .weight(old)) + words(" = ") + number(g, .gradient) + words(";  "))
        } else {
            second.append(formula("g = ") + number(g, .gradient) + words(";  "))
        }
        func stored(_ name: String) -> Double? { state.optimizerState(name, into: out, to: neuron, from: 0) }
        switch setup.optimizer {
        case .sgd:
            second.append(formula("w ← ") + oldWeight + words(" − ") + rate + words("·") + factor(g, .gradient) + result)
        case let .momentum(mu, nesterov):
            guard let v = stored("velocity") else { return [first] }
            // The velocity before this step, recovered from the one after it.
            let before = mu == 0 ? 0 : (v - g) / mu
            second.append(formula("v = ") + number(mu, .base) + words("·") + factor(before, .optimizerState) + words(" + ")
                          + factor(g, .gradient) + words(" = ") + number(v, .optimizerState) + words(";  "))
            second.append(nesterov
                ? formula("w ← ") + oldWeight + words(" − ") + rate + words("·(") + number(g, .gradient) + words(" + ")
                    + number(mu, .base) + words("·") + factor(v, .optimizerState) + words(")") + result
                : formula("w ← ") + oldWeight + words(" − ") + rate + words("·") + factor(v, .optimizerState) + result)
        case let .rmsprop(alpha, _):
            guard let s = stored("meanSquare") else { return [first] }
            let root = number(s.squareRoot(), .optimizerState)
            second.append(formula("√s = √(") + number(alpha, .base) + formula("·s + ") + number(1 - alpha, .base)
                          + formula("·g²) = ") + root + words(";  "))
            second.append(formula("w ← ") + oldWeight + words(" − ") + rate + words("·")
                          + scaledStep(number(g, .gradient), inline: factor(g, .gradient), root: root) + result)
        case let .adam(beta1, beta2, _, decoupled):
            guard let m = stored("m"), let v = stored("v") else { return [first] }
            let t = Double(state.iteration + 1)
            let mHat = m / (1 - pow(beta1, t)), rootVHat = (v / (1 - pow(beta2, t))).squareRoot()
            let root = number(rootVHat, .optimizerState)
            second.append(formula("m̂ = ") + number(mHat, .optimizerState) + formula(", √v̂ = ") + root
                          + words(" (step \(state.iteration + 1));  "))
            let start = decoupled && decay != 0
                ? oldWeight + words("·(1 − ") + number(eta * decay, .base) + words(")") : oldWeight
            second.append(formula("w ← ") + start + words(" − ") + rate + words("·")
                          + scaledStep(number(mHat, .optimizerState), inline: factor(mHat, .optimizerState), root: root) + result)
        }
        return [first, second]
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
