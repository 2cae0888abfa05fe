/// The state of a network at one moment of one training step.
///
/// A snapshot shows what has been computed *so far*: after the forward pass reaches
/// layer 2, the activations of layer 3 are `nil`; the deltas appear layer by layer
/// from the output back. Weights and biases are the ones in force at that moment:
/// the step's starting values, except in the `update` snapshot, which shows the new
/// ones (the old ones stay readable through `previousWeights(into:)`).
///
/// Layers are numbered as neurons are: 0 is the input, `shape.outputLayer` the
/// output. The weights *into* layer `l` are a row-major `[to][from]` matrix.
/// Snapshots of one step share one record, so they are cheap to pass and to keep.
/// For reading millions of numbers, `withValues(_:)` gives the same data as unsafe
/// buffers without reference counting.
///
/// A step on a batch of B examples makes snapshots per example (`batchPosition` 0 …
/// B − 1), each showing that example's own numbers; its update snapshot shows the
/// batch's mean loss and mean gradients, beside the first example's forward pass, and
/// the optimizer's state after the update (`optimizerState(_:)`).
///
/// The slices (`activations(of:)`, `weights(into:)` …) keep the indices of the step's
/// record: read them with `first`, a `for` loop or `Array(…)`, not `slice[0]`; or read
/// one value with `activation(of:neuron:)`, `delta(of:neuron:)`, `weight(into:to:from:)`.
public struct Snapshot: Sendable {
    /// 0-based index of the training step.
    public internal(set) var iteration: Int
    /// Index in the data of the example this snapshot shows (the batch's first in an update).
    public internal(set) var example: Int
    /// Position of that example in the step's batch, 0 first (0 in an update).
    public internal(set) var batchPosition: Int = 0
    /// Which moment of the step this is: forward, loss, backward or update.
    public internal(set) var phase: Phase
    /// The layer just computed (forward: by the forward pass; backward: its deltas).
    /// `nil` for the loss and update snapshots.
    public internal(set) var layer: Int?
    /// The step's record, shared with the other snapshots of the step.
    @usableFromInline var values: ContiguousArray<Double>
    /// What each part of `values` holds.
    public let layout: RecordLayout
    /// Which of the record's two parameter regions holds the step's starting θ (the other
    /// holds θ′ from the update on): `RecordLayout.parametersOffset(region:)`.
    @usableFromInline internal(set) var region: Int = 0

    @usableFromInline
    init(iteration: Int, example: Int, phase: Phase, layer: Int?,
         values: ContiguousArray<Double>, layout: RecordLayout) {
        self.iteration = iteration
        self.example = example
        self.phase = phase
        self.layer = layer
        self.values = values
        self.layout = layout
    }

    /// Re-points the snapshot at another moment of the same step.
    @usableFromInline
    mutating func moveTo(_ phase: Phase, layer: Int?) {
        self.phase = phase
        self.layer = layer
    }

    /// Re-points the snapshot at step `iteration` (whose numbers its record now holds).
    @usableFromInline
    mutating func moveTo(iteration: Int) {
        self.iteration = iteration
    }

    /// Re-points the snapshot at a step that starts from parameter region `region`.
    @usableFromInline
    mutating func moveTo(region: Int) {
        self.region = region
    }

    /// Re-points the snapshot at another example of the same step's batch.
    @usableFromInline
    mutating func moveTo(example: Int, position: Int) {
        self.example = example
        batchPosition = position
    }

    /// Examples in the step's batch.
    public var batchSize: Int { layout.batchSize }
    /// The optimizer's 1-based step count t, as used by Adam's bias corrections.
    public var optimizerStep: Int { iteration + 1 }
    /// The indices in the data of the step's examples, in batch order.
    public var batchExamples: [Int] {
        (0..<layout.batchSize).map { Int(values[layout.examplesOffset + $0]) }
    }

    /// The network and training rules.
    public var setup: TrainingSetup { layout.setup }
    /// The neurons per layer.
    public var shape: NetworkShape { layout.setup.shape }

    /// Calls `body` with the snapshot's numbers as unsafe buffers, valid only inside it.
    @inlinable
    public func withValues<R>(_ body: (SnapshotValues) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer { buffer in
            try body(SnapshotValues(base: buffer.baseAddress!, l: layout, phase: phase, layerIndex: layer ?? 0,
                                    block: batchPosition &* layout.exampleStride, region: region))
        }
    }

    /// The example's input.
    public var input: ArraySlice<Double> { slice(block + layout.activationOffset(0), layout.size(0)) }
    /// The example's target.
    public var target: ArraySlice<Double> { slice(block + layout.targetOffset, layout.size(layout.layerCount - 1)) }

    /// Whether the forward pass has computed layer `layer` by now.
    public func hasForward(_ layer: Int) -> Bool {
        phase != .forward || layer <= (self.layer ?? 0)
    }

    /// Whether backpropagation has computed the deltas of layer `layer` (1 or more) by now.
    public func hasBackward(_ layer: Int) -> Bool {
        guard layer >= 1 else { return false }
        switch phase {
        case .forward, .loss: return false
        case .backward: return layer >= (self.layer ?? Int.max)
        case .update: return true
        }
    }

    /// Activations of `layer` (the input for layer 0), or `nil` if not computed yet.
    public func activations(of layer: Int) -> ArraySlice<Double>? {
        hasForward(layer) ? slice(block + layout.activationOffset(layer), layout.size(layer)) : nil
    }

    /// Pre-activations z = W·a + b of `layer` (1 or more), or `nil` if not computed yet.
    public func preActivations(of layer: Int) -> ArraySlice<Double>? {
        layer >= 1 && hasForward(layer) ? slice(block + layout.preActivationOffset(layer), layout.size(layer)) : nil
    }

    /// The example's loss, from the `loss` snapshot on; in an update, the batch's mean loss.
    public var loss: Double? {
        phase == .forward ? nil : values[phase == .update ? layout.meanLossOffset : block + layout.lossOffset]
    }

    /// The deltas ∂L/∂z of `layer` (1 or more), or `nil` if not computed yet; in an
    /// update, their batch means (which are the mean bias gradients).
    public func deltas(of layer: Int) -> ArraySlice<Double>? {
        guard hasBackward(layer) else { return nil }
        return phase == .update ? slice(layout.meanBiasGradientOffset(layer), layout.size(layer))
            : slice(block + layout.deltaOffset(layer), layout.size(layer))
    }

    /// ∂L/∂w for the weights into `layer`, row-major `[to][from]`, or `nil` if not computed
    /// yet; in an update, the batch mean.
    public func weightGradients(into layer: Int) -> ArraySlice<Double>? {
        guard hasBackward(layer) else { return nil }
        return phase == .update ? slice(layout.meanWeightGradientOffset(layer), layout.weightCount(into: layer))
            : slice(block + layout.weightGradientOffset(layer), layout.weightCount(into: layer))
    }

    /// ∂L/∂b for the biases of `layer`, or `nil` if not computed yet; in an update, the batch
    /// mean. The same numbers as `deltas(of:)`: ∂L/∂b = δ.
    public func biasGradients(of layer: Int) -> ArraySlice<Double>? {
        guard hasBackward(layer) else { return nil }
        return phase == .update ? slice(layout.meanBiasGradientOffset(layer), layout.size(layer))
            : slice(block + layout.biasGradientOffset(layer), layout.size(layer))
    }

    /// The mean of ∂L/∂w into `layer` over the batch's examples up to and including this
    /// one, summed in batch order as the update's mean is (so at the last example it is
    /// that mean, bit for bit); `nil` before this example's backward pass reaches `layer`.
    public func runningMeanWeightGradients(into layer: Int) -> [Double]? {
        guard hasBackward(layer) else { return nil }
        if phase == .update { return Array(slice(layout.meanWeightGradientOffset(layer), layout.weightCount(into: layer))) }
        return runningMean(offset: layout.weightGradientOffset(layer), count: layout.weightCount(into: layer))
    }

    /// The running batch mean of ∂L/∂b of `layer`, as `runningMeanWeightGradients(into:)`.
    public func runningMeanBiasGradients(of layer: Int) -> [Double]? {
        guard hasBackward(layer) else { return nil }
        if phase == .update { return Array(slice(layout.meanBiasGradientOffset(layer), layout.size(layer))) }
        return runningMean(offset: layout.biasGradientOffset(layer), count: layout.size(layer))
    }

    private func runningMean(offset: Int, count: Int) -> [Double] {
        var sum = Array(slice(offset, count))
        guard batchPosition > 0 else { return sum }
        for k in 1...batchPosition {
            let start = k * layout.exampleStride + offset
            for i in 0..<count { sum[i] += values[start + i] }
        }
        let divisor = Double(batchPosition + 1)
        return sum.map { $0 / divisor }
    }

    /// The optimizer's state named `name` (one of `setup.optimizer.stateNames`) after
    /// this step's update, laid out as `weights(into:)` and `biases(of:)`; `nil` before
    /// the update, or when the optimizer keeps no such state.
    public func optimizerState(_ name: String) -> Parameters? {
        guard phase == .update, let slot = setup.optimizer.stateNames.firstIndex(of: name) else { return nil }
        let start = layout.stateOffset(slot)
        return Parameters(shape: shape, weights: Array(values[start..<(start + layout.weightCount)]),
                              biases: Array(values[(start + layout.weightCount)..<(start + layout.parameterCount)]))
    }

    /// The weights into `layer` as they stand at this moment (new values in `update`).
    public func weights(into layer: Int) -> ArraySlice<Double> {
        slice(currentWeights + layout.weightOffset(layer), layout.weightCount(into: layer))
    }

    /// The biases of `layer` as they stand at this moment (new values in `update`).
    public func biases(of layer: Int) -> ArraySlice<Double> {
        slice(currentBiases + layout.biasOffset(layer), layout.size(layer))
    }

    /// The weights into `layer` as they were when the step began.
    public func previousWeights(into layer: Int) -> ArraySlice<Double> {
        slice(layout.parametersOffset(region: region) + layout.weightOffset(layer), layout.weightCount(into: layer))
    }

    /// The biases of `layer` as they were when the step began.
    public func previousBiases(of layer: Int) -> ArraySlice<Double> {
        slice(layout.biasesOffset(region: region) + layout.biasOffset(layer), layout.size(layer))
    }

    /// One weight as it stands at this moment.
    public func weight(into layer: Int, to: Int, from: Int) -> Double {
        values[currentWeights + layout.weightOffset(layer) + to * layout.size(layer - 1) + from]
    }

    /// One bias as it stands at this moment.
    public func bias(of layer: Int, neuron: Int) -> Double {
        values[currentBiases + layout.biasOffset(layer) + neuron]
    }

    /// All parameters as they stand at this moment.
    public var parameters: Parameters {
        Parameters(shape: shape,
                   weights: Array(values[currentWeights..<(currentWeights + layout.weightCount)]),
                   biases: Array(values[currentBiases..<(currentBiases + layout.biasCount)]))
    }

    /// Where this snapshot's example block starts in the record.
    private var block: Int { batchPosition &* layout.exampleStride }

    /// The parameter region in force at this moment: θ′'s in the update, else θ's.
    private var currentRegion: Int { phase == .update ? region ^ 1 : region }
    private var currentWeights: Int { layout.parametersOffset(region: currentRegion) }
    private var currentBiases: Int { layout.biasesOffset(region: currentRegion) }

    @inline(__always)
    private func slice(_ start: Int, _ count: Int) -> ArraySlice<Double> {
        values[start..<(start + count)]
    }
}
