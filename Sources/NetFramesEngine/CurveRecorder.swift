/// A snapshot sink that also takes a run's training curve, point by point.
public protocol CurveSink: SnapshotSink {
    /// Takes the curve's next point. A point measured at a recorded step arrives just
    /// before that step's update snapshot; throwing stops training.
    mutating func receive(_ point: CurvePoint) throws
}

/// Trains a run while measuring its training curve beside the snapshot stream: the
/// mean loss (and accuracy) over the data at the iterations of a `CurveSchedule`,
/// whatever the sampling policy records.
///
/// It trains in stretches that end at the curve's iterations, so it can measure there
/// between steps; the trainer's own sampling decides exactly as in one stretch, and
/// measuring only reads the parameters, so training and the snapshots are unchanged.
/// A point at a recorded step is measured from the step's update snapshot and handed
/// to the sink before it, so the frame of that update shows its own point.
public struct CurveRecorder {
    /// The curve measured so far.
    public private(set) var curve: TrainingCurve
    private var evaluator: CurveEvaluator
    /// The index in the schedule of the next point to measure.
    private var nextIndex = 0

    /// A recorder for a run of `total` steps of `setup`'s network over `dataset`.
    public init(setup: TrainingSetup, dataset: Dataset, total: Int) {
        curve = TrainingCurve(total: total)
        evaluator = CurveEvaluator(setup: setup, dataset: dataset)
    }

    /// The iteration of the next point to measure; `Int.max` once all are.
    var pendingIteration: Int {
        nextIndex < curve.schedule.count ? curve.schedule.iteration(at: nextIndex) : Int.max
    }

    /// Trains `iterations` steps of `trainer` (a run ending before `runEnd`), handing the
    /// snapshots `sampling` keeps and the curve's points to `sink`, as
    /// `Trainer.train(iterations:sampling:runEnd:into:)` does; stops early once the sink
    /// is satisfied.
    ///
    /// - Throws: what the trainer and the sink throw.
    public mutating func train<Sink: CurveSink>(_ trainer: inout Trainer, iterations: Int, sampling: SamplingPolicy,
                                                runEnd: Int, into sink: inout Sink) throws {
        let end = trainer.iteration + iterations
        try withUnsafeMutablePointer(to: &self) { recorder in
            try withUnsafeMutablePointer(to: &sink) { sink in
                var tap = CurveTap(sink: sink, recorder: recorder)
                while trainer.iteration < end {
                    let pending = recorder.pointee.pendingIteration
                    let stop = pending < end ? pending + 1 : end
                    try trainer.train(iterations: stop - trainer.iteration, sampling: sampling, runEnd: runEnd,
                                      into: &tap)
                    if trainer.iteration == pending + 1 && recorder.pointee.pendingIteration == pending {
                        // Not recorded: measured from the trainer, between steps.
                        let point = recorder.pointee.evaluator.point(iteration: pending) { w, b in
                            trainer.copyParameters(weights: w, biases: b)
                        }
                        try recorder.pointee.add(point, to: sink)
                    }
                    if sink.pointee.isSatisfied { break }
                }
            }
        }
    }

    /// Measures the point of an update snapshot at the pending iteration.
    mutating func measure(_ snapshot: Snapshot) -> CurvePoint {
        let shape = snapshot.shape
        return evaluator.point(iteration: snapshot.iteration) { w, b in
            for l in 1..<shape.layerCount {
                let weights = snapshot.weights(into: l), biases = snapshot.biases(of: l)
                let wo = shape.weightOffsets[l - 1], bo = shape.biasOffsets[l - 1]
                for (i, v) in weights.enumerated() { w[wo + i] = v }
                for (i, v) in biases.enumerated() { b[bo + i] = v }
            }
        }
    }

    /// Keeps `point` and hands it to `sink`.
    mutating func add<Sink: CurveSink>(_ point: CurvePoint, to sink: UnsafeMutablePointer<Sink>) throws {
        curve.points.append(point)
        nextIndex += 1
        try sink.pointee.receive(point)
    }
}

/// Passes the trainer's snapshots on to a curve sink, measuring the curve's pending
/// point at its update snapshot first when that step is recorded.
struct CurveTap<Inner: CurveSink>: SnapshotSink {
    let sink: UnsafeMutablePointer<Inner>
    let recorder: UnsafeMutablePointer<CurveRecorder>

    mutating func receive(_ snapshot: Snapshot) throws {
        if snapshot.phase == .update && snapshot.iteration == recorder.pointee.pendingIteration {
            let point = recorder.pointee.measure(snapshot)
            try recorder.pointee.add(point, to: sink)
        }
        try sink.pointee.receive(snapshot)
    }

    var isSatisfied: Bool { sink.pointee.isSatisfied }
}
