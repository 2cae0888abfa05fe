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
/// The slices (`activations(of:)`, `weights(into:)` …) keep the indices of the step's
/// record: read them with `first`, a `for` loop or `Array(…)`, not `slice[0]`; or read
/// one value with `activation(of:neuron:)`, `delta(of:neuron:)`, `weight(into:to:from:)`.
public struct Snapshot: Sendable {
    /// 0-based index of the training step.
    public internal(set) var iteration: Int
    /// Index of the example this step trained on.
    public internal(set) var example: Int
    /// Which moment of the step this is: forward, loss, backward or update.
    public internal(set) var phase: Phase
    /// The layer just computed (forward: by the forward pass; backward: its deltas).
    /// `nil` for the loss and update snapshots.
    public internal(set) var layer: Int?
    /// The step's record, shared with the other snapshots of the step.
    @usableFromInline let values: ContiguousArray<Double>
    /// What each part of `values` holds.
    public let layout: RecordLayout

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

    /// The network and training rules.
    public var setup: TrainingSetup { layout.setup }
    /// The neurons per layer.
    public var shape: NetworkShape { layout.setup.shape }

    /// Calls `body` with the snapshot's numbers as unsafe buffers, valid only inside it.
    @inlinable
    public func withValues<R>(_ body: (SnapshotValues) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer { buffer in
            try body(SnapshotValues(base: buffer.baseAddress!, l: layout, phase: phase, layerIndex: layer ?? 0))
        }
    }

    /// The example's input.
    public var input: ArraySlice<Double> { slice(layout.activationOffset(0), layout.size(0)) }
    /// The example's target.
    public var target: ArraySlice<Double> { slice(layout.targetOffset, layout.size(layout.layerCount - 1)) }

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
        hasForward(layer) ? slice(layout.activationOffset(layer), layout.size(layer)) : nil
    }

    /// Pre-activations z = W·a + b of `layer` (1 or more), or `nil` if not computed yet.
    public func preActivations(of layer: Int) -> ArraySlice<Double>? {
        layer >= 1 && hasForward(layer) ? slice(layout.preActivationOffset(layer), layout.size(layer)) : nil
    }

    /// The example's loss, from the `loss` snapshot on.
    public var loss: Double? {
        phase == .forward ? nil : values[layout.lossOffset]
    }

    /// The deltas ∂L/∂z of `layer` (1 or more), or `nil` if not computed yet.
    public func deltas(of layer: Int) -> ArraySlice<Double>? {
        hasBackward(layer) ? slice(layout.deltaOffset(layer), layout.size(layer)) : nil
    }

    /// ∂L/∂w for the weights into `layer`, row-major `[to][from]`, or `nil` if not computed yet.
    public func weightGradients(into layer: Int) -> ArraySlice<Double>? {
        hasBackward(layer)
            ? slice(layout.weightGradientOffset(layer), layout.weightCount(into: layer)) : nil
    }

    /// ∂L/∂b for the biases of `layer`, or `nil` if not computed yet.
    public func biasGradients(of layer: Int) -> ArraySlice<Double>? {
        hasBackward(layer) ? slice(layout.biasGradientOffset(layer), layout.size(layer)) : nil
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
        slice(layout.weightsOffset + layout.weightOffset(layer), layout.weightCount(into: layer))
    }

    /// The biases of `layer` as they were when the step began.
    public func previousBiases(of layer: Int) -> ArraySlice<Double> {
        slice(layout.biasesOffset + layout.biasOffset(layer), layout.size(layer))
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

    private var currentWeights: Int { phase == .update ? layout.newWeightsOffset : layout.weightsOffset }
    private var currentBiases: Int { phase == .update ? layout.newBiasesOffset : layout.biasesOffset }

    @inline(__always)
    private func slice(_ start: Int, _ count: Int) -> ArraySlice<Double> {
        values[start..<(start + count)]
    }
}
