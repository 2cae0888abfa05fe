/// One step's record seen as pointers to each quantity, for the step functions to read and write.
///
/// Valid only while the record's buffer is held open (inside `computeStep`). The
/// layout is `unowned(unsafe)` because the trainer keeps it alive for the whole
/// step, and a strong reference would cost reference counting on every step. For the
/// same reason the step functions go through these accessors: binding `layout` to a
/// local would retain it.
struct StepRecord {
    /// The record's first number.
    let base: UnsafeMutablePointer<Double>
    /// Where each quantity lies in the record.
    unowned(unsafe) let layout: RecordLayout

    /// A view of the record starting at `base`, laid out by `layout`.
    @inline(__always)
    init(base: UnsafeMutablePointer<Double>, layout: RecordLayout) {
        self.base = base
        self.layout = layout
    }

    /// Index of the output layer, L.
    var outputLayer: Int { @inline(__always) get { layout.layerCount &- 1 } }
    /// Neurons in `layer`.
    @inline(__always) func size(_ layer: Int) -> Int { layout.size(layer) }

    /// The step's θ: every weight, layer after layer, then every bias (`weights(into:)` and
    /// `biases(of:)` point into it).
    var allParameters: UnsafeMutablePointer<Double> { @inline(__always) get { base + layout.weightsOffset } }
    /// θ′, laid out as `allParameters`.
    var allNewParameters: UnsafeMutablePointer<Double> { @inline(__always) get { base + layout.newWeightsOffset } }
    /// Number of weights and biases in the network.
    var parameterCount: Int { @inline(__always) get { layout.weightCount &+ layout.biasCount } }
    /// Number of weights into `layer`.
    @inline(__always) func weightCount(into l: Int) -> Int { layout.weightCount(into: l) }

    /// The target t.
    var target: UnsafeMutablePointer<Double> { @inline(__always) get { base + layout.targetOffset } }
    /// The loss L.
    var loss: UnsafeMutablePointer<Double> { @inline(__always) get { base + layout.lossOffset } }
    /// Activations a_l; a_0 is the input x.
    @inline(__always) func activations(_ l: Int) -> UnsafeMutablePointer<Double> { base + layout.activationOffset(l) }
    /// Pre-activations z_l = W_l a_{l−1} + b_l.
    @inline(__always) func preActivations(_ l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.preActivationOffset(l)
    }
    /// Deltas δ_l = ∂L/∂z_l.
    @inline(__always) func deltas(_ l: Int) -> UnsafeMutablePointer<Double> { base + layout.deltaOffset(l) }
    /// The step's starting weights W_l, row-major `[to][from]`.
    @inline(__always) func weights(into l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.weightsOffset + layout.weightOffset(l)
    }
    /// The step's starting biases b_l.
    @inline(__always) func biases(of l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.biasesOffset + layout.biasOffset(l)
    }
    /// ∂L/∂W_l, shaped like W_l.
    @inline(__always) func weightGradients(into l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.weightGradientOffset(l)
    }
    /// ∂L/∂b_l.
    @inline(__always) func biasGradients(of l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.biasGradientOffset(l)
    }
    /// The updated weights W′_l, which the next step starts from.
    @inline(__always) func newWeights(into l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.newWeightsOffset + layout.weightOffset(l)
    }
    /// The updated biases b′_l.
    @inline(__always) func newBiases(of l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.newBiasesOffset + layout.biasOffset(l)
    }
}
