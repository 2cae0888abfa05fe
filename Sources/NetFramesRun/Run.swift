import NetFramesEngine

/// A run, read from a run file or built in code and checked: everything needed to
/// train it and to record or draw it, with every default filled in.
///
/// `Run.load(path:)` reads a YAML or JSON file; `Run(name:network:training:data:…)`
/// builds the same from values. `train(_:)` trains it and streams its snapshots.
public struct Run: Sendable {
    /// The run's name; also the name of its output folder.
    public var name: String
    /// The network's shape and activations, the loss and the learning rates.
    public var setup: TrainingSetup
    /// The weights and biases training starts from.
    public var initialParameters: Parameters
    /// Where the initial parameters came from.
    public var initialization: Initialization
    /// Number of SGD steps.
    public var iterations: Int
    /// Which steps are recorded.
    public var sampling: SamplingPolicy
    /// The examples, in the order training takes them.
    public var dataset: Dataset
    /// Where the examples came from.
    public var dataSource: DataSource
    /// How frames look (the `render:` section, defaults where it is silent).
    public var render: DiagramStyle
    /// The output format the run file asks for, if any.
    public var renderFormat: OutputFormat?
    /// How the run becomes an animation (the `animation:` section).
    public var animation: AnimationSettings
    /// The video quality preset the run file asks for, if any.
    public var videoQuality: VideoQuality?
    /// The size and frame-rate settings the run file gave itself, which outrank a quality preset.
    public var explicitSettings: ExplicitSettings = []
    /// The run file as the user named it, for messages about the run (empty when built in code).
    public var file = ""
    /// When set, training goes on through divergence, writing the first one here, so
    /// frames show the NaN and ∞; when `nil`, training stops at it.
    public var divergenceLog: DivergenceLog?

    /// A run from values already checked; nothing is validated here (see `init(name:network:training:data:sampling:style:animation:limits:)` for a checked run).
    public init(name: String, setup: TrainingSetup, initialParameters: Parameters, initialization: Initialization,
                iterations: Int, sampling: SamplingPolicy, dataset: Dataset, dataSource: DataSource,
                render: DiagramStyle = DiagramStyle(), renderFormat: OutputFormat? = nil,
                animation: AnimationSettings = AnimationSettings(), videoQuality: VideoQuality? = nil) {
        self.name = name
        self.setup = setup
        self.initialParameters = initialParameters
        self.initialization = initialization
        self.iterations = iterations
        self.sampling = sampling
        self.dataset = dataset
        self.dataSource = dataSource
        self.render = render
        self.renderFormat = renderFormat
        self.animation = animation
        self.videoQuality = videoQuality
    }

    /// A trainer at the run's starting point.
    public func makeTrainer() -> Trainer {
        var trainer = Trainer(setup: setup, parameters: initialParameters, dataset: dataset)
        trainer.divergenceLog = divergenceLog
        return trainer
    }
}

/// How a run's initial weights and biases were chosen.
public struct Initialization: Sendable, Hashable {
    /// The seed of whatever was drawn at random (`nil` when everything was given).
    public var seed: UInt64?
    /// How random values were drawn.
    public var scheme: InitScheme
    /// Whether the run file gave the weights.
    public var explicitWeights: Bool
    /// Whether the run file gave the biases.
    public var explicitBiases: Bool

    /// A record of how the initial values were chosen.
    public init(seed: UInt64?, scheme: InitScheme, explicitWeights: Bool, explicitBiases: Bool) {
        self.seed = seed
        self.scheme = scheme
        self.explicitWeights = explicitWeights
        self.explicitBiases = explicitBiases
    }
}

/// Where a run's examples came from.
public enum DataSource: Sendable, Hashable {
    /// Listed in the run file.
    case inline
    /// A CSV file, as named in the run file (relative to it).
    case csv(path: String)
    /// A built-in set.
    case builtin(BuiltinDataset, samples: Int, seed: UInt64, noise: Double)
}
