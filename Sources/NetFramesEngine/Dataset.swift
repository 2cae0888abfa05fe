/// One training example: an input vector and the target the network should produce.
public struct Example: Sendable, Hashable, Codable {
    public var input: [Double]
    public var target: [Double]

    public init(input: [Double], target: [Double]) {
        self.input = input
        self.target = target
    }
}

/// The examples a run trains on, stored flat so a step reads them without allocating.
public struct Dataset: Sendable, Equatable {
    public let inputCount: Int
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
