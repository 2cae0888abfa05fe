/// Where each quantity of one training step lives in the step's flat record.
///
/// A step writes every number it computes (per example of its batch: input, target,
/// pre-activations, activations, loss, deltas, gradients; then the batch's mean loss
/// and gradients, the weights before and after the update, and the optimizer's state)
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
    /// to a weight region), biases (relative to a bias region), weight gradients and bias
    /// gradients (absolute, in the first example's block; the bias gradients are the
    /// deltas), and the batch-mean weight and bias gradients (absolute). Immutable after init.
    @usableFromInline let table: UnsafeMutablePointer<Int>
    @usableFromInline static let columns = 10
    @usableFromInline let targetOffset: Int
    @usableFromInline let lossOffset: Int
    /// Where the first of the two parameter regions starts (`parametersOffset(region:)`).
    @usableFromInline let weightsOffset: Int
    @usableFromInline let weightCount: Int
    @usableFromInline let biasCount: Int
    /// Numbers in one record.
    @usableFromInline let count: Int
    /// Examples per step.
    @usableFromInline let batchSize: Int
    /// Numbers in one example's block; example k of the batch starts at k · `exampleStride`.
    @usableFromInline let exampleStride: Int
    /// Where the update's means (for a batch of several) and then the optimizer's state
    /// start: the record's numbers after the two parameter regions.
    @usableFromInline let meansOffset: Int
    /// The batch's mean loss (the example's own loss when the batch is one example).
    @usableFromInline let meanLossOffset: Int
    /// The examples' indices in the data, one per batch position.
    @usableFromInline let examplesOffset: Int
    /// The optimizer's state, one region laid out like the parameters per state name.
    @usableFromInline let stateOffset: Int
    /// Regions of optimizer state.
    @usableFromInline let stateCount: Int

    /// The record is ordered so that what each moment computes is one contiguous block.
    /// Per example: input and target; then per layer its pre-activations and activations
    /// (forward); the loss; then per layer, output first, its deltas (which are also its
    /// bias gradients) and weight gradients (backward). After the batch's examples: the
    /// examples' indices; two parameter regions, each all the weights then all the
    /// biases, which hold the step's starting θ and its new θ′ by turns
    /// (`parametersOffset(region:)`); for a batch of more than one, its mean loss and mean
    /// gradients (laid out like the parameters); the optimizer's state.
    init(setup: TrainingSetup) {
        self.setup = setup
        let shape = setup.shape
        let layers = shape.layers
        layerCount = shape.layerCount
        weightCount = shape.weightCount
        biasCount = shape.biasCount
        let columns = RecordLayout.columns
        table = .allocate(capacity: shape.layerCount * columns)
        table.initialize(repeating: -1, count: shape.layerCount * columns)
        var next = 0
        func take(_ n: Int) -> Int {
            defer { next += n }
            return next
        }
        for l in 0..<layerCount {
            table[l * columns] = layers[l]
            table[l * columns + 4] = l == 0 ? -1 : shape.weightOffsets[l - 1]
            table[l * columns + 5] = l == 0 ? -1 : shape.biasOffsets[l - 1]
        }
        table[1] = take(layers[0])
        targetOffset = take(shape.outputCount)
        for l in 1..<layerCount {
            table[l * columns + 2] = take(layers[l])
            table[l * columns + 1] = take(layers[l])
        }
        lossOffset = take(1)
        for l in stride(from: layerCount - 1, through: 1, by: -1) {
            table[l * columns + 3] = take(layers[l])
            table[l * columns + 6] = take(layers[l] * layers[l - 1])
            // ∂L/∂b = δ: the bias gradients are the deltas, not a copy of them.
            table[l * columns + 7] = table[l * columns + 3]
        }
        exampleStride = next
        batchSize = setup.batchSize
        next = exampleStride * batchSize
        // An even count, so the parameters keep the 16-byte alignment the pair loads like.
        examplesOffset = take((batchSize + 1) & ~1)
        weightsOffset = take(2 * (shape.weightCount + shape.biasCount))
        meansOffset = next
        if batchSize == 1 {
            // One example: its own loss and gradients are the means.
            meanLossOffset = lossOffset
            for l in 1..<layerCount {
                table[l * columns + 8] = table[l * columns + 6]
                table[l * columns + 9] = table[l * columns + 7]
            }
        } else {
            meanLossOffset = take(1)
            let meanWeights = take(shape.weightCount), meanBiases = take(shape.biasCount)
            for l in 1..<layerCount {
                table[l * columns + 8] = meanWeights + table[l * columns + 4]
                table[l * columns + 9] = meanBiases + table[l * columns + 5]
            }
        }
        stateCount = setup.optimizer.stateNames.count
        stateOffset = take(stateCount * (shape.weightCount + shape.biasCount))
        count = next
    }

    deinit {
        table.deallocate()
    }

    /// Neurons in `layer`.
    @inlinable @inline(__always) func size(_ layer: Int) -> Int { table[layer &* RecordLayout.columns] }
    @inlinable @inline(__always) func activationOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 1] }
    @inlinable @inline(__always) func preActivationOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 2] }
    @inlinable @inline(__always) func deltaOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 3] }
    /// Offset of the weights into `layer` within a weight region.
    @inlinable @inline(__always) func weightOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 4] }
    /// Offset of the biases of `layer` within a bias region.
    @inlinable @inline(__always) func biasOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 5] }
    /// Offset of ∂L/∂W into `layer` in the record.
    @inlinable @inline(__always) func weightGradientOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 6] }
    /// Offset of ∂L/∂b of `layer` in the record.
    @inlinable @inline(__always) func biasGradientOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 7] }
    /// Offset of the batch-mean ∂L/∂W into `layer` in the record.
    @inlinable @inline(__always) func meanWeightGradientOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 8] }
    /// Offset of the batch-mean ∂L/∂b of `layer` in the record.
    @inlinable @inline(__always) func meanBiasGradientOffset(_ layer: Int) -> Int { table[layer &* RecordLayout.columns &+ 9] }
    /// Number of weights into `layer`.
    @inlinable @inline(__always) func weightCount(into layer: Int) -> Int { size(layer) &* size(layer &- 1) }
    /// Number of weights and biases.
    @inlinable @inline(__always) var parameterCount: Int { weightCount &+ biasCount }
    /// Where parameter region `region` (0 or 1) starts: its weights, layer after layer, then
    /// its biases. A step reads θ from one region and writes θ′ into the other, and the
    /// next step starts from that one, so no step copies θ′ over θ and every snapshot of
    /// a step can show old and new values side by side.
    @inlinable @inline(__always) func parametersOffset(region: Int) -> Int {
        weightsOffset &+ region &* parameterCount
    }
    /// Where the biases of parameter region `region` start.
    @inlinable @inline(__always) func biasesOffset(region: Int) -> Int {
        parametersOffset(region: region) &+ weightCount
    }
    /// Where state region `slot` (an index into `setup.optimizer.stateNames`) starts.
    @inlinable @inline(__always) func stateOffset(_ slot: Int) -> Int { stateOffset &+ slot &* parameterCount }
}
