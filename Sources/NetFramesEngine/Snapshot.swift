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
public struct Snapshot: Sendable {
    /// 0-based index of the training step.
    public let iteration: Int
    /// Index of the example this step trained on.
    public let example: Int
    public let phase: Phase
    /// The layer just computed (forward: by the forward pass; backward: its deltas).
    /// `nil` for the loss and update snapshots.
    public let layer: Int?
    /// The step's record, shared with the other snapshots of the step.
    let values: ContiguousArray<Double>
    /// What each part of `values` holds.
    public let layout: RecordLayout

    init(iteration: Int, example: Int, phase: Phase, layer: Int?,
         values: ContiguousArray<Double>, layout: RecordLayout) {
        self.iteration = iteration
        self.example = example
        self.phase = phase
        self.layer = layer
        self.values = values
        self.layout = layout
    }

    /// The network and training rules.
    public var setup: TrainingSetup { layout.setup }
    public var shape: NetworkShape { layout.setup.shape }

    /// The example's input.
    public var input: ArraySlice<Double> { slice(layout.activationOffsets[0], shape.inputCount) }
    /// The example's target.
    public var target: ArraySlice<Double> { slice(layout.targetOffset, shape.outputCount) }

    /// Whether the forward pass has computed layer `layer` by now.
    public func hasForward(_ layer: Int) -> Bool {
        switch phase {
        case .forward: return layer <= (self.layer ?? 0)
        case .loss, .backward, .update: return true
        }
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
        hasForward(layer) ? slice(layout.activationOffsets[layer], shape.layers[layer]) : nil
    }

    /// Pre-activations z = W·a + b of `layer` (1 or more), or `nil` if not computed yet.
    public func preActivations(of layer: Int) -> ArraySlice<Double>? {
        layer >= 1 && hasForward(layer) ? slice(layout.preActivationOffsets[layer], shape.layers[layer]) : nil
    }

    /// The example's loss, from the `loss` snapshot on.
    public var loss: Double? {
        phase == .forward ? nil : values[layout.lossOffset]
    }

    /// The deltas ∂L/∂z of `layer` (1 or more), or `nil` if not computed yet.
    public func deltas(of layer: Int) -> ArraySlice<Double>? {
        hasBackward(layer) ? slice(layout.deltaOffsets[layer], shape.layers[layer]) : nil
    }

    /// ∂L/∂w for the weights into `layer`, row-major `[to][from]`, or `nil` if not computed yet.
    public func weightGradients(into layer: Int) -> ArraySlice<Double>? {
        hasBackward(layer) ? values[layout.weightRange(into: layer, base: layout.weightGradientsOffset)] : nil
    }

    /// ∂L/∂b for the biases of `layer`, or `nil` if not computed yet.
    public func biasGradients(of layer: Int) -> ArraySlice<Double>? {
        hasBackward(layer) ? values[layout.biasRange(of: layer, base: layout.biasGradientsOffset)] : nil
    }

    /// The weights into `layer` as they stand at this moment (new values in `update`).
    public func weights(into layer: Int) -> ArraySlice<Double> {
        values[layout.weightRange(into: layer, base: phase == .update ? layout.newWeightsOffset : layout.weightsOffset)]
    }

    /// The biases of `layer` as they stand at this moment (new values in `update`).
    public func biases(of layer: Int) -> ArraySlice<Double> {
        values[layout.biasRange(of: layer, base: phase == .update ? layout.newBiasesOffset : layout.biasesOffset)]
    }

    /// The weights into `layer` as they were when the step began.
    public func previousWeights(into layer: Int) -> ArraySlice<Double> {
        values[layout.weightRange(into: layer, base: layout.weightsOffset)]
    }

    /// The biases of `layer` as they were when the step began.
    public func previousBiases(of layer: Int) -> ArraySlice<Double> {
        values[layout.biasRange(of: layer, base: layout.biasesOffset)]
    }

    /// One weight as it stands at this moment.
    public func weight(into layer: Int, to: Int, from: Int) -> Double {
        let base = phase == .update ? layout.newWeightsOffset : layout.weightsOffset
        return values[layout.weightRange(into: layer, base: base).lowerBound + to * shape.layers[layer - 1] + from]
    }

    /// All parameters as they stand at this moment.
    public var parameters: Parameters {
        let w = phase == .update ? layout.newWeightsOffset : layout.weightsOffset
        let b = phase == .update ? layout.newBiasesOffset : layout.biasesOffset
        return Parameters(shape: shape,
                          weights: Array(values[w..<(w + shape.weightCount)]),
                          biases: Array(values[b..<(b + shape.biasCount)]))
    }

    @inline(__always)
    private func slice(_ start: Int, _ count: Int) -> ArraySlice<Double> {
        values[start..<(start + count)]
    }
}
