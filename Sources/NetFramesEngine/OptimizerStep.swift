/// The end of a step: the batch's means, then the optimizer's rule from them.
extension TrainingStep {
    /// The batch's mean loss and gradients: per number, the examples' values summed in
    /// batch order, then divided by B. Nothing to do for a batch of one, whose means are
    /// its own values (the layout points both at the same numbers).
    @inline(__always)
    static func average(_ r: StepRecord, batchSize b: Int) {
        if b > 1 { averageBatch(r, batchSize: b) }
    }

    /// `average` for a batch of several. Out of line, as `update` and `backward` are: a
    /// step of one example by plain SGD with its biases trained uses none of them (it
    /// descends during backpropagation, `backwardDescending`), and inlined they made
    /// `Trainer.computeStep` big enough that the compiler stopped inlining the stages it
    /// does use (the loss, the copying of the example), at a call each.
    @inline(never)
    static func averageBatch(_ r: StepRecord, batchSize b: Int) {
        let divisor = Double(b)
        var loss = r.loss.pointee
        for k in 1..<b { loss += r.atExample(k).loss.pointee }
        r.meanLoss.pointee = loss / divisor
        for l in 1...r.outputLayer {
            mean(b, r.weightCount(into: l), divisor: divisor, into: r.meanWeightGradients(into: l)) {
                r.atExample($0).weightGradients(into: l)
            }
            mean(b, r.size(l), divisor: divisor, into: r.meanBiasGradients(of: l)) { r.atExample($0).biasGradients(of: l) }
        }
    }

    @inline(__always)
    private static func mean(_ b: Int, _ count: Int, divisor: Double, into out: UnsafeMutablePointer<Double>,
                             _ source: (Int) -> UnsafeMutablePointer<Double>) {
        out.update(from: source(0), count: count)
        for k in 1..<b {
            let g = source(k)
            for i in 0..<count { out[i] += g[i] }
        }
        for i in 0..<count { out[i] /= divisor }
    }

    /// The constants of one step's update.
    struct UpdateRule {
        var optimizer: Optimizer
        /// λ.
        var weightDecay: Double
        /// 1 − β1ᵗ and 1 − β2ᵗ, Adam's bias corrections at this step (1 for the others).
        var correction1 = 1.0, correction2 = 1.0
        /// Plain SGD without decay: the two-at-a-time `descend`.
        var plain: Bool

        /// The rule of `optimizer` at 1-based step `t`.
        @inline(__always)
        init(optimizer: Optimizer, weightDecay: Double, step t: Int) {
            self.optimizer = optimizer
            self.weightDecay = weightDecay
            if case .sgd = optimizer { plain = weightDecay == 0 } else { plain = false }
            if case let .adam(beta1, beta2, _, _) = optimizer {
                correction1 = 1 - pow(beta1, Double(t))
                correction2 = 1 - pow(beta2, Double(t))
            }
        }
    }

    /// The optimizer's step from the batch-mean gradients: writes θ′ beside θ and
    /// updates the state in place; false if some θ′ is not finite.
    ///
    /// The one place gradients become parameters. Weights take η = `weightRate`, biases
    /// η = `biasRate`; untrained biases are copied unchanged, θ′ = θ, and their state
    /// stays as it is. Plain SGD without decay is the two-at-a-time `descend`. Out of line
    /// (see `averageBatch`): once a step, against a batch's work.
    @inline(never)
    static func update(_ r: StepRecord, rule: UpdateRule, weightRate: Double, biasRate: Double,
                       trainBiases: Bool) -> Bool {
        var finite: UInt8 = 1
        let plain = rule.plain
        for l in 1...r.outputLayer {
            let n = r.size(l), weights = r.weightCount(into: l)
            if plain {
                finite &= NeuronPairs.descend(r.weights(into: l), along: r.meanWeightGradients(into: l),
                                              into: r.newWeights(into: l), count: weights, rate: weightRate)
            } else {
                finite &= step(r.weights(into: l), along: r.meanWeightGradients(into: l), into: r.newWeights(into: l),
                               count: weights, rate: weightRate, rule: rule,
                               state: { r.stateWeights($0, into: l) })
            }
            if !trainBiases {
                r.newBiases(of: l).update(from: r.biases(of: l), count: n)
            } else if plain {
                finite &= NeuronPairs.descend(r.biases(of: l), along: r.meanBiasGradients(of: l),
                                              into: r.newBiases(of: l), count: n, rate: biasRate)
            } else {
                finite &= step(r.biases(of: l), along: r.meanBiasGradients(of: l), into: r.newBiases(of: l),
                               count: n, rate: biasRate, rule: rule, state: { r.stateBiases($0, of: l) })
            }
        }
        return finite != 0
    }

    /// One run of parameters through the rule; returns 1 if every θ′ is finite.
    @inline(__always)
    private static func step(_ theta: UnsafePointer<Double>, along g: UnsafePointer<Double>,
                             into out: UnsafeMutablePointer<Double>, count: Int, rate eta: Double,
                             rule: UpdateRule, state: (Int) -> UnsafeMutablePointer<Double>) -> UInt8 {
        let lambda = rule.weightDecay
        var check = 0.0
        switch rule.optimizer {
        case .sgd:
            for i in 0..<count {
                let v = theta[i] - eta * (g[i] + lambda * theta[i])
                out[i] = v
                check += v - v
            }
        case let .momentum(mu, nesterov):
            let velocity = state(0)
            for i in 0..<count {
                let gi = g[i] + lambda * theta[i]
                let v = mu * velocity[i] + gi
                velocity[i] = v
                let p = theta[i] - eta * (nesterov ? gi + mu * v : v)
                out[i] = p
                check += p - p
            }
        case let .rmsprop(alpha, epsilon):
            let meanSquare = state(0)
            for i in 0..<count {
                let gi = g[i] + lambda * theta[i]
                let s = alpha * meanSquare[i] + (1 - alpha) * gi * gi
                meanSquare[i] = s
                let p = theta[i] - eta * gi / (s.squareRoot() + epsilon)
                out[i] = p
                check += p - p
            }
        case let .adam(beta1, beta2, epsilon, decoupled):
            let m = state(0), v = state(1)
            let c1 = rule.correction1, c2 = rule.correction2
            let shrink = decoupled ? 1 - eta * lambda : 1
            let coupled = decoupled ? 0 : lambda
            for i in 0..<count {
                let gi = g[i] + coupled * theta[i]
                let mi = beta1 * m[i] + (1 - beta1) * gi
                let vi = beta2 * v[i] + (1 - beta2) * gi * gi
                m[i] = mi
                v[i] = vi
                let p = theta[i] * shrink - eta * (mi / c1) / ((vi / c2).squareRoot() + epsilon)
                out[i] = p
                check += p - p
            }
        }
        return check == 0 ? 1 : 0
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
