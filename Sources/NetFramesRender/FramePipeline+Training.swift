import NetFramesEngine
import NetFramesRun

/// How far a pass of the pipeline has trained its runs.
struct TrainingProgress {
    /// Each run's trainer, where training stopped.
    var trainers: [Trainer]
    /// Whether each run has ended: trained to its last step, or diverged.
    var ended: [Bool]
    /// Each run's divergence, if it diverged.
    var divergences: [TrainingError?]
    /// Each run's training curve, measured beside its snapshots.
    var recorders: [CurveRecorder]
}

extension FramePipeline {
    /// The one place the pipeline drives trainers: trains `runs` into their `feeds`
    /// (with each run's training curve, measured beside its snapshots),
    /// `stepsPerRound` steps of each in turn, calling `afterRound` after every round,
    /// until each run has ended (its feed then finishes) or `isSatisfied` says every
    /// frame asked for has gone past.
    ///
    /// A run drawn alone is one round of all its steps; a comparison trains its runs a
    /// step at a time, so their frames stay in step.
    static func train<Receiver>(_ runs: [Run], into feeds: inout [FrameFeed<Receiver>], stepsPerRound: Int,
                                isSatisfied: () -> Bool,
                                afterRound: (TrainingProgress) throws -> Void) throws -> TrainingProgress {
        var progress = TrainingProgress(trainers: runs.map { $0.makeTrainer() }, ended: runs.map { _ in false },
                                        divergences: runs.map { _ in nil },
                                        recorders: runs.map { CurveRecorder(setup: $0.setup, dataset: $0.dataset,
                                                                            total: $0.iterations) })
        while progress.ended.contains(false) && !isSatisfied() {
            for i in runs.indices where !progress.ended[i] {
                let steps = min(stepsPerRound, runs[i].iterations - progress.trainers[i].iteration)
                do {
                    try progress.recorders[i].train(&progress.trainers[i], iterations: steps, sampling: runs[i].sampling,
                                                    runEnd: runs[i].iterations, into: &feeds[i])
                } catch let error as TrainingError {
                    progress.divergences[i] = error
                }
                if progress.divergences[i] != nil || progress.trainers[i].iteration >= runs[i].iterations {
                    try feeds[i].finish()
                    progress.ended[i] = true
                }
            }
            try afterRound(progress)
        }
        return progress
    }
}
