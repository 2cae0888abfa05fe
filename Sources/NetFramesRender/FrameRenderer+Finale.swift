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
}

extension FrameRenderer {
    /// Trains the run through without drawing its frames and builds the scene of the last
    /// one: for a run drawn as a video, or in shards, whose own render never drew it.
    public func finale() -> RunFinale {
        var sink = FinaleSink(runName: run.name,
                              panels: PanelTracker(settings: style.panels, setup: run.setup, dataset: run.dataset,
                                                   initial: run.initialParameters))
        var trainer = run.makeTrainer()
        var divergence: TrainingError?
        do {
            try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &sink)
        } catch let error as TrainingError {
            divergence = error
        } catch {
            preconditionFailure("the finale's sink does not throw: \(error)")
        }
        var last = sink.lastState
        if last != nil { sink.panels.annotate(&last!) }
        return RunFinale(finalParameters: trainer.parameters, lastScene: last.map { builder.scene($0) },
                         divergence: divergence)
    }
}

/// Follows the panels through every snapshot and keeps the state of the last one.
private struct FinaleSink: SnapshotSink {
    let runName: String
    var panels: PanelTracker
    var lastLoss: [Int: (iteration: Int, loss: Double)] = [:]
    var lastState: DiagramState?

    init(runName: String, panels: PanelTracker) {
        self.runName = runName
        self.panels = panels
    }

    mutating func receive(_ snapshot: Snapshot) throws {
        panels.observe(snapshot)
        var state = DiagramState(snapshot: snapshot, runName: runName)
        state.previousLoss = lastLoss[snapshot.example]
        if snapshot.phase == .update, let loss = snapshot.loss {
            lastLoss[snapshot.example] = (snapshot.iteration, loss)
        }
        // Panels are annotated once, at the end: they then show the state after the last snapshot.
        lastState = state
    }
}
