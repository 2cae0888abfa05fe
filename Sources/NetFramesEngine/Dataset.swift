/// One training example: an input vector and the target the network should produce.
public struct Example: Sendable, Hashable, Codable {
    /// The values fed to the input layer, one per input neuron.
    public var input: [Double]
    /// The values the output layer should produce, one per output neuron.
    public var target: [Double]

    /// An example; its sizes are checked against a network when a dataset is made for it.
    public init(input: [Double], target: [Double]) {
        self.input = input
        self.target = target
    }
}

/// The examples a run trains on, stored flat so a step reads them without allocating.
public struct Dataset: Sendable, Equatable {
    /// Numbers in each example's input.
    public let inputCount: Int
    /// Numbers in each example's target.
    public let targetCount: Int
    /// All inputs, example after example.
    public let inputs: [Double]
    /// All targets, example after example.
    public let targets: [Double]

    /// Creates a dataset. Every example must have `inputCount` inputs and `targetCount`
    /// targets, and there must be at least one example (checked by the caller, which
    /// knows which file and field to name).
    public init(examples: [Example]) {
        precondition(!examples.isEmpty, "a dataset needs at least one example")
        let inputCount = examples[0].input.count, targetCount = examples[0].target.count
        precondition(examples.allSatisfy { $0.input.count == inputCount && $0.target.count == targetCount })
        self.inputCount = inputCount
        self.targetCount = targetCount
        inputs = examples.flatMap(\.input)
        targets = examples.flatMap(\.target)
    }

    /// Number of examples.
    public var count: Int { inputs.count / inputCount }

    /// Example `i`.
    public subscript(i: Int) -> Example {
        Example(input: Array(inputs[(i * inputCount)..<((i + 1) * inputCount)]),
                target: Array(targets[(i * targetCount)..<((i + 1) * targetCount)]))
    }

    /// All examples.
    public var examples: [Example] { (0..<count).map { self[$0] } }
}
