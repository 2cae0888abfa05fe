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

    /// A policy keeping every `every`-th iteration and the first `first`.
    ///
    /// - Precondition: `every` is 1 or more and `first` is 0 or more.
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

    /// How many of `total` iterations are kept.
    public func keptCount(total: Int) -> Int {
        guard total > 0 else { return 0 }
        let first = min(self.first, total)
        var count = first
        let remainder = first % every
        let start = remainder == 0 ? first : first + (every - remainder)
        if start < total { count += (total - 1 - start) / every + 1 }
        let last = total - 1
        if last >= first && last % every != 0 { count += 1 }
        return count
    }
}
