import Foundation
import NetFramesEngine

/// Says in words what a frame's step does, and works it through with the numbers of
/// one neuron (and one weight), as a worked example a student can follow.
struct Caption {
    let state: DiagramState
    let format: NumberFormat
    /// The neuron the caption follows in each layer.
    let neuron: Int

    /// Two lines: what happens, and the arithmetic for the highlighted neuron.
    var lines: [String] {
        if let batch = state.batch, batch.accumulating { return accumulate(batch) }
        switch state.phase {
        case .forward: return forward(layer: state.layer ?? 1)
        case .loss: return loss()
        case .backward: return backward(layer: state.layer ?? state.shape.outputLayer)
        case .update: return state.setup.isPlainSGD ? update() : optimizerUpdate()
        }
    }

    private var shape: NetworkShape { state.shape }

    func n(_ x: Double) -> String { format(x) }

    /// A number as a factor: negative numbers in parentheses.
    func factor(_ x: Double) -> String { x < 0 ? "(\(n(x)))" : n(x) }

    /// Terms joined into a sum, a leading minus becoming a subtraction: "a − b·c".
    private func sum(_ terms: [String]) -> String {
        var text = ""
        for (i, term) in terms.enumerated() {
            if i == 0 { text = term; continue }
            text += term.hasPrefix("−") ? " − " + term.dropFirst() : " + " + term
        }
        return text
    }

    private func layerName(_ l: Int) -> String {
        l == 0 ? "the input" : l == shape.outputLayer ? "the output layer" : "hidden layer \(l)"
    }

    private func activationFunctionText(_ a: Activation) -> String {
        switch a {
        case .sigmoid: return "σ(z) = 1 / (1 + exp(−z))"
        case .tanh: return "tanh(z)"
        case .relu: return "relu(z) = max(0, z)"
        case .softmax: return "softmax(z) = exp(z) / Σ exp(z)"
        case .linear: return "a = z"
        }
    }

    /// "w·a + w·a + … + b" with at most four terms shown.
    private func weightedSum(layer l: Int, to j: Int, values: [Double], weights: (Int) -> Double, bias: Double?) -> String {
        let count = shape.layers[l - 1]
        var terms = (0..<min(count, 4)).map { k in "\(n(weights(k)))·\(factor(values[k]))" }
        if count > 4 { terms[3] = "… (\(count) terms)" }
        if let bias { terms.append(n(bias)) }
        return sum(terms)
    }

    private func forward(layer l: Int) -> [String] {
        let act = state.setup.activation(layer: l)
        let first = "Forward pass, \(layerName(l)): each neuron adds its weighted inputs and its bias, "
            + "z = Σ w·a + b, then applies \(activationFunctionText(act))."
        guard let inputs = state.activations[l - 1], let z = state.preActivations[l]?[neuron],
              let a = state.activations[l]?[neuron] else { return [first] }
        let sum = weightedSum(layer: l, to: neuron, values: inputs,
                              weights: { state.weight(into: l, to: neuron, from: $0) },
                              bias: state.biases[l][neuron])
        var second = "Neuron \(neuron + 1): z = \(sum) = \(n(z));  "
        switch act {
        case .sigmoid: second += "σ(\(n(z))) = \(n(a))"
        case .tanh: second += "tanh(\(n(z))) = \(n(a))"
        case .relu: second += "max(0, \(n(z))) = \(n(a))"
        case .linear: second += "a = \(n(a))"
        case .softmax:
            let zs = state.preActivations[l] ?? []
            // Shift the exponents only when they would overflow; the ratio is the same.
            let m = (zs.max() ?? 0) > 30 ? zs.max()! : 0
            let total = zs.reduce(0) { $0 + exp($1 - m) }
            second += "exp(\(n(z))) / Σ exp(z) = \(n(exp(z - m))) / \(n(total)) = \(n(a))"
            if m != 0 { second += " (exponents less \(n(m)))" }
        }
        return [first, second]
    }

    private func loss() -> [String] {
        let out = shape.outputLayer
        let setup = state.setup
        let first = "Cost: how far the outputs are from the targets, \(setup.loss.formula(output: setup.output))."
        guard let a = state.activations[out], let L = state.loss else { return [first] }
        let t = state.target
        let shown = min(a.count, 3)
        var second: String
        switch setup.loss {
        case .mse:
            var terms = (0..<shown).map { "(\(n(a[$0])) − \(factor(t[$0])))²" }
            if a.count > shown { terms.append("…") }
            second = "L = ½[" + terms.joined(separator: " + ") + "] = \(n(L))"
        case .crossEntropy where setup.output == .softmax:
            if let k = t.firstIndex(of: 1), t.reduce(0, +) == 1 {
                second = "The target is class \(k + 1), so L = −log a\(DiagramLayout.subscripted(k + 1)) = −log \(n(a[k])) = \(n(L))"
            } else {
                second = "L = \(n(L))"
            }
        case .crossEntropy:
            var terms = (0..<shown).map { i -> String in
                t[i] == 1 ? "log \(n(a[i]))" : t[i] == 0 ? "log(1 − \(n(a[i])))" : "\(n(t[i])) log \(n(a[i])) + \(n(1 - t[i])) log(1 − \(n(a[i])))"
            }
            if a.count > shown { terms.append("…") }
            second = "L = −[" + terms.joined(separator: " + ") + "] = \(n(L))"
        }
        if let previous = state.previousLoss {
            second += previous.iteration == state.iteration ? "" :
                "  (it was \(n(previous.loss)) at iteration \(previous.iteration): \(L < previous.loss ? "lower now" : "higher now"))"
        }
        return [first, second]
    }

    private func derivativeText(layer l: Int, j: Int) -> (symbol: String, value: Double)? {
        guard let a = state.activations[l]?[j], let z = state.preActivations[l]?[j] else { return nil }
        switch state.setup.activation(layer: l) {
        case .sigmoid: return ("σ′(z)", a * (1 - a))
        case .tanh: return ("tanh′(z)", 1 - a * a)
        case .relu: return ("relu′(z)", z > 0 ? 1 : 0)
        case .linear: return ("1", 1)
        case .softmax: return nil
        }
    }

    private func backward(layer l: Int) -> [String] {
        let out = shape.outputLayer
        let setup = state.setup
        let first: String
        var second = "Neuron \(neuron + 1): "
        guard let delta = state.deltas[l]?[neuron] else { return ["Backpropagation."] }
        if l == out {
            first = "Backpropagation, output layer: each neuron's error δ = ∂L/∂z, "
                + "then each weight's gradient ∂L/∂w = δ · (the activation it multiplies)."
            let a = state.activations[out]?[neuron] ?? 0, t = state.target[neuron]
            switch (setup.loss, setup.output) {
            case (.crossEntropy, _), (.mse, .linear):
                second += "δ = a − t = \(n(a)) − \(factor(t)) = \(n(delta))"
            case (.mse, .softmax):
                second += "δ = a · ((a − t) − Σ (a − t)·a) = \(n(delta))"
            case (.mse, _):
                if let d = derivativeText(layer: l, j: neuron) {
                    second += "δ = (a − t) · \(d.symbol) = (\(n(a)) − \(factor(t))) · \(n(d.value)) = \(n(delta))"
                } else {
                    second += "δ = \(n(delta))"
                }
            }
        } else {
            first = "Backpropagation, \(layerName(l)): the error flows back through the weights, "
                + "δ = (Σ w·δ of the next layer) · f′(z), and ∂L/∂w = δ · a."
            let next = state.deltas[l + 1] ?? []
            let count = shape.layers[l + 1]
            var terms = (0..<min(count, 3)).map { i in
                "\(n(state.weight(into: l + 1, to: i, from: neuron)))·\(factor(next[i]))"
            }
            if count > 3 { terms.append("…") }
            if let d = derivativeText(layer: l, j: neuron) {
                second += "δ = (\(sum(terms))) · \(n(d.value)) = \(n(delta))"
            } else {
                second += "δ = \(n(delta))"
            }
        }
        if let aPrev = state.activations[l - 1]?[0], let g = state.gradient(into: l, to: neuron, from: 0) {
            second += ";  ∂L/∂w (from neuron 1) = \(n(delta)) · \(factor(aPrev)) = \(n(g))"
        }
        return [first, second]
    }

    private func update() -> [String] {
        let setup = state.setup
        let out = shape.outputLayer
        let eta = setup.learningRate
        var first = "Update: every weight steps against its gradient, w ← w − η·∂L/∂w with η = \(n(eta))"
        first += setup.trainBiases
            ? (setup.biasLearningRate == eta ? ", and so does every bias." : "; biases use η = \(n(setup.biasLearningRate)).")
            : "; biases stay fixed."
        let old = state.previousWeight(into: out, to: neuron, from: 0)
        let new = state.weight(into: out, to: neuron, from: 0)
        guard let g = state.gradient(into: out, to: neuron, from: 0) else { return [first] }
        var second = "Weight from neuron 1 into output \(neuron + 1): \(n(old)) − \(n(eta))·\(factor(g)) = \(n(new))"
        if setup.trainBiases, let d = state.deltas[out]?[neuron] {
            let oldB = state.previousBiases[out][neuron], newB = state.biases[out][neuron]
            second += ";  its bias: \(n(oldB)) − \(n(setup.biasLearningRate))·\(factor(d)) = \(n(newB))"
        }
        return [first, second]
    }
}
