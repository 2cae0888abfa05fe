import NetFramesEngine

/// The `training:` section: the loss, the rates, the optimizer and its settings, the
/// batches, and how long to train.
extension RunFileReader {
    struct Training {
        var loss: Loss
        var learningRate: Double
        var biasLearningRate: Double
        var trainBiases: Bool
        var optimizer: Optimizer
        var batchSize: Int
        var shuffle: Bool
        var weightDecay: Double
        var iterations: Int
    }

    static let trainingKeys = ["loss", "learningRate", "biasLearningRate", "trainBiases", "optimizer", "batchSize",
                               "shuffle", "weightDecay", "iterations", "epochs"]

    func readTraining(_ node: RunFileNode?, network: Network, exampleCount: Int) throws -> Training {
        let f = try node?.mapping(allowed: RunFileReader.trainingKeys) ?? [:]
        let loss = try f["loss"]?.choice(of: Loss.self) ?? (network.output == .softmax ? .crossEntropy : .mse)
        if !loss.accepts(output: network.output) {
            let target = f["loss"] ?? RunFileNode(node: "", path: "training.loss", file: file, budget: VisitBudget(limit: 1))
            throw target.error("crossEntropy needs a sigmoid or softmax output (network.output is \(network.output.rawValue)); use mse")
        }
        let rate = try f["learningRate"]?.number(in: Double.leastNonzeroMagnitude...1e6,
                                                  allowed: "a number above 0 and at most 1000000 (e.g. 0.5)") ?? 0.5
        let biasRate = try f["biasLearningRate"]?.number(in: 0...1e6, allowed: "a number from 0 to 1000000") ?? rate
        let trainBiases = try f["trainBiases"]?.boolean() ?? true
        let optimizer = try f["optimizer"].map(readOptimizer) ?? .sgd
        let batchSize = try f["batchSize"]?.integer(
            in: 1...exampleCount,
            allowed: "a whole number of examples from 1 to \(exampleCount) (the number of examples in data)") ?? 1
        let shuffle = try f["shuffle"]?.boolean() ?? false
        let weightDecay = try f["weightDecay"]?.number(in: 0...1e6, allowed: "a number from 0 to 1000000 (e.g. 0.0001)") ?? 0
        var iterations = (exampleCount + batchSize - 1) / batchSize
        if f["iterations"] != nil, let ep = f["epochs"] {
            throw ep.error("give either iterations or epochs, not both")
        }
        if let it = f["iterations"] {
            iterations = try it.integer(in: 1...limits.maxIterations,
                                        allowed: "a whole number of steps from 1 to \(limits.maxIterations) (raise the limit with --allow-large)")
        }
        if let ep = f["epochs"] {
            let epochs = try ep.integer(in: 1...Int.max, allowed: "a whole number of passes over the data, at least 1")
            // ceil(E · n / B) updates, counted without overflow.
            let (examples, overflow) = epochs.multipliedReportingOverflow(by: exampleCount)
            let steps = overflow ? Int.max : examples / batchSize + (examples % batchSize == 0 ? 0 : 1)
            guard !overflow, steps <= limits.maxIterations else {
                // One example per step: the words NetFrames has always used.
                let count = batchSize == 1 ? "\(epochs) × \(exampleCount) steps"
                    : "\(epochs) × \(exampleCount) examples in batches of \(batchSize) = "
                        + "\(overflow ? "too many" : String(steps)) steps"
                throw ep.error("makes \(count); the limit is \(limits.maxIterations) (raise it with --allow-large)")
            }
            iterations = steps
        }
        return Training(loss: loss, learningRate: rate, biasLearningRate: biasRate, trainBiases: trainBiases,
                        optimizer: optimizer, batchSize: batchSize, shuffle: shuffle, weightDecay: weightDecay,
                        iterations: iterations)
    }

    /// The settings each optimizer takes, besides `kind`.
    static let optimizerKeys: [(kind: Optimizer.Kind, keys: [String])] = [
        (.sgd, []),
        (.momentum, ["momentum", "nesterov"]),
        (.rmsprop, ["alpha", "epsilon"]),
        (.adam, ["beta1", "beta2", "epsilon", "decoupled"]),
    ]

    /// `optimizer: adam`, or a mapping such as `{kind: adam, beta1: 0.9, decoupled: true}`.
    func readOptimizer(_ node: RunFileNode) throws -> Optimizer {
        if case .scalar = node.node {
            return Optimizer.defaults(try node.choice(of: Optimizer.Kind.self))
        }
        let allKeys = ["kind"] + RunFileReader.optimizerKeys.flatMap(\.keys).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        let f = try node.mapping(allowed: allKeys)
        guard let kindNode = f["kind"] else {
            throw node.error("needs `kind`: one of \(Optimizer.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let kind = try kindNode.choice(of: Optimizer.Kind.self)
        let own = RunFileReader.optimizerKeys.first { $0.kind == kind }!.keys
        for (key, value) in f.sorted(by: { ($0.value.line ?? 0, $0.key) < ($1.value.line ?? 0, $1.key) })
            where key != "kind" && !own.contains(key) {
            let owners = RunFileReader.optimizerKeys.filter { $0.keys.contains(key) }.map(\.kind)
            let settings = own.isEmpty ? "it takes no settings" : "its settings are \(own.joined(separator: ", "))"
            // "an adam", "an rmsprop" and "an sgd" (said letter by letter), but "a momentum".
            let article = owners.first == .momentum ? "a" : "an"
            throw value.error("\(key) is \(article) \(owners.map(\.rawValue).joined(separator: " and ")) setting; "
                + "this optimizer is \(kind.rawValue) (\(settings))")
        }
        func fraction(_ key: String, _ fallback: Double) throws -> Double {
            try f[key]?.number(in: 0...Double(1).nextDown, allowed: "a number from 0 up to but not including 1 (e.g. 0.9)")
                ?? fallback
        }
        func epsilon(_ fallback: Double) throws -> Double {
            try f["epsilon"]?.number(in: Double.leastNonzeroMagnitude...1, allowed: "a number above 0 and at most 1 (e.g. 1.0e-8)")
                ?? fallback
        }
        switch kind {
        case .sgd:
            return .sgd
        case .momentum:
            return .momentum(momentum: try fraction("momentum", 0.9), nesterov: try f["nesterov"]?.boolean() ?? false)
        case .rmsprop:
            return .rmsprop(alpha: try fraction("alpha", 0.99), epsilon: try epsilon(1e-8))
        case .adam:
            return .adam(beta1: try fraction("beta1", 0.9), beta2: try fraction("beta2", 0.999), epsilon: try epsilon(1e-8),
                         decoupled: try f["decoupled"]?.boolean() ?? false)
        }
    }
}
