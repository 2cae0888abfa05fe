import NetFramesEngine

/// Runs one step of `setup` from `parameters` on `example` and returns every snapshot.
func snapshotsOfOneStep(_ setup: TrainingSetup, _ parameters: Parameters, _ example: Example) throws -> [Snapshot] {
    var trainer = Trainer(setup: setup, parameters: parameters, dataset: Dataset(examples: [example]))
    var sink = CollectingSink()
    try trainer.train(iterations: 1, into: &sink)
    return sink.snapshots
}

/// The loss of `example` under `parameters`, as the engine computes it.
func lossOf(_ setup: TrainingSetup, _ parameters: Parameters, _ example: Example) throws -> Double {
    let snapshots = try snapshotsOfOneStep(setup, parameters, example)
    return try #require(snapshots.first { $0.phase == .loss }?.loss)
}

func isClose(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

import Testing
