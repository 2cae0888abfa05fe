/// Walks the iterations a `SamplingPolicy` keeps, in order, for the trainer's loop:
/// an `every` schedule by counting (no division per step), a log schedule by looking
/// up its next step only when one is reached, so each step costs amortised O(1).
public struct SamplingCursor: Sendable {
    @usableFromInline let first: Int
    @usableFromInline let last: Int
    /// The schedule's next kept iteration, at or after the one about to be asked about.
    @usableFromInline var next: Int
    /// N of an `every` schedule; 0 for a log schedule.
    @usableFromInline let stride: Int
    @usableFromInline let schedule: SamplingSchedule
    @usableFromInline let total: Int

    /// A cursor for a run of `total` iterations, about to ask about `iteration`.
    public init(_ policy: SamplingPolicy, from iteration: Int, total: Int) {
        first = policy.first
        last = total - 1
        self.total = total
        schedule = policy.schedule
        switch policy.schedule {
        case .every(let n):
            stride = n
            let remainder = iteration % n
            next = remainder == 0 ? iteration : iteration &+ (n - remainder)
        case .log:
            stride = 0
            next = policy.schedule.keeps(iteration, length: total) ? iteration
                : policy.schedule.next(after: iteration, length: total)
        }
    }

    /// Whether `iteration` is kept; ask about each iteration once, in order.
    @inlinable
    public mutating func keeps(_ iteration: Int) -> Bool {
        let kept = iteration < first || iteration == next || iteration == last
        if iteration == next { next = stride > 0 ? next &+ stride : schedule.next(after: iteration, length: total) }
        return kept
    }
}
