/// One point of a training curve: the mean loss over the data (and the share of examples
/// classified right) under the parameters left by step `iteration`'s update.
public struct CurvePoint: Sendable, Hashable {
    /// The step after whose update the data was evaluated (0-based).
    public var iteration: Int
    /// The mean loss over every example of the data.
    public var loss: Double
    /// The share of examples classified right, in [0, 1]; `nil` for outputs that predict
    /// quantities (linear, say), not classes.
    public var accuracy: Double?

    /// A point of a training curve.
    public init(iteration: Int, loss: Double, accuracy: Double?) {
        self.iteration = iteration
        self.loss = loss
        self.accuracy = accuracy
    }
}

/// The iterations a training curve is measured at, whatever is recorded or drawn: every
/// iteration of a run of up to 1,999 steps; beyond, every `stride`-th (`stride` =
/// ⌊total / 1000⌋) and the last, so at least 1,000 and at most 2,000 points.
public struct CurveSchedule: Sendable, Hashable {
    /// Steps in the run.
    public let total: Int
    /// Steps between two points (the last point may be nearer its neighbour).
    public let stride: Int
    /// A run of at least this many steps is measured at at least this many points.
    public static let minimumPoints = 1000

    /// The schedule of a run of `total` steps.
    public init(total: Int) {
        self.total = max(0, total)
        stride = max(1, self.total / CurveSchedule.minimumPoints)
    }

    /// The number of points: `min(total, …)`, exactly as many as `iterations` lists.
    public var count: Int {
        guard total > 0 else { return 0 }
        let last = total - 1
        return last / stride + 1 + (last % stride == 0 ? 0 : 1)
    }

    /// The iteration of point `index` (`0 ..< count`).
    public func iteration(at index: Int) -> Int { min(index * stride, total - 1) }

    /// Every point's iteration, in order.
    public var iterations: [Int] { (0..<count).map(iteration(at:)) }
}

/// A run's training curve: its points so far, in iteration order.
public struct TrainingCurve: Sendable, Hashable {
    /// The points measured so far.
    public internal(set) var points: [CurvePoint] = []
    /// The iterations the curve is measured at.
    public let schedule: CurveSchedule

    /// An empty curve for a run of `total` steps.
    public init(total: Int) {
        schedule = CurveSchedule(total: total)
        points.reserveCapacity(schedule.count)
    }

    /// Whether every point of the schedule has been measured (the run trained to its end).
    public var isComplete: Bool { points.count == schedule.count }

    /// The curve as CSV: the header `iteration,loss,accuracy`, then one row per point,
    /// numbers written as Swift prints a `Double` (shortest exact form), the accuracy
    /// left empty for outputs that predict quantities.
    public var csv: String {
        var text = "iteration,loss,accuracy\n"
        text.reserveCapacity(points.count * 40)
        for p in points {
            text += "\(p.iteration),\(p.loss),\(p.accuracy.map { "\($0)" } ?? "")\n"
        }
        return text
    }
}
