/// Where each quantity of one training step lives in the step's flat record.
///
/// A step writes every number it computes (input, target, pre-activations,
/// activations, loss, deltas, gradients, the weights before and after the update)
/// into one contiguous array. All the snapshots of that step are views of the same
/// array, so recording a step costs no copying. The layout is shared by every record
/// of a run and never changes.
///
/// The per-layer offsets live in one table that the layout owns and frees, so reading
/// them costs no reference counting on the hot path.
public final class RecordLayout: @unchecked Sendable {
    /// The network and training rules the records describe.
    public let setup: TrainingSetup
    /// Number of layers, input included.
    public let layerCount: Int
    /// Per layer: size, activations, pre-activations, deltas, incoming weights (relative
    /// to a weight region), biases (relative to a bias region). Immutable after init.
    let table: UnsafeMutablePointer<Int>
    static let columns = 6
    let targetOffset: Int
    let lossOffset: Int
    let weightsOffset: Int
    let biasesOffset: Int
    let weightGradientsOffset: Int
    let biasGradientsOffset: Int
    let newWeightsOffset: Int
    let newBiasesOffset: Int
    let weightCount: Int
    let biasCount: Int
    /// Numbers in one record.
    let count: Int

    init(setup: TrainingSetup) {
        self.setup = setup
        let shape = setup.shape
        layerCount = shape.layerCount
        weightCount = shape.weightCount
        biasCount = shape.biasCount
        table = .allocate(capacity: shape.layerCount * RecordLayout.columns)
        var next = 0
        func take(_ n: Int) -> Int {
            defer { next += n }
            return next
        }
        for l in 0..<shape.layerCount {
            let row = table + l * RecordLayout.columns
            row[0] = shape.layers[l]
            row[1] = take(shape.layers[l])
            row[4] = l == 0 ? -1 : shape.weightOffsets[l - 1]
            row[5] = l == 0 ? -1 : shape.biasOffsets[l - 1]
        }
        for l in 0..<shape.layerCount { table[l * RecordLayout.columns + 2] = l == 0 ? -1 : take(shape.layers[l]) }
        for l in 0..<shape.layerCount { table[l * RecordLayout.columns + 3] = l == 0 ? -1 : take(shape.layers[l]) }
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

    deinit {
        table.deallocate()
    }

    /// Neurons in `layer`.
    @inline(__always) func size(_ layer: Int) -> Int { table[layer &* RecordLayout.columns] }
    @inline(__always) func activationOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 1] }
    @inline(__always) func preActivationOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 2] }
    @inline(__always) func deltaOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 3] }
    /// Offset of the weights into `layer` within a weight region.
    @inline(__always) func weightOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 4] }
    /// Offset of the biases of `layer` within a bias region.
    @inline(__always) func biasOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 5] }
    /// Number of weights into `layer`.
    @inline(__always) func weightCount(into layer: Int) -> Int { size(layer) &* size(layer &- 1) }
}
