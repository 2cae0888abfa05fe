import Testing

/// Small runs that between them use every activation, loss and optimizer a worked
/// example explains, each trained for 3 steps so step 2 starts from real optimizer state.
struct ExplainCombination: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String

    var testDescription: String { name }

    static func run(_ name: String, layers: String, hidden: String, output: String, loss: String,
                    optimizer: String, extra: String = "", data: String) -> ExplainCombination {
        ExplainCombination(name: name, yaml: """
            name: \(name)
            network:
              layers: \(layers)
              hidden: \(hidden)
              output: \(output)
              seed: 5
            training:
              loss: \(loss)
              learningRate: 0.1
              optimizer: \(optimizer)
              iterations: 3
            \(extra)
            data:
            \(data)
            """)
    }

    static let twoInputs = """
          - {input: [0.5, -0.2], target: [1, 0]}
          - {input: [-0.3, 0.8], target: [0, 1]}
        """

    static let all: [ExplainCombination] = [
        run("sigmoid-mse", layers: "[2, 2, 2]", hidden: "sigmoid", output: "sigmoid", loss: "mse", optimizer: "sgd",
            data: twoInputs),
        run("tanh-softmax", layers: "[2, 3, 2]", hidden: "tanh", output: "softmax", loss: "crossEntropy", optimizer: "sgd",
            data: twoInputs),
        run("relu-linear", layers: "[2, 3, 1]", hidden: "relu", output: "linear", loss: "mse",
            optimizer: "{kind: momentum, nesterov: true}", extra: "  weightDecay: 0.01\n  biasLearningRate: 0.05",
            data: "  - {input: [0.5, -0.2], target: [0.7]}\n  - {input: [-0.3, 0.8], target: [-0.4]}"),
        run("sigmoid-crossentropy", layers: "[2, 2, 2]", hidden: "sigmoid", output: "sigmoid", loss: "crossEntropy",
            optimizer: "rmsprop", data: twoInputs),
        run("mse-softmax", layers: "[2, 2, 2, 2]", hidden: "tanh", output: "softmax", loss: "mse",
            optimizer: "{kind: adam, decoupled: true}", extra: "  weightDecay: 0.1", data: twoInputs),
        run("adam-batch", layers: "[2, 3, 2]", hidden: "relu", output: "softmax", loss: "crossEntropy",
            optimizer: "adam", extra: "  batchSize: 2", data: twoInputs),
    ]
}
