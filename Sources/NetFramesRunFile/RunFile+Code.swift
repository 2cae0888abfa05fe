import Foundation
import NetFramesEngine
import Yams
import NetFramesRun

extension RunFile {
    /// The network of a run built in code: the `network:` section of a run file.
    ///
    /// Every property means what the run-file key of the same name means (see
    /// docs/run-file.md); `initScheme` is the key `init`.
    public struct Network: Sendable, Hashable {
        /// Neurons per layer, input first, e.g. `[2, 2, 1]`.
        public var layers: [Int]
        /// The activation of every hidden layer: sigmoid, tanh or relu.
        public var hidden: Activation
        /// The activation of the output layer: sigmoid, softmax or linear.
        public var output: Activation
        /// The seed of the random initial values; `nil` means 1, as in a run file.
        public var seed: UInt64?
        /// How random initial values are drawn.
        public var initScheme: InitScheme
        /// Initial weights as `weights[l][to][from]`, `l` counting weight matrices from 0;
        /// `nil` draws them at random.
        public var weights: [[[Double]]]?
        /// Initial biases as `biases[l][neuron]` for layers 1 and up; `nil` draws them at
        /// random, or starts them at 0 when `weights` are given and `seed` is not.
        public var biases: [[Double]]?

        /// A network description; only `layers` is required.
        public init(layers: [Int], hidden: Activation = .sigmoid, output: Activation = .sigmoid,
                    seed: UInt64? = nil, initScheme: InitScheme = .uniform,
                    weights: [[[Double]]]? = nil, biases: [[Double]]? = nil) {
            self.layers = layers
            self.hidden = hidden
            self.output = output
            self.seed = seed
            self.initScheme = initScheme
            self.weights = weights
            self.biases = biases
        }
    }

    /// The training rules of a run built in code: the `training:` section of a run file.
    public struct Training: Sendable, Hashable {
        /// The cost; `nil` picks crossEntropy for a softmax output and mse otherwise.
        public var loss: Loss?
        /// The step size η for the weights.
        public var learningRate: Double
        /// The step size for the biases; `nil` uses `learningRate`.
        public var biasLearningRate: Double?
        /// Whether biases are trained at all.
        public var trainBiases: Bool
        /// The rule that turns gradients into new parameters.
        public var optimizer: Optimizer
        /// Examples per step, from 1 to the number of examples.
        public var batchSize: Int
        /// Whether examples are put in a new seeded order (by `network.seed`) at each pass.
        public var shuffle: Bool
        /// λ: L2 weight decay, or AdamW's decoupled decay.
        public var weightDecay: Double
        /// Number of updates; `nil` (with `epochs` also `nil`) makes one pass over the data.
        public var iterations: Int?
        /// Passes over the data, instead of `iterations`: ⌈epochs · examples / batchSize⌉ updates.
        public var epochs: Int?

        /// Training rules; every value has the run file's default.
        public init(loss: Loss? = nil, learningRate: Double = 0.5, biasLearningRate: Double? = nil,
                    trainBiases: Bool = true, optimizer: Optimizer = .sgd, batchSize: Int = 1, shuffle: Bool = false,
                    weightDecay: Double = 0, iterations: Int? = nil, epochs: Int? = nil) {
            self.loss = loss
            self.learningRate = learningRate
            self.biasLearningRate = biasLearningRate
            self.trainBiases = trainBiases
            self.optimizer = optimizer
            self.batchSize = batchSize
            self.shuffle = shuffle
            self.weightDecay = weightDecay
            self.iterations = iterations
            self.epochs = epochs
        }
    }

    /// The examples of a run built in code: the `data:` section of a run file.
    public enum TrainingData: Sendable, Hashable {
        /// Examples given one by one.
        case examples([Example])
        /// A built-in set; `samples`, `seed` and `noise` apply to circle, gaussians, spiral and blobs.
        case builtin(BuiltinDataset, samples: Int? = nil, seed: UInt64? = nil, noise: Double? = nil)
        /// A CSV file of inputs then targets per row, relative to the current directory.
        case csv(path: String)
    }

    /// A run built in code, checked exactly as a run file with the same values would be.
    ///
    /// ```swift
    /// let run = try RunFile(name: "xor",
    ///                       network: .init(layers: [2, 2, 1], seed: 3),
    ///                       training: .init(loss: .mse, learningRate: 2, iterations: 4000),
    ///                       data: .builtin(.xor))
    /// ```
    ///
    /// - Parameters:
    ///   - name: the run's name, shown in frames and used as its output folder's name.
    ///   - sampling: which steps are recorded (every step by default).
    ///   - style: how frames look (the `render:` section).
    ///   - animation: how the run becomes an animation (the `animation:` section).
    ///   - limits: the largest sizes accepted; `.unlimited` is the command's `--allow-large`.
    /// - Throws: `RunFileError` naming the run, the run-file field (e.g. `training.learningRate`)
    ///   and what is allowed, such as `run "xor": network.layers: needs at least 2 layers …`.
    public init(name: String, network: Network, training: Training = Training(), data: TrainingData,
                sampling: SamplingPolicy = .all, style: DiagramStyle = DiagramStyle(),
                animation: AnimationSettings = AnimationSettings(), limits: Limits = Limits()) throws {
        let tree = RunTree.document(name: name, network: network, training: training, data: data, sampling: sampling)
        let label = "run \"\(name)\""
        let top = RunFileNode(node: tree, path: "", file: label, budget: VisitBudget(limit: RunFile.visitLimit))
        var reader = RunFileReader(file: label, directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                   limits: limits)
        self = try reader.read(top)
        render = style
        self.animation = animation
    }
}

/// Run-file trees made from values given in code, so that code and files share one
/// reader: the same defaults, the same checks, the same messages.
private enum RunTree {
    static func document(name: String, network: RunFile.Network, training: RunFile.Training,
                         data: RunFile.TrainingData, sampling: SamplingPolicy) -> Node {
        map([("name", text(name)),
             ("network", self.network(network)),
             ("training", self.training(training)),
             ("sampling", self.sampling(sampling)),
             ("data", self.data(data))])
    }

    /// `{every, first}`, or `{schedule: log, frames, first}`.
    static func sampling(_ s: SamplingPolicy) -> Node {
        switch s.schedule {
        case .every(let n): return map([("every", integer(n)), ("first", integer(s.first))])
        case .log(let frames):
            return map([("schedule", plain("log")), ("frames", integer(frames)), ("first", integer(s.first))])
        }
    }

    static func network(_ n: RunFile.Network) -> Node {
        map([("layers", list(n.layers.map(integer))),
             ("hidden", plain(n.hidden.rawValue)),
             ("output", plain(n.output.rawValue)),
             ("init", plain(n.initScheme.rawValue)),
             ("seed", n.seed.map { plain(String($0)) }),
             ("weights", n.weights.map { list($0.map { list($0.map(numbers)) }) }),
             ("biases", n.biases.map { list($0.map(numbers)) })])
    }

    static func training(_ t: RunFile.Training) -> Node {
        map([("loss", t.loss.map { plain($0.rawValue) }),
             ("learningRate", number(t.learningRate)),
             ("biasLearningRate", t.biasLearningRate.map(number)),
             ("trainBiases", plain(t.trainBiases ? "true" : "false")),
             ("optimizer", optimizer(t.optimizer)),
             ("batchSize", integer(t.batchSize)),
             ("shuffle", plain(t.shuffle ? "true" : "false")),
             ("weightDecay", number(t.weightDecay)),
             ("iterations", t.iterations.map(integer)),
             ("epochs", t.epochs.map(integer))])
    }

    /// `sgd`, or a mapping with the kind and every setting.
    static func optimizer(_ o: Optimizer) -> Node {
        func flag(_ b: Bool) -> Node { plain(b ? "true" : "false") }
        switch o {
        case .sgd:
            return plain("sgd")
        case let .momentum(mu, nesterov):
            return map([("kind", plain("momentum")), ("momentum", number(mu)), ("nesterov", flag(nesterov))])
        case let .rmsprop(alpha, epsilon):
            return map([("kind", plain("rmsprop")), ("alpha", number(alpha)), ("epsilon", number(epsilon))])
        case let .adam(beta1, beta2, epsilon, decoupled):
            return map([("kind", plain("adam")), ("beta1", number(beta1)), ("beta2", number(beta2)),
                        ("epsilon", number(epsilon)), ("decoupled", flag(decoupled))])
        }
    }

    static func data(_ d: RunFile.TrainingData) -> Node {
        switch d {
        case .examples(let examples):
            return list(examples.map { map([("input", numbers($0.input)), ("target", numbers($0.target))]) })
        case let .builtin(set, samples, seed, noise):
            return map([("builtin", plain(set.rawValue)), ("samples", samples.map(integer)),
                        ("seed", seed.map { plain(String($0)) }), ("noise", noise.map(number))])
        case .csv(let path):
            return map([("csv", text(path))])
        }
    }

    /// A mapping of the pairs whose value is given, in order.
    static func map(_ pairs: [(String, Node?)]) -> Node {
        Node(pairs.compactMap { key, value in value.map { (plain(key), $0) } })
    }

    static func list(_ nodes: [Node]) -> Node { Node(nodes) }
    /// A scalar as YAML would read it unquoted: a number, a name, true or false.
    static func plain(_ string: String) -> Node { Node(string) }
    /// Text that stays text whatever it says ("null", "true", "12").
    static func text(_ string: String) -> Node { Node(string, .implicit, .doubleQuoted) }
    static func integer(_ value: Int) -> Node { plain(String(value)) }
    /// A number written so it reads back exactly (Swift prints the shortest round-trip form);
    /// NaN and infinities come out as `nan` and `inf`, which the reader refuses by name.
    static func number(_ value: Double) -> Node { plain(String(describing: value)) }
    static func numbers(_ values: [Double]) -> Node { list(values.map(number)) }
}
