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
    /// When false, biases keep their initial values.
    public var trainBiases: Bool

    /// A setup; `biasLearningRate` defaults to `learningRate`.
    public init(shape: NetworkShape, hidden: Activation, output: Activation, loss: Loss,
                learningRate: Double, biasLearningRate: Double? = nil, trainBiases: Bool = true) {
        self.shape = shape
        self.hidden = hidden
        self.output = output
        self.loss = loss
        self.learningRate = learningRate
        self.biasLearningRate = biasLearningRate ?? learningRate
        self.trainBiases = trainBiases
    }

    /// The activation of neuron layer `layer` (1 or more).
    public func activation(layer: Int) -> Activation {
        layer == shape.outputLayer ? output : hidden
    }
}
