import NetFramesEngine

/// Everything one training step of a run computed, from the engine's float64 record:
/// each example's forward pass, error and backward pass, the batch's means, the
/// optimizer's state before and after, and the new parameters; with the error the
/// new parameters give on the same examples.
///
/// Build one with `WorkedStep(run:step:)`; write it out with `markdown(_:frames:)`,
/// `latex(_:frames:)` or `html(_:frames:)`.
public struct WorkedStep: Sendable {
    /// The run's name.
    public var runName: String
    /// The network and training rules.
    public var setup: TrainingSetup
    /// The step, counted from 1.
    public var step: Int
    /// The run's number of steps.
    public var iterations: Int
    /// The step's examples, in batch order (one, unless the batch is larger).
    public var examples: [ExamplePass]
    /// The parameters the step started from.
    public var parameters: Parameters
    /// The parameters after the update.
    public var newParameters: Parameters
    /// The batch's mean gradients ∂E/∂w and ∂E/∂b (an example's own for a batch of one).
    public var gradients: Parameters
    /// The batch's mean error (the example's own for a batch of one).
    public var loss: Double
    /// The optimizer's state before the step, by name (`velocity`; `meanSquare`; `m`, `v`); zero at step 1.
    public var stateBefore: [String: Parameters]
    /// The optimizer's state after the step.
    public var stateAfter: [String: Parameters]
    /// Each example's outputs under the new parameters.
    public var outputsAfter: [[Double]]
    /// Each example's error under the new parameters.
    public var lossesAfter: [Double]

    /// The batch's mean error under the new parameters.
    public var lossAfter: Double { lossesAfter.reduce(0, +) / Double(max(1, lossesAfter.count)) }
    /// The network's layer sizes.
    public var shape: NetworkShape { setup.shape }
}

/// One example's pass through a step: what the forward pass, the error and the
/// backward pass computed, layer by layer (index 0 is the input layer).
public struct ExamplePass: Sendable {
    /// The example's index in the data, from 0.
    public var index: Int
    /// The example's input.
    public var input: [Double]
    /// The example's target.
    public var target: [Double]
    /// net = Σ w·out + b per layer (empty for layer 0).
    public var net: [[Double]]
    /// out per layer (the input for layer 0).
    public var out: [[Double]]
    /// The example's error E.
    public var loss: Double
    /// δ = ∂E/∂net per layer (empty for layer 0).
    public var deltas: [[Double]]
    /// ∂E/∂w per layer, `[to · fan-in + from]` (empty for layer 0).
    public var weightGradients: [[Double]]
    /// ∂E/∂b per layer (empty for layer 0).
    public var biasGradients: [[Double]]

    /// The pass recorded in `snapshot`, a moment after its example's backward pass
    /// reached layer 1 (so every number of the example is there).
    init(_ snapshot: Snapshot) {
        let layers = 0..<snapshot.shape.layerCount
        index = snapshot.example
        input = Array(snapshot.input)
        target = Array(snapshot.target)
        net = layers.map { snapshot.preActivations(of: $0).map(Array.init) ?? [] }
        out = layers.map { snapshot.activations(of: $0).map(Array.init) ?? [] }
        loss = snapshot.loss ?? .nan
        deltas = layers.map { $0 == 0 ? [] : snapshot.deltas(of: $0).map(Array.init) ?? [] }
        weightGradients = layers.map { $0 == 0 ? [] : snapshot.weightGradients(into: $0).map(Array.init) ?? [] }
        biasGradients = layers.map { $0 == 0 ? [] : snapshot.biasGradients(of: $0).map(Array.init) ?? [] }
    }

    /// ∂E/∂w for the weight from neuron `from` of layer `layer − 1` to neuron `to` of `layer`.
    public func weightGradient(_ layer: Int, to: Int, from: Int) -> Double {
        weightGradients[layer][to * out[layer - 1].count + from]
    }
}
