import NetFramesDiagram
import NetFramesEngine

/// Turns a run's snapshots, in the order training makes them, into the states its
/// stills show: panels filled in, and each frame told the loss its example had the
/// last time it was recorded.
///
/// Every snapshot must pass through, kept or not, so the panels see the whole run.
struct StillStates {
    let runName: String
    var panels: PanelTracker
    /// The last recorded loss of each example, so a loss frame can say how it moved.
    var lastLoss: [Int: (iteration: Int, loss: Double)] = [:]

    init(renderer: FrameRenderer) {
        runName = renderer.run.name
        panels = PanelTracker(settings: renderer.style.panels, setup: renderer.run.setup,
                              dataset: renderer.run.dataset, initial: renderer.run.initialParameters)
    }

    /// The state of `snapshot`, the next snapshot of the run.
    mutating func state(for snapshot: Snapshot) -> DiagramState {
        panels.observe(snapshot)
        var state = DiagramState(snapshot: snapshot, runName: runName)
        panels.annotate(&state)
        state.previousLoss = lastLoss[snapshot.example]
        remember(snapshot)
        return state
    }

    /// Follows `snapshot`, the next snapshot of the run, without making its state: for
    /// frames before a shard's range.
    mutating func pass(_ snapshot: Snapshot) {
        panels.observe(snapshot)
        remember(snapshot)
    }

    private mutating func remember(_ snapshot: Snapshot) {
        if snapshot.phase == .update, let loss = snapshot.loss {
            lastLoss[snapshot.example] = (snapshot.iteration, loss)
        }
    }
}
