import NetFramesEngine

/// The schedules a run file names: `schedule: every` (with `every: N`) or `schedule: log`
/// (with `frames: N`).
enum ScheduleKind: String, CaseIterable {
    case every
    case log
}

extension RunFileReader {
    /// Reads the schedule of a `sampling:` section or a chapter from its keys `schedule`,
    /// `every` and `frames`; `nil` when none is given.
    ///
    /// `every: N` alone is today's schedule; `schedule: log` needs `frames` (2 or more)
    /// and takes no `every`; `frames` goes with `schedule: log` only.
    func readSchedule(_ f: [String: RunFileNode], in node: RunFileNode) throws -> SamplingSchedule? {
        let kind = try f["schedule"]?.choice(of: ScheduleKind.self)
        let every = try f["every"]?.integer(in: 1...Int.max, allowed: "a whole number of steps, at least 1")
        switch kind {
        case .log:
            if let n = f["every"] {
                throw n.error("goes with schedule: every; schedule: log spaces its steps by `frames`")
            }
            guard let n = f["frames"] else {
                throw node.error("schedule: log needs `frames`, the number of steps it shows (2 or more)")
            }
            return .log(frames: try n.integer(in: 2...Int.max,
                                              allowed: "a whole number of frames, at least 2 (the first and last step)"))
        case .every, nil:
            if let n = f["frames"] {
                throw n.error("goes with schedule: log only; give `schedule: log` or use `every`")
            }
            if kind == .every || every != nil { return .every(every ?? 1) }
            return nil
        }
    }
}
