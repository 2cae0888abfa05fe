/// The sizes NetFrames accepts from a run file, so that a typo cannot ask for more
/// than the machine has.
public struct Limits: Sendable, Hashable {
    /// Neurons in one layer.
    public var maxLayerSize = 4096
    /// Layers, input and output included.
    public var maxLayers = 64
    /// Weights in the whole network.
    public var maxWeights = 4_000_000
    /// Training steps in one run.
    public var maxIterations = 100_000_000
    /// Examples in the data.
    public var maxExamples = 10_000_000
    /// Runs one file's `sweep:` may describe (the product of its lists' lengths).
    public var maxSweepRuns = 1000

    /// The default limits, which a run file cannot exceed without `--allow-large`.
    public init() {}

    /// Limits that accept anything the engine can represent.
    public static let unlimited: Limits = {
        var l = Limits()
        l.maxLayerSize = Int.max / 4
        l.maxLayers = Int.max / 4
        l.maxWeights = Int.max / 4
        l.maxIterations = Int.max / 4
        l.maxExamples = Int.max / 4
        l.maxSweepRuns = Int.max / 4
        return l
    }()
}
