/// Which iterations of a run are recorded.
///
/// An iteration is kept when it is one of the first `first`, when the schedule keeps it
/// (every N-th, or a log schedule's geometrically spaced steps over the whole run), or
/// when it is the run's last. Iterations not kept are still trained, identically; they
/// just produce no snapshots.
public struct SamplingPolicy: Sendable, Hashable {
    /// How the kept iterations are spread over the run.
    public var schedule: SamplingSchedule
    /// Always keep the first K iterations.
    public var first: Int

    /// A policy keeping every `every`-th iteration and the first `first`.
    ///
    /// - Precondition: `every` is 1 or more and `first` is 0 or more.
    public init(every: Int = 1, first: Int = 0) {
        precondition(every >= 1 && first >= 0)
        schedule = .every(every)
        self.first = first
    }

    /// A policy keeping the steps `schedule` picks and the first `first`.
    ///
    /// - Precondition: an `every` schedule's N is 1 or more, a log schedule's frames 2 or
    ///   more, and `first` is 0 or more.
    public init(schedule: SamplingSchedule, first: Int = 0) {
        switch schedule {
        case .every(let n): precondition(n >= 1)
        case .log(let frames): precondition(frames >= 2)
        }
        precondition(first >= 0)
        self.schedule = schedule
        self.first = first
    }

    /// A time-lapse: about `frames` iterations spaced geometrically over the run (see
    /// `SamplingSchedule.log`).
    public static func log(frames: Int) -> SamplingPolicy { SamplingPolicy(schedule: .log(frames: frames)) }

    /// Keeps every iteration.
    public static let all = SamplingPolicy()

    /// The N of an `every` schedule (1 for a log schedule, which has no one spacing);
    /// setting it makes the schedule `every(N)`.
    public var every: Int {
        get { schedule.spacing ?? 1 }
        set { schedule = .every(newValue) }
    }

    /// Whether iteration `iteration` of a run of `total` iterations is recorded. O(1).
    @inlinable
    public func keeps(iteration: Int, total: Int) -> Bool {
        iteration < first || iteration == total - 1 || schedule.keeps(iteration, length: total)
    }

    /// The first iteration after `iteration` that is recorded in a run of `total`;
    /// `Int.max` when none is.
    public func next(after iteration: Int, total: Int) -> Int {
        if iteration + 1 < first { return iteration + 1 }
        let next = min(schedule.next(after: iteration, length: total), total - 1)
        return next > iteration ? next : Int.max
    }

    /// How many of `total` iterations are kept.
    public func keptCount(total: Int) -> Int {
        guard total > 0 else { return 0 }
        let first = min(self.first, total)
        var count = first
        let last = total - 1
        switch schedule {
        case .every(let every):
            let remainder = first % every
            let start = remainder == 0 ? first : first + (every - remainder)
            if start < total { count += (total - 1 - start) / every + 1 }
            if last >= first && last % every != 0 { count += 1 }
        case .log(let frames):
            // The geometric steps at or after the first few; the last is one of them.
            count += LogSpacing(length: total, frames: frames).members.count { $0 >= first }
        }
        return count
    }
}

extension SamplingPolicy: Codable {
    private enum CodingKeys: String, CodingKey { case every, first, schedule, frames }

    /// Reads `{every, first}` or `{schedule: "log", frames, first}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        first = try c.decodeIfPresent(Int.self, forKey: .first) ?? 0
        if try c.decodeIfPresent(String.self, forKey: .schedule) == "log" {
            schedule = .log(frames: try c.decode(Int.self, forKey: .frames))
        } else {
            schedule = .every(try c.decodeIfPresent(Int.self, forKey: .every) ?? 1)
        }
    }

    /// Writes `{every, first}`, or `{schedule: "log", frames, first}` for a log schedule.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch schedule {
        case .every(let n): try c.encode(n, forKey: .every)
        case .log(let frames):
            try c.encode("log", forKey: .schedule)
            try c.encode(frames, forKey: .frames)
        }
        try c.encode(first, forKey: .first)
    }
}
