/// The sizes NetFrames accepts from a run file and the command line, so that a typo
/// cannot ask for more than the machine has. `--allow-large` lifts them
/// (`Limits.unlimited`); what a computer cannot count or cairo cannot draw stays refused.
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
    /// Frames one render writes: stills, or the frames of an animation.
    public var maxFrames = 1_000_000
    /// Snapshots one trace records.
    public var maxSnapshots = 10_000_000
    /// Pixels in one frame (width × height × scale²): about an 8K frame.
    public var maxPixels = 40_000_000
    /// The longest side of the canvas, in scene units.
    public var maxCanvasSide = 16384

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
        l.maxFrames = Int.max
        l.maxSnapshots = Int.max
        l.maxPixels = Int.max
        l.maxCanvasSide = RenderLimits.largestSide
        return l
    }()

    /// The canvas sides accepted, in scene units.
    public var canvas: ClosedRange<Int> { RenderLimits.smallestSide...maxCanvasSide }

    /// The canvas range said the way a message needs it.
    public var canvasText: String { "a whole number of pixels from \(RenderLimits.smallestSide) to \(maxCanvasSide)" }
}

/// A render or a trace that would be larger than a limit allows: which limit, the value
/// asked for, what makes it, and how to go ahead.
public struct LimitError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The run file (or `"the command line"`).
    public var file: String
    /// The field or option most to blame, e.g. `training.iterations` or `--scale`.
    public var field: String
    /// What grows too large, e.g. "frames" or "pixels per frame".
    public var quantity: String
    /// The amount asked for; `nil` when it is beyond counting.
    public var value: Int?
    /// The most that is allowed.
    public var limit: Int
    /// How the amount comes about, e.g. "100000000 recorded steps × 6 moments each".
    public var reason: String
    /// Whether `--allow-large` would let it through.
    public var liftable: Bool

    /// A limit of `limit` `quantity` exceeded with `value`, because of `reason`.
    public init(file: String, field: String, quantity: String, value: Int?, limit: Int, reason: String,
                liftable: Bool = true) {
        self.file = file
        self.field = field
        self.quantity = quantity
        self.value = value
        self.limit = limit
        self.reason = reason
        self.liftable = liftable
    }

    /// One line: the file, the field, the amount and what makes it, the limit, and what to do.
    public var description: String {
        guard let value else {
            return "\(file): \(field): makes more \(quantity) than a computer can count (\(reason)); ask for fewer"
        }
        return "\(file): \(field): makes \(value) \(quantity) (\(reason)); the limit is \(limit) \(quantity)"
            + (liftable ? "; ask for less, or add --allow-large to lift the limit" : " and cannot be lifted")
    }
}
