/// The computations of one training step, one function per stage, in the order
/// `Trainer.computeStep` runs them: per example of the batch, `start`, `forward`, `loss`
/// and `backward`; then `average` and `update` (OptimizerStep.swift).
///
/// Each reads what the one before left in the step's record and writes its own results
/// there, so every intermediate (z, a, L, δ, ∂L/∂θ, θ′) is kept for the snapshots and a
/// step allocates nothing. The few results the record has no place for are returned as
/// plain values. Layers are numbered 0 (the input) to L (the output); W_l and b_l are the
/// weights into layer l and its biases, f_l its activation.
enum TrainingStep {
    /// What the forward pass hands on besides the z and a it writes to the record.
    struct ForwardPass {
        /// log Σᵢ exp(z_L,ᵢ) when the output is softmax, else 0.
        var logSumExp: Double
        /// False when some pre-activation is ±∞ or NaN.
        var preActivationsFinite: Bool
    }

    /// Copies the example (x, t) into its block of the record.
    @inline(__always)
    static func start(_ r: StepRecord, input x: UnsafePointer<Double>, target t: UnsafePointer<Double>) {
        NeuronPairs.withWidth(r.size(0)) { NeuronPairs.copy(x, into: r.activations(0), count: $0) }
        NeuronPairs.withWidth(r.size(r.outputLayer)) { NeuronPairs.copy(t, into: r.target, count: $0) }
    }

    /// The forward pass: z_l = W_l a_{l−1} + b_l and a_l = f_l(z_l), for l = 1 … L, with
    /// `exp` for eˣ and a layer's exponentials four at a time when `fourLanes`
    /// (`Exponential.function` and `Exponential.fourLanes`, read once for many steps).
    ///
    /// f_l is `hidden` below the output layer and `output` at it. A softmax output also
    /// returns log Σ exp(z_L), which the cross-entropy reuses rather than exponentiate
    /// again. A pre-activation can overflow while a saturating f_l stays finite, so z
    /// is checked here: that is divergence too.
    @inline(__always)
    static func forward(_ r: StepRecord, hidden: Activation, output: Activation,
                        exp: Exponential.Function, fourLanes: Bool) -> ForwardPass {
        let outputLayer = r.outputLayer
        var finite: UInt8 = 1
        var logSumExp = 0.0
        for l in 1...outputLayer {
            let n = r.size(l), z = r.preActivations(l), a = r.activations(l)
            finite &= NeuronPairs.affine(weights: r.weights(into: l), biases: r.biases(of: l),
                                         input: r.activations(l - 1), inputCount: r.size(l - 1), into: z, count: n)
            if l == outputLayer && output == .softmax {
                logSumExp = Activation.softmax(z, a, count: n, exp: exp, fourLanes: fourLanes)
            } else {
                (l == outputLayer ? output : hidden).apply(z, a, count: n, exp: exp, fourLanes: fourLanes)
            }
        }
        return ForwardPass(logSumExp: logSumExp, preActivationsFinite: finite != 0)
    }

    /// The example's loss L(a_L, t), written to the record and returned.
    ///
    /// Softmax with cross-entropy is Σt · logsumexp(z_L) − Σ t·z_L, from the forward
    /// pass's logsumexp, which stays finite however sure the network is; every other
    /// pairing is `Loss.value`.
    @inline(__always)
    static func loss(_ r: StepRecord, kind: Loss, output: Activation, logSumExp: Double) -> Double {
        let outputLayer = r.outputLayer, n = r.size(outputLayer)
        let z = r.preActivations(outputLayer), a = r.activations(outputLayer), t = r.target
        let loss = output == .softmax && kind == .crossEntropy
            ? Loss.softmaxCrossEntropy(z: z, t: t, count: n, logSumExp: logSumExp)
            : kind.value(z: z, a: a, t: t, count: n, output: output)
        r.loss.pointee = loss
        return loss
    }

    /// Backpropagation: δ_l = ∂L/∂z_l and the gradients ∂L/∂W_l, ∂L/∂b_l, output layer first.
    ///
    /// δ_L comes from the loss and output activation together (`Loss.outputDelta`), which
    /// for softmax takes the whole Jacobian into account; below it,
    /// δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ f′(z_l) with the step's starting weights. Each layer's
    /// gradients follow its δ: ∂L/∂W_l = δ_l a_{l−1}ᵀ, ∂L/∂b_l = δ_l. Out of line, as
    /// `update` is (see `averageBatch`).
    @inline(never)
    static func backward(_ r: StepRecord, hidden: Activation, output: Activation, loss: Loss) {
        let outputLayer = r.outputLayer
        loss.outputDelta(z: r.preActivations(outputLayer), a: r.activations(outputLayer), t: r.target,
                         delta: r.deltas(outputLayer), count: r.size(outputLayer), output: output)
        // A counted loop: a `stride` here is a call per layer.
        var l = outputLayer
        while l >= 1 {
            if l < outputLayer { propagateDelta(r, into: l, activation: hidden) }
            gradients(r, of: l)
            l &-= 1
        }
    }

    /// Backpropagation as `backward`, with plain SGD's update (`update` without weight
    /// decay, every bias trained) made layer by layer as the gradients are: for a batch of
    /// one, whose mean gradients are its own. The same numbers as `backward` then
    /// `update`, in one pass; returns 1 if every θ′ is finite, as `update` does.
    ///
    /// θ′ goes to the other parameter region, so the layer below still propagates its δ
    /// with the step's starting weights, as `backward` does. A layer below of up to eight
    /// neurons gets its δ from the same reading of W as the descent
    /// (`NeuronPairs.outerProductDescendingPropagating`).
    @inline(__always)
    static func backwardDescending(_ r: StepRecord, hidden: Activation, output: Activation, loss: Loss,
                                   weightRate: Double, biasRate: Double) -> UInt8 {
        let outputLayer = r.outputLayer
        loss.outputDelta(z: r.preActivations(outputLayer), a: r.activations(outputLayer), t: r.target,
                         delta: r.deltas(outputLayer), count: r.size(outputLayer), output: output)
        var check = (SIMD2<Double>(), SIMD2<Double>())
        var l = outputLayer
        // Whether layer l's deltas were computed with the layer above's descent.
        var propagated = false
        while l >= 1 {
            if l < outputLayer && !propagated { propagateDelta(r, into: l, activation: hidden) }
            let nOut = r.size(l), delta = r.deltas(l), nIn = r.size(l - 1)
            propagated = l > 1 && nIn <= 8
            if propagated {
                NeuronPairs.outerProductDescendingPropagating(
                    delta, count: nOut, r.activations(l - 1), count: nIn, into: r.weightGradients(into: l),
                    weights: r.weights(into: l), into: r.newWeights(into: l), rate: weightRate, check: &check,
                    activation: hidden, z: r.preActivations(l - 1), into: r.deltas(l - 1))
            } else {
                NeuronPairs.outerProductDescending(delta, count: nOut, r.activations(l - 1), count: nIn,
                                                   into: r.weightGradients(into: l), weights: r.weights(into: l),
                                                   into: r.newWeights(into: l), rate: weightRate, check: &check)
            }
            NeuronPairs.withWidth(nOut) { nOut in
                NeuronPairs.descendBiases(delta, biases: r.biases(of: l), into: r.newBiases(of: l), count: nOut,
                                          rate: biasRate, check: &check)
            }
            l &-= 1
        }
        // The kernels added up every θ′ they wrote: every weight and bias (this descent runs
        // only when the biases train), which lie together in θ′'s region.
        return NeuronPairs.finiteFlag(sum: check, values: r.newTheta, count: r.layout.parameterCount)
    }

    /// A hidden layer's deltas from the layer above: δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ f′(z_l).
    @inline(__always)
    static func propagateDelta(_ r: StepRecord, into l: Int, activation: Activation) {
        let n = r.size(l), nNext = r.size(l + 1)
        let delta = r.deltas(l), deltaNext = r.deltas(l + 1), wNext = r.weights(into: l + 1)
        NeuronPairs.propagate(weightsAbove: wNext, deltasAbove: deltaNext, countAbove: nNext, activation: activation,
                              z: r.preActivations(l), a: r.activations(l), into: delta, count: n)
    }

    /// A layer's weight gradients from its deltas, ∂L/∂W_l = δ_l a_{l−1}ᵀ. (∂L/∂b_l = δ_l:
    /// the record's bias gradients are the deltas themselves.)
    @inline(__always)
    static func gradients(_ r: StepRecord, of l: Int) {
        NeuronPairs.outerProduct(r.deltas(l), count: r.size(l), r.activations(l - 1), count: r.size(l - 1),
                                 into: r.weightGradients(into: l))
    }
}
