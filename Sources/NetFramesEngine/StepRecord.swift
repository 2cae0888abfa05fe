/// One step's record seen as pointers to each quantity, for the step functions to read and write.
///
/// Valid only while the record's buffer is held open (inside `computeStep`). The
/// layout is `unowned(unsafe)` because the trainer keeps it alive for the whole
/// step, and a strong reference would cost reference counting on every step. For the
/// same reason the step functions go through these accessors: binding `layout` to a
/// local would retain it.
///
/// The per-example quantities (x, t, z, a, L, δ, ∂L/∂θ) are those of one example of the
/// batch, the one `block` points at; the parameters, means and optimizer state are the step's.
struct StepRecord {
    /// The record's first number.
    let base: UnsafeMutablePointer<Double>
    /// The first number of the block of the example this view reads and writes.
    let block: UnsafeMutablePointer<Double>
    /// The parameter region holding the step's starting θ (`RecordLayout.parametersOffset(region:)`).
    let theta: UnsafeMutablePointer<Double>
    /// The other parameter region, where the update writes θ′.
    let newTheta: UnsafeMutablePointer<Double>
    /// Where each quantity lies in the record.
    unowned(unsafe) let layout: RecordLayout

    /// A view of the record starting at `base`, laid out by `layout`, at the batch's first
    /// example, for a step that starts from parameter region `region`.
    @inline(__always)
    init(base: UnsafeMutablePointer<Double>, layout: RecordLayout, region: Int) {
        self.base = base
        self.block = base
        self.theta = base + layout.parametersOffset(region: region)
        self.newTheta = base + layout.parametersOffset(region: region ^ 1)
        self.layout = layout
    }

    @inline(__always)
    private init(base: UnsafeMutablePointer<Double>, block: UnsafeMutablePointer<Double>,
                 theta: UnsafeMutablePointer<Double>, newTheta: UnsafeMutablePointer<Double>, layout: RecordLayout) {
        self.base = base
        self.block = block
        self.theta = theta
        self.newTheta = newTheta
        self.layout = layout
    }

    /// The same record, at example `position` of the batch.
    @inline(__always)
    func atExample(_ position: Int) -> StepRecord {
        StepRecord(base: base, block: base + position &* layout.exampleStride, theta: theta, newTheta: newTheta,
                   layout: layout)
    }

    /// Index of the output layer, L.
    var outputLayer: Int { @inline(__always) get { layout.layerCount &- 1 } }
    /// Neurons in `layer`.
    @inline(__always) func size(_ layer: Int) -> Int { layout.size(layer) }

    /// Number of weights into `layer`.
    @inline(__always) func weightCount(into l: Int) -> Int { layout.weightCount(into: l) }

    /// The target t.
    var target: UnsafeMutablePointer<Double> { @inline(__always) get { block + layout.targetOffset } }
    /// The loss L.
    var loss: UnsafeMutablePointer<Double> { @inline(__always) get { block + layout.lossOffset } }
    /// Activations a_l; a_0 is the input x.
    @inline(__always) func activations(_ l: Int) -> UnsafeMutablePointer<Double> { block + layout.activationOffset(l) }
    /// Pre-activations z_l = W_l a_{l−1} + b_l.
    @inline(__always) func preActivations(_ l: Int) -> UnsafeMutablePointer<Double> {
        block + layout.preActivationOffset(l)
    }
    /// Deltas δ_l = ∂L/∂z_l.
    @inline(__always) func deltas(_ l: Int) -> UnsafeMutablePointer<Double> { block + layout.deltaOffset(l) }
    /// The step's starting weights W_l, row-major `[to][from]`.
    @inline(__always) func weights(into l: Int) -> UnsafeMutablePointer<Double> {
        theta + layout.weightOffset(l)
    }
    /// The step's starting biases b_l.
    @inline(__always) func biases(of l: Int) -> UnsafeMutablePointer<Double> {
        theta + layout.weightCount + layout.biasOffset(l)
    }
    /// ∂L/∂W_l, shaped like W_l.
    @inline(__always) func weightGradients(into l: Int) -> UnsafeMutablePointer<Double> {
        block + layout.weightGradientOffset(l)
    }
    /// ∂L/∂b_l, which is δ_l: the same numbers as `deltas(_:)`.
    @inline(__always) func biasGradients(of l: Int) -> UnsafeMutablePointer<Double> {
        block + layout.biasGradientOffset(l)
    }
    /// The updated weights W′_l, which the next step starts from.
    @inline(__always) func newWeights(into l: Int) -> UnsafeMutablePointer<Double> {
        newTheta + layout.weightOffset(l)
    }
    /// The updated biases b′_l.
    @inline(__always) func newBiases(of l: Int) -> UnsafeMutablePointer<Double> {
        newTheta + layout.weightCount + layout.biasOffset(l)
    }
    /// The batch's mean loss.
    var meanLoss: UnsafeMutablePointer<Double> { @inline(__always) get { base + layout.meanLossOffset } }
    /// The batch-mean ∂L/∂W_l (the example's own when the batch is one example).
    @inline(__always) func meanWeightGradients(into l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.meanWeightGradientOffset(l)
    }
    /// The batch-mean ∂L/∂b_l.
    @inline(__always) func meanBiasGradients(of l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.meanBiasGradientOffset(l)
    }
    /// The weights part of optimizer state region `slot` for layer `l`, laid out like W_l.
    @inline(__always) func stateWeights(_ slot: Int, into l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.stateOffset(slot) + layout.weightOffset(l)
    }
    /// The biases part of optimizer state region `slot` for layer `l`.
    @inline(__always) func stateBiases(_ slot: Int, of l: Int) -> UnsafeMutablePointer<Double> {
        base + layout.stateOffset(slot) + layout.weightCount + layout.biasOffset(l)
    }
    /// The index in the data of the example at batch position `position`, stored as a number.
    @inline(__always) func exampleIndex(_ position: Int) -> UnsafeMutablePointer<Double> {
        base + layout.examplesOffset + position
    }
}
