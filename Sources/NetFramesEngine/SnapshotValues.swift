/// A snapshot's numbers as unsafe buffers, for consumers that read millions of them.
///
/// Obtained from `Snapshot.withValues(_:)` and valid only inside that closure. The
/// accessors mean exactly what `Snapshot`'s do, without the reference counting an
/// `ArraySlice` costs.
public struct SnapshotValues {
    @usableFromInline let base: UnsafePointer<Double>
    @usableFromInline unowned(unsafe) let l: RecordLayout
    /// Which moment of the step the values are read at.
    public let phase: Phase

    @usableFromInline
    init(base: UnsafePointer<Double>, l: RecordLayout, phase: Phase, layerIndex: Int, block: Int, region: Int) {
        self.base = base
        self.l = l
        self.phase = phase
        self.layerIndex = layerIndex
        self.block = block
        self.region = region
    }
    /// Where the shown example's block starts in the record.
    @usableFromInline let block: Int
    /// The layer just computed; 0 for the loss and update snapshots.
    @usableFromInline let layerIndex: Int
    /// The parameter region that holds the step's starting θ (θ′ is in the other).
    @usableFromInline let region: Int
    /// The parameter region in force at this moment: θ′'s in the update, else θ's.
    @inlinable @inline(__always) var currentRegion: Int { phase == .update ? region ^ 1 : region }
    /// Where parameter region `region` starts (`RecordLayout.parametersOffset(region:)`),
    /// from the layout's stored numbers: calling its method through the unowned reference
    /// would retain and release the layout around the call.
    @inlinable @inline(__always) func regionStart(_ region: Int) -> Int {
        l.weightsOffset &+ region &* (l.weightCount &+ l.biasCount)
    }

    @inlinable @inline(__always)
    func buffer(_ offset: Int, _ count: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: base + offset, count: count)
    }

    /// Neurons in `layer`.
    @inlinable @inline(__always) public func size(_ layer: Int) -> Int { l.size(layer) }
    /// Number of layers, input included.
    @inlinable @inline(__always) public var layerCount: Int { l.layerCount }

    /// Whether the forward pass has computed `layer` by now.
    @inlinable @inline(__always) public func hasForward(_ layer: Int) -> Bool {
        phase != .forward || layer <= layerIndex
    }

    /// Whether backpropagation has computed the deltas of `layer` (1 or more) by now.
    @inlinable @inline(__always) public func hasBackward(_ layer: Int) -> Bool {
        switch phase {
        case .forward, .loss: return false
        case .backward: return layer >= layerIndex
        case .update: return layer >= 1
        }
    }

    /// The example's input.
    @inlinable public var input: UnsafeBufferPointer<Double> { buffer(block &+ l.activationOffset(0), l.size(0)) }
    /// The example's target.
    @inlinable public var target: UnsafeBufferPointer<Double> { buffer(block &+ l.targetOffset, l.size(l.layerCount &- 1)) }
    /// The example's loss, from the `loss` moment on; in an update, the batch's mean loss.
    @inlinable public var loss: Double? {
        phase == .forward ? nil : base[phase == .update ? l.meanLossOffset : block &+ l.lossOffset]
    }

    /// Activations of `layer` (the input for layer 0), or `nil` if not computed yet.
    @inlinable public func activations(of layer: Int) -> UnsafeBufferPointer<Double>? {
        hasForward(layer) ? buffer(block &+ l.activationOffset(layer), l.size(layer)) : nil
    }

    /// Pre-activations z = W·a + b of `layer` (1 or more), or `nil` if not computed yet.
    @inlinable public func preActivations(of layer: Int) -> UnsafeBufferPointer<Double>? {
        layer >= 1 && hasForward(layer) ? buffer(block &+ l.preActivationOffset(layer), l.size(layer)) : nil
    }

    /// The deltas ∂L/∂z of `layer` (1 or more), or `nil` if not computed yet; in an update, their batch means.
    @inlinable public func deltas(of layer: Int) -> UnsafeBufferPointer<Double>? {
        guard hasBackward(layer) else { return nil }
        return phase == .update ? buffer(l.meanBiasGradientOffset(layer), l.size(layer))
            : buffer(block &+ l.deltaOffset(layer), l.size(layer))
    }

    /// ∂L/∂w for the weights into `layer`, row-major `[to][from]`, or `nil` if not computed
    /// yet; in an update, the batch mean.
    @inlinable public func weightGradients(into layer: Int) -> UnsafeBufferPointer<Double>? {
        guard hasBackward(layer) else { return nil }
        return phase == .update ? buffer(l.meanWeightGradientOffset(layer), l.weightCount(into: layer))
            : buffer(block &+ l.weightGradientOffset(layer), l.weightCount(into: layer))
    }

    /// ∂L/∂b for the biases of `layer`, or `nil` if not computed yet; in an update, the batch mean.
    @inlinable public func biasGradients(of layer: Int) -> UnsafeBufferPointer<Double>? {
        guard hasBackward(layer) else { return nil }
        return phase == .update ? buffer(l.meanBiasGradientOffset(layer), l.size(layer))
            : buffer(block &+ l.biasGradientOffset(layer), l.size(layer))
    }

    /// The weights into `layer` as they stand at this moment (new values in `update`).
    @inlinable @inline(__always) public func weights(into layer: Int) -> UnsafeBufferPointer<Double> {
        buffer(regionStart(currentRegion) &+ l.weightOffset(layer), l.weightCount(into: layer))
    }

    /// The biases of `layer` as they stand at this moment (new values in `update`).
    @inlinable @inline(__always) public func biases(of layer: Int) -> UnsafeBufferPointer<Double> {
        buffer(regionStart(currentRegion) &+ l.weightCount &+ l.biasOffset(layer), l.size(layer))
    }

    /// The weights into `layer` as they were when the step began.
    @inlinable @inline(__always) public func previousWeights(into layer: Int) -> UnsafeBufferPointer<Double> {
        buffer(regionStart(region) &+ l.weightOffset(layer), l.weightCount(into: layer))
    }

    /// The biases of `layer` as they were when the step began.
    @inlinable @inline(__always) public func previousBiases(of layer: Int) -> UnsafeBufferPointer<Double> {
        buffer(regionStart(region) &+ l.weightCount &+ l.biasOffset(layer), l.size(layer))
    }

    /// The numbers this moment computed, as one contiguous block: a forward layer's
    /// pre-activations then activations; the loss; a backward layer's deltas (which are
    /// its bias gradients too) then weight gradients; or the update's new weights then new
    /// biases (its means and the optimizer's state are `updateMeansAndState`).
    @inlinable @inline(__always) public var computed: UnsafeBufferPointer<Double> {
        switch phase {
        case .forward:
            return buffer(block &+ l.preActivationOffset(layerIndex), 2 &* l.size(layerIndex))
        case .loss:
            return buffer(block &+ l.lossOffset, 1)
        case .backward:
            return buffer(block &+ l.deltaOffset(layerIndex), l.size(layerIndex) &+ l.weightCount(into: layerIndex))
        case .update:
            return buffer(regionStart(region ^ 1), l.weightCount &+ l.biasCount)
        }
    }

    /// The rest of what the update computed, as one block: for a batch of several, its
    /// mean loss and mean gradients (laid out like the parameters); then the optimizer's
    /// state after the update. Empty at the other moments, and for plain SGD on one example.
    @inlinable @inline(__always) public var updateMeansAndState: UnsafeBufferPointer<Double> {
        buffer(l.meansOffset, phase == .update ? l.count &- l.meansOffset : 0)
    }

    /// What a step starts from: its input and target, then its starting weights and biases
    /// (two blocks, read once per step by a consumer that wants every number once).
    @inlinable @inline(__always) public var stepInputs: (example: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>) {
        (buffer(block &+ l.activationOffset(0), l.size(0) &+ l.size(l.layerCount &- 1)),
         buffer(regionStart(region), l.weightCount &+ l.biasCount))
    }
}
