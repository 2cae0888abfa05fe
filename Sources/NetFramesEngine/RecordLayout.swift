/// Where each quantity of one training step lives in the step's flat record.
///
/// A step writes every number it computes (input, target, pre-activations,
/// activations, loss, deltas, gradients, the weights before and after the update)
/// into one contiguous array. All the snapshots of that step are views of the same
/// array, so recording a step costs no copying. The layout is shared by every record
/// of a run and never changes.
public final class RecordLayout: Sendable {
    /// The network and training rules the records describe.
    public let setup: TrainingSetup
    /// Offsets of each layer's activations; layer 0 holds the input.
    let activationOffsets: [Int]
    /// Offsets of each layer's pre-activations (index 0 unused).
    let preActivationOffsets: [Int]
    /// Offsets of each layer's deltas, ∂L/∂z (index 0 unused).
    let deltaOffsets: [Int]
    let targetOffset: Int
    let lossOffset: Int
    let weightsOffset: Int
    let biasesOffset: Int
    let weightGradientsOffset: Int
    let biasGradientsOffset: Int
    let newWeightsOffset: Int
    let newBiasesOffset: Int
    /// Numbers in one record.
    let count: Int

    init(setup: TrainingSetup) {
        self.setup = setup
        let shape = setup.shape
        var next = 0
        func take(_ n: Int) -> Int {
            defer { next += n }
            return next
        }
        activationOffsets = shape.layers.map { take($0) }
        preActivationOffsets = [-1] + shape.layers.dropFirst().map { take($0) }
        deltaOffsets = [-1] + shape.layers.dropFirst().map { take($0) }
        targetOffset = take(shape.outputCount)
        lossOffset = take(1)
        weightsOffset = take(shape.weightCount)
        biasesOffset = take(shape.biasCount)
        weightGradientsOffset = take(shape.weightCount)
        biasGradientsOffset = take(shape.biasCount)
        newWeightsOffset = take(shape.weightCount)
        newBiasesOffset = take(shape.biasCount)
        count = next
    }

    /// Range of the incoming weights of neuron layer `layer` within a weight region.
    @inline(__always)
    func weightRange(into layer: Int, base: Int) -> Range<Int> {
        let shape = setup.shape
        let start = base + shape.weightOffsets[layer - 1]
        return start..<(start + shape.layers[layer] * shape.layers[layer - 1])
    }

    /// Range of the biases of neuron layer `layer` within a bias region.
    @inline(__always)
    func biasRange(of layer: Int, base: Int) -> Range<Int> {
        let start = base + setup.shape.biasOffsets[layer - 1]
        return start..<(start + setup.shape.layers[layer])
    }
}
