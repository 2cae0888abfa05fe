/// A snapshot's numbers as unsafe buffers, for consumers that read millions of them.
///
/// Obtained from `Snapshot.withValues(_:)` and valid only inside that closure. The
/// accessors mean exactly what `Snapshot`'s do, without the reference counting an
/// `ArraySlice` costs.
public struct SnapshotValues {
    let base: UnsafePointer<Double>
    unowned(unsafe) let l: RecordLayout
    public let phase: Phase
    /// The layer just computed; 0 for the loss and update snapshots.
    let layerIndex: Int

    @inline(__always)
    private func buffer(_ offset: Int, _ count: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: base + offset, count: count)
    }

    /// Neurons in `layer`.
    @inline(__always) public func size(_ layer: Int) -> Int { l.size(layer) }
    /// Number of layers, input included.
    @inline(__always) public var layerCount: Int { l.layerCount }

    @inline(__always) public func hasForward(_ layer: Int) -> Bool {
        phase != .forward || layer <= layerIndex
    }

    @inline(__always) public func hasBackward(_ layer: Int) -> Bool {
        switch phase {
        case .forward, .loss: return false
        case .backward: return layer >= layerIndex
        case .update: return layer >= 1
        }
    }

    public var input: UnsafeBufferPointer<Double> { buffer(l.activationOffset(0), l.size(0)) }
    public var target: UnsafeBufferPointer<Double> { buffer(l.targetOffset, l.size(l.layerCount - 1)) }
    public var loss: Double? { phase == .forward ? nil : base[l.lossOffset] }

    public func activations(of layer: Int) -> UnsafeBufferPointer<Double>? {
        hasForward(layer) ? buffer(l.activationOffset(layer), l.size(layer)) : nil
    }

    public func preActivations(of layer: Int) -> UnsafeBufferPointer<Double>? {
        layer >= 1 && hasForward(layer) ? buffer(l.preActivationOffset(layer), l.size(layer)) : nil
    }

    public func deltas(of layer: Int) -> UnsafeBufferPointer<Double>? {
        hasBackward(layer) ? buffer(l.deltaOffset(layer), l.size(layer)) : nil
    }

    public func weightGradients(into layer: Int) -> UnsafeBufferPointer<Double>? {
        hasBackward(layer) ? buffer(l.weightGradientsOffset + l.weightOffset(layer), l.weightCount(into: layer)) : nil
    }

    public func biasGradients(of layer: Int) -> UnsafeBufferPointer<Double>? {
        hasBackward(layer) ? buffer(l.biasGradientsOffset + l.biasOffset(layer), l.size(layer)) : nil
    }

    public func weights(into layer: Int) -> UnsafeBufferPointer<Double> {
        buffer((phase == .update ? l.newWeightsOffset : l.weightsOffset) + l.weightOffset(layer), l.weightCount(into: layer))
    }

    public func biases(of layer: Int) -> UnsafeBufferPointer<Double> {
        buffer((phase == .update ? l.newBiasesOffset : l.biasesOffset) + l.biasOffset(layer), l.size(layer))
    }

    public func previousWeights(into layer: Int) -> UnsafeBufferPointer<Double> {
        buffer(l.weightsOffset + l.weightOffset(layer), l.weightCount(into: layer))
    }

    public func previousBiases(of layer: Int) -> UnsafeBufferPointer<Double> {
        buffer(l.biasesOffset + l.biasOffset(layer), l.size(layer))
    }
}

