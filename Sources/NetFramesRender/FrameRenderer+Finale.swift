import NetFramesDiagram
import NetFramesEngine
import NetFramesScene

/// How a run ended: what a batch summary reports and its contact sheet shows.
public struct RunFinale: Sendable {
    /// The parameters after the last step trained (before the divergence, if any).
    public var finalParameters: Parameters
    /// The scene of the run's last frame, as a full still render would draw it.
    public var lastScene: Scene?
    /// Set when training diverged.
    public var divergence: TrainingError?

    /// A finale with these parts.
    public init(finalParameters: Parameters, lastScene: Scene?, divergence: TrainingError?) {
        self.finalParameters = finalParameters
        self.lastScene = lastScene
        self.divergence = divergence
    }
}

extension FrameRenderer {
    /// Trains the run through without drawing its frames and builds the scene of the last
    /// one: for a run drawn as a video, or in shards, whose own render never drew it.
    public func finale() -> RunFinale {
        var sink = FinaleSink(states: StillStates(renderer: self))
        var trainer = run.makeTrainer()
        var divergence: TrainingError?
        do {
            try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &sink)
        } catch let error as TrainingError {
            divergence = error
        } catch {
            preconditionFailure("the finale's sink does not throw: \(error)")
        }
        return RunFinale(finalParameters: trainer.parameters, lastScene: sink.lastState.map { builder.scene($0) },
                         divergence: divergence)
    }
}

/// Follows every snapshot as a still render would and keeps the state of the last one.
private struct FinaleSink: SnapshotSink {
    var states: StillStates
    var lastState: DiagramState?

    mutating func receive(_ snapshot: Snapshot) throws {
        lastState = states.state(for: snapshot)
    }
}
