import Foundation
import NetFramesEngine
import NetFramesRun

/// Says in words what a frame's step does, and works it through with the numbers of
/// one neuron (and one weight), as a worked example a student can follow.
///
/// Each line is built as maths (`MathLine`): formulas with their variables, numbers
/// marked with what they stand for (a weight, an activation, a delta), fractions with
/// their inline form. A frame draws that; everything else reads the plain `lines`.
struct Caption {
    let state: DiagramState
    let format: NumberFormat
    /// The neuron the caption follows in each layer.
    let neuron: Int
    /// The input image the frame draws, if any: the weights into layer 1 come from its pixels.
    var inputImage: InputImage? = nil
    /// The outputs' class names (`DiagramStyle.classNames`), or empty to number them.
    var classNames: [String] = []

    /// What the first weight into layer `l` comes from: "pixel 1" of an input image, else "neuron 1".
    private func firstSource(into l: Int) -> String {
        l == 1 && inputImage != nil ? "pixel 1" : "neuron 1"
    }

    /// Two lines: what happens, and the arithmetic for the highlighted neuron.
    var lines: [String] { typeset.map(\.plain) }

    /// The lines as maths.
    var typeset: [MathLine] {
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

    /// A number, marked with what it stands for.
    func number(_ x: Double, _ ink: MathInk) -> MathLine {
        var line = MathLine()
        line.number(n(x), ink)
        return line
    }

    /// A number as a factor: negative numbers in parentheses.
    func factor(_ x: Double, _ ink: MathInk) -> MathLine {
        guard x < 0 else { return number(x, ink) }
        return MathLine(words: "(") + number(x, ink) + MathLine(words: ")")
    }

    /// Words.
    func words(_ text: String) -> MathLine { MathLine(words: text) }

    /// A formula given as plain text.
    func formula(_ text: String) -> MathLine { MathLine(formula: text) }

    /// Terms joined into a sum, a leading minus becoming a subtraction: "a − b·c".
    private func sum(_ terms: [MathLine]) -> MathLine {
        var line = MathLine()
        for (i, term) in terms.enumerated() {
            if i == 0 { line = term; continue }
            line.append(term.startsWithMinus ? words(" − ") + term.droppingLeadingMinus : words(" + ") + term)
        }
        return line
    }

    private func layerName(_ l: Int) -> String {
        l == 0 ? "the input" : l == shape.outputLayer ? "the output layer" : "hidden layer \(l)"
    }

    private func activationFunction(_ a: Activation) -> MathLine {
        switch a {
        case .sigmoid: return formula("σ(z) = 1 / (1 + exp(−z))")
        case .tanh: return formula("tanh(z)")
        case .relu: return formula("relu(z) = max(0, z)")
        case .softmax:
            var line = formula("softmax(z) = ")
            line.fraction(formula("exp(z)"), over: formula("Σ exp(z)"), inline: formula("exp(z) / Σ exp(z)"))
            return line
        case .linear: return formula("a = z")
        }
    }

    /// "w·a + w·a + … + b" with at most four terms shown.
    private func weightedSum(layer l: Int, to j: Int, values: [Double], weights: (Int) -> Double, bias: Double?) -> MathLine {
        let count = shape.layers[l - 1]
        var terms = (0..<min(count, 4)).map { k in
            number(weights(k), .weight(weights(k))) + words("·") + factor(values[k], .activation(values[k]))
        }
        if count > 4 { terms[3] = words(l == 1 && inputImage != nil ? "… (\(count) pixels)" : "… (\(count) terms)") }
        if let bias { terms.append(number(bias, .base)) }
        return sum(terms)
    }

    private func forward(layer l: Int) -> [MathLine] {
        let act = state.setup.activation(layer: l)
        let first = words("Forward pass, \(layerName(l)): each neuron adds its weighted inputs and its bias, ")
            + formula("z = Σ w·a + b") + words(", then applies ") + activationFunction(act) + words(".")
        guard let inputs = state.activations[l - 1], let z = state.preActivations[l]?[neuron],
              let a = state.activations[l]?[neuron] else { return [first] }
        let sum = weightedSum(layer: l, to: neuron, values: inputs,
                              weights: { state.weight(into: l, to: neuron, from: $0) },
                              bias: state.biases[l][neuron])
        var second = words("Neuron \(neuron + 1): ") + formula("z = ") + sum + words(" = ") + number(z, .activation(z))
            + words(";  ")
        let zIn = MathLine(words: "(") + number(z, .activation(z)) + words(")")
        let result = words(" = ") + number(a, .activation(a))
        switch act {
        case .sigmoid: second.append(formula("σ") + zIn + result)
        case .tanh: second.append(formula("tanh") + zIn + result)
        case .relu: second.append(formula("max(0, ") + number(z, .activation(z)) + words(")") + result)
        case .linear: second.append(formula("a") + result)
        case .softmax:
            let zs = state.preActivations[l] ?? []
            // Shift the exponents only when they would overflow; the ratio is the same.
            let m = (zs.max() ?? 0) > 30 ? zs.max()! : 0
            let total = zs.reduce(0) { $0 + exp($1 - m) }
            let top = formula("exp") + zIn, bottom = formula("Σ exp(z)")
            second.fraction(top, over: bottom, inline: top + words(" / ") + bottom)
            second.append(words(" = "))
            let e = number(exp(z - m), .activation(exp(z - m))), sum = number(total, .base)
            second.fraction(e, over: sum, inline: e + words(" / ") + sum)
            second.append(result)
            if m != 0 { second.append(words(" (exponents less \(n(m)))")) }
        }
        return [first, second]
    }

    private func loss() -> [MathLine] {
        let out = shape.outputLayer
        let setup = state.setup
        let first = words("Cost: how far the outputs are from the targets, ") + formula(setup.loss.formula(output: setup.output))
            + words(".")
        guard let a = state.activations[out], let L = state.loss else { return [first] }
        let t = state.target
        let shown = min(a.count, 3)
        func output(_ i: Int) -> MathLine { number(a[i], .activation(a[i])) }
        var second: MathLine
        switch setup.loss {
        case .mse:
            var terms = (0..<shown).map { i in
                words("(") + output(i) + words(" − ") + factor(t[i], .target) + words(")") + formula("²")
            }
            if a.count > shown { terms.append(words("…")) }
            second = formula("L = ½[") + joined(terms, " + ") + words("] = ") + number(L, .strong)
        case .crossEntropy where setup.output == .softmax:
            if let k = t.firstIndex(of: 1), t.reduce(0, +) == 1 {
                let named = DiagramStyle.className(of: k, in: classNames, outputCount: t.count)
                second = words(named.map { "The target is “\($0)”, so " } ?? "The target is class \(k + 1), so ")
                    + formula("L = −log a\(DiagramLayout.subscripted(k + 1)) = −log ") + output(k) + words(" = ") + number(L, .strong)
            } else {
                second = formula("L = ") + number(L, .strong)
            }
        case .crossEntropy:
            var terms = (0..<shown).map { i -> MathLine in
                t[i] == 1 ? formula("log ") + output(i)
                    : t[i] == 0 ? formula("log(1 − ") + output(i) + words(")")
                    : number(t[i], .target) + formula(" log ") + output(i) + words(" + ") + number(1 - t[i], .target)
                        + formula(" log(1 − ") + output(i) + words(")")
            }
            if a.count > shown { terms.append(words("…")) }
            second = formula("L = −[") + joined(terms, " + ") + words("] = ") + number(L, .strong)
        }
        if let previous = state.previousLoss, previous.iteration != state.iteration {
            second.append(words("  (it was \(n(previous.loss)) at iteration \(previous.iteration): \(L < previous.loss ? "lower now" : "higher now"))"))
        }
        return [first, second]
    }

    /// Lines with `separator` between them.
    func joined(_ lines: [MathLine], _ separator: String) -> MathLine {
        var line = MathLine()
        for (i, part) in lines.enumerated() {
            if i > 0 { line.words(separator) }
            line.append(part)
        }
        return line
    }

    private func derivative(layer l: Int, j: Int) -> (symbol: String, value: Double)? {
        guard let a = state.activations[l]?[j], let z = state.preActivations[l]?[j] else { return nil }
        switch state.setup.activation(layer: l) {
        case .sigmoid: return ("σ′(z)", a * (1 - a))
        case .tanh: return ("tanh′(z)", 1 - a * a)
        case .relu: return ("relu′(z)", z > 0 ? 1 : 0)
        case .linear: return ("1", 1)
        case .softmax: return nil
        }
    }

    private func backward(layer l: Int) -> [MathLine] {
        let out = shape.outputLayer
        let setup = state.setup
        var first = MathLine()
        var second = words("Neuron \(neuron + 1): ")
        guard let delta = state.deltas[l]?[neuron] else { return [words("Backpropagation.")] }
        let deltaValue = number(delta, .delta)
        if l == out {
            first = words("Backpropagation, output layer: each neuron's error ") + formula("δ = ")
            first.partial("L", by: "z")
            first.append(words(", then each weight's gradient "))
            first.partial("L", by: "w")
            first.append(formula(" = δ · (") + words("the activation it multiplies).") )
            let a = state.activations[out]?[neuron] ?? 0, t = state.target[neuron]
            let output = number(a, .activation(a)), target = factor(t, .target)
            switch (setup.loss, setup.output) {
            case (.crossEntropy, _), (.mse, .linear):
                second.append(formula("δ = a − t = ") + output + words(" − ") + target + words(" = ") + deltaValue)
            case (.mse, .softmax):
                second.append(formula("δ = a · ((a − t) − Σ (a − t)·a) = ") + deltaValue)
            case (.mse, _):
                if let d = derivative(layer: l, j: neuron) {
                    second.append(formula("δ = (a − t) · \(d.symbol) = (") + output + words(" − ") + target + words(") · ")
                                  + number(d.value, .base) + words(" = ") + deltaValue)
                } else {
                    second.append(formula("δ = ") + deltaValue)
                }
            }
        } else {
            first = words("Backpropagation, \(layerName(l)): the error flows back through the weights, ")
                + formula("δ = (Σ w·δ") + words(" of the next layer) · ") + formula("f′(z)") + words(", and ")
            first.partial("L", by: "w")
            first.append(formula(" = δ · a") + words("."))
            let next = state.deltas[l + 1] ?? []
            let count = shape.layers[l + 1]
            var terms = (0..<min(count, 3)).map { i -> MathLine in
                let w = state.weight(into: l + 1, to: i, from: neuron)
                return number(w, .weight(w)) + words("·") + factor(next[i], .delta)
            }
            if count > 3 { terms.append(words("…")) }
            if let d = derivative(layer: l, j: neuron) {
                second.append(formula("δ = (") + sum(terms) + words(") · ") + number(d.value, .base) + words(" = ") + deltaValue)
            } else {
                second.append(formula("δ = ") + deltaValue)
            }
        }
        if let aPrev = state.activations[l - 1]?[0], let g = state.gradient(into: l, to: neuron, from: 0) {
            second.append(words(";  "))
            second.partial("L", by: "w")
            second.append(words(" (from \(firstSource(into: l))) = ") + deltaValue + words(" · ") + factor(aPrev, .activation(aPrev))
                          + words(" = ") + number(g, .gradient))
        }
        return [first, second]
    }

    private func update() -> [MathLine] {
        let setup = state.setup
        let out = shape.outputLayer
        let eta = setup.learningRate
        var first = words("Update: every weight steps against its gradient, ") + formula("w ← w − η·")
        first.partial("L", by: "w")
        first.append(words(" with ") + formula("η = ") + number(eta, .rate))
        if setup.trainBiases {
            first.append(setup.biasLearningRate == eta ? words(", and so does every bias.")
                         : words("; biases use ") + formula("η = ") + number(setup.biasLearningRate, .rate) + words("."))
        } else {
            first.append(words("; biases stay fixed."))
        }
        let old = state.previousWeight(into: out, to: neuron, from: 0)
        let new = state.weight(into: out, to: neuron, from: 0)
        guard let g = state.gradient(into: out, to: neuron, from: 0) else { return [first] }
        var second = words("Weight from \(firstSource(into: out)) into output \(neuron + 1): ") + number(old, .weight(old)) + words(" − ")
            + number(eta, .rate) + words("·") + factor(g, .gradient) + words(" = ") + number(new, .weight(new))
        if setup.trainBiases, let d = state.deltas[out]?[neuron] {
            let oldB = state.previousBiases[out][neuron], newB = state.biases[out][neuron]
            second.append(words(";  its bias: ") + number(oldB, .base) + words(" − ") + number(setup.biasLearningRate, .rate)
                          + words("·") + factor(d, .delta) + words(" = ") + number(newB, .base))
        }
        return [first, second]
    }
}
