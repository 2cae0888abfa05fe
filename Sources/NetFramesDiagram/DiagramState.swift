import NetFramesEngine

/// The numbers one frame shows, taken out of a snapshot.
///
/// The diagram draws a state, not a snapshot, so an animation can draw states that lie
/// between two snapshots (a weight half-way to its new value) with the same code.
public struct DiagramState: Sendable {
    /// The run's name, for the header.
    public var runName: String
    /// The network and training rules.
    public var setup: TrainingSetup
    /// 0-based index of the step.
    public var iteration: Int
    /// Index of the example the step trains on.
    public var example: Int
    /// Which moment of the step the state shows.
    public var phase: Phase
    /// The layer just computed (forward) or reached (backward); `nil` otherwise.
    public var layer: Int?
    /// The example's input.
    public var input: [Double]
    /// The example's target.
    public var target: [Double]
    /// Per layer (input first); `nil` where the forward pass has not reached.
    public var activations: [[Double]?]
    /// z = W·a + b per layer (index 0 unused); `nil` where the forward pass has not reached.
    public var preActivations: [[Double]?]
    /// ∂L/∂z per layer (index 0 unused); `nil` where backprop has not reached.
    public var deltas: [[Double]?]
    /// Per layer `l ≥ 1` at index `l`: the weights into it, row-major `[to][from]` (index 0 empty).
    public var weights: [[Double]]
    /// The weights when the step began (differs from `weights` only in an update).
    public var previousWeights: [[Double]]
    /// Per layer `l ≥ 1` at index `l`: the biases (index 0 empty); new values in an update.
    public var biases: [[Double]]
    /// The biases when the step began.
    public var previousBiases: [[Double]]
    /// ∂L/∂W into each layer (index 0 unused), `nil` where not computed.
    public var weightGradients: [[Double]?]
    /// The example's loss, from the loss moment on.
    public var loss: Double?
    /// The loss on the same example the last time it was recorded, to show progress.
    public var previousLoss: (iteration: Int, loss: Double)?
    /// What is in motion, for a frame between two snapshots; `nil` for a still.
    public var motion: Motion?
    /// Caption lines to show instead of the worked example (a fast-forward, say).
    public var captionOverride: [String]?
    /// A title card to show instead of the diagram.
    public var titleCard: String?
    /// In a time-lapse, the training steps per shown step at this point (the steps since
    /// the step shown before), shown in the header as "×1,000"; `nil` when each step is shown.
    public var pace: Int?
    /// The loss curve so far, for the loss panel.
    public var lossHistory: [LossPoint] = []
    /// The decision boundary under the weights this state shows, for the boundary panel.
    public var boundary: BoundaryGrid?
    /// In an update, the boundary before it, so the panel can morph.
    public var previousBoundary: BoundaryGrid?
    /// Where the state stands in a step on a batch of several examples; `nil` for one example per step.
    public var batch: BatchProgress?
    /// In an update, the optimizer's state after it, by name (`velocity`; `meanSquare`; `m`, `v`).
    public var optimizerState: [String: Parameters] = [:]

    /// The neurons per layer.
    public var shape: NetworkShape { setup.shape }

    /// The numbers of `snapshot`, for a run called `runName`.
    public init(snapshot s: Snapshot, runName: String) {
        self.runName = runName
        setup = s.setup
        iteration = s.iteration
        example = s.example
        phase = s.phase
        layer = s.layer
        input = Array(s.input)
        target = Array(s.target)
        let layers = 0..<s.shape.layerCount
        activations = layers.map { s.activations(of: $0).map(Array.init) }
        preActivations = layers.map { s.preActivations(of: $0).map(Array.init) }
        deltas = layers.map { s.deltas(of: $0).map(Array.init) }
        weights = layers.map { $0 == 0 ? [] : Array(s.weights(into: $0)) }
        previousWeights = layers.map { $0 == 0 ? [] : Array(s.previousWeights(into: $0)) }
        biases = layers.map { $0 == 0 ? [] : Array(s.biases(of: $0)) }
        previousBiases = layers.map { $0 == 0 ? [] : Array(s.previousBiases(of: $0)) }
        weightGradients = layers.map { $0 == 0 ? nil : s.weightGradients(into: $0).map(Array.init) }
        loss = s.loss
        if s.batchSize > 1 {
            var progress = BatchProgress(position: s.batchPosition, size: s.batchSize)
            // The example's last backward moment: its gradients join the running mean.
            if s.phase == .backward && s.layer == 1 {
                progress.meanWeightGradients = layers.map { $0 == 0 ? nil : s.runningMeanWeightGradients(into: $0) }
                progress.meanBiasGradients = layers.map { $0 == 0 ? nil : s.runningMeanBiasGradients(of: $0) }
            }
            batch = progress
        }
        if s.phase == .update {
            for name in s.setup.optimizer.stateNames {
                optimizerState[name] = s.optimizerState(name)
            }
        }
        previousLoss = nil
        motion = nil
        captionOverride = nil
        titleCard = nil
    }

    /// The weight from neuron `from` of layer `layer − 1` to neuron `to` of `layer`.
    public func weight(into layer: Int, to: Int, from: Int) -> Double {
        weights[layer][to * shape.layers[layer - 1] + from]
    }

    /// The same weight as `weight(into:to:from:)`, when the step began.
    public func previousWeight(into layer: Int, to: Int, from: Int) -> Double {
        previousWeights[layer][to * shape.layers[layer - 1] + from]
    }

    /// ∂L/∂w for that weight, or `nil` if not computed yet.
    public func gradient(into layer: Int, to: Int, from: Int) -> Double? {
        weightGradients[layer]?[to * shape.layers[layer - 1] + from]
    }

    /// The state as its example's gradients join the batch's running mean: the gradient
    /// and δ labels show the means so far. `nil` unless the state is an example's last
    /// backward moment in a batch of several.
    public var accumulating: DiagramState? {
        guard var progress = batch, let means = progress.meanWeightGradients, let biasMeans = progress.meanBiasGradients else {
            return nil
        }
        var state = self
        progress.accumulating = true
        state.batch = progress
        state.weightGradients = means
        state.deltas = biasMeans
        state.motion = nil
        return state
    }

    /// The optimizer's state `name` for one weight, after the update; `nil` if there is none.
    public func optimizerState(_ name: String, into layer: Int, to: Int, from: Int) -> Double? {
        guard let state = optimizerState[name] else { return nil }
        return state.weights[shape.weightOffsets[layer - 1] + to * shape.layers[layer - 1] + from]
    }

    /// The optimizer's state `name` for one bias, after the update.
    public func optimizerState(_ name: String, bias layer: Int, neuron: Int) -> Double? {
        optimizerState[name]?.biases[shape.biasOffsets[layer - 1] + neuron]
    }
}

/// Where a frame stands in a step on a batch of several examples.
public struct BatchProgress: Sendable, Hashable {
    /// The example's position in the batch, 0 first (0 in an update).
    public var position: Int
    /// Examples in the batch.
    public var size: Int
    /// At an example's last backward moment: per layer, the mean ∂L/∂w over the batch's
    /// examples so far (index 0 unused).
    public var meanWeightGradients: [[Double]?]?
    /// The same for ∂L/∂b.
    public var meanBiasGradients: [[Double]?]?
    /// True for the moment the labels show those means.
    public var accumulating = false

    /// A batch position without running means.
    public init(position: Int, size: Int) {
        self.position = position
        self.size = size
    }
}
