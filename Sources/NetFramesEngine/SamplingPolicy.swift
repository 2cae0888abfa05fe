/// Which iterations of a run are recorded.
///
/// An iteration is kept when it is one of the first `first`, when its index is a
/// multiple of `every`, or when it is the run's last. Iterations not kept are still
/// trained, identically; they just produce no snapshots.
public struct SamplingPolicy: Sendable, Hashable, Codable {
    /// Keep every N-th iteration (1 keeps all).
    public var every: Int
    /// Always keep the first K iterations.
    public var first: Int

    public init(every: Int = 1, first: Int = 0) {
        precondition(every >= 1 && first >= 0)
        self.every = every
        self.first = first
    }

    /// Keeps every iteration.
    public static let all = SamplingPolicy()

    /// Whether iteration `iteration` of a run of `total` iterations is recorded.
    @inlinable
    public func keeps(iteration: Int, total: Int) -> Bool {
        iteration < first || iteration % every == 0 || iteration == total - 1
    }
}
