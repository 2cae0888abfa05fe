/// Everything that fixes how a network computes and learns, apart from its numbers.
public struct TrainingSetup: Sendable, Hashable, Codable {
    /// The neurons per layer.
    public var shape: NetworkShape
    /// Activation of every hidden layer.
    public var hidden: Activation
    /// Activation of the output layer.
    public var output: Activation
    /// The cost each example's output is measured by.
    public var loss: Loss
    /// Step size for weights.
    public var learningRate: Double
    /// Step size for biases (the 2015 sketch used 0.3 for weights and 0.1 for biases).
    public var biasLearningRate: Double
    /// When false, biases keep their initial values (their gradients are still computed).
    public var trainBiases: Bool
    /// The rule that turns gradients into new parameters.
    public var optimizer: Optimizer
    /// Examples per step; a step's gradient and loss are their means.
    public var batchSize: Int
    /// Whether the examples are put in a new seeded order at each pass over the data.
    public var shuffle: Bool
    /// The seed of that order.
    public var shuffleSeed: UInt64
    /// λ: L2 decay (g ← g + λ·p), or AdamW's decoupled decay.
    public var weightDecay: Double

    /// A setup; `biasLearningRate` defaults to `learningRate`, and training to plain SGD
    /// on one example per step.
    public init(shape: NetworkShape, hidden: Activation, output: Activation, loss: Loss,
                learningRate: Double, biasLearningRate: Double? = nil, trainBiases: Bool = true,
                optimizer: Optimizer = .sgd, batchSize: Int = 1, shuffle: Bool = false, shuffleSeed: UInt64 = 0,
                weightDecay: Double = 0) {
        precondition(batchSize >= 1, "a batch holds at least one example")
        self.shape = shape
        self.hidden = hidden
        self.output = output
        self.loss = loss
        self.learningRate = learningRate
        self.biasLearningRate = biasLearningRate ?? learningRate
        self.trainBiases = trainBiases
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.shuffleSeed = shuffleSeed
        self.weightDecay = weightDecay
    }

    /// The activation of neuron layer `layer` (1 or more).
    public func activation(layer: Int) -> Activation {
        layer == shape.outputLayer ? output : hidden
    }

    /// True for plain SGD on one example per step in data order, without decay: the
    /// training NetFrames has always done, whose trace stays at version 1.
    public var isPlainSGD: Bool {
        optimizer == .sgd && batchSize == 1 && !shuffle && weightDecay == 0
    }

    /// Snapshots one recorded step makes: per example, each forward layer, the loss and
    /// each backward layer; then the update.
    public var snapshotsPerStep: Int {
        batchSize * (2 * (shape.layerCount - 1) + 1) + 1
    }

    /// "SGD η = 0.5", or with the batch: "Adam η = 0.01 · batch 8".
    public var optimizerSummary: String {
        var text = "\(optimizer.displayName) η = \(Self.shortNumber(learningRate))"
        if batchSize > 1 { text += " · batch \(batchSize)" }
        if weightDecay > 0 { text += " · λ = \(Self.shortNumber(weightDecay))" }
        return text
    }

    /// A rate as people write it: 0.5, 0.01, 1e-05.
    static func shortNumber(_ x: Double) -> String {
        var text = "\(x)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
