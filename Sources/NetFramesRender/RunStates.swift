import NetFramesDiagram
import NetFramesEngine
import NetFramesRun

/// Turns a run's snapshots, in the order training makes them, into the states frames
/// show: panels filled in, and each frame told the loss its example had the last time
/// it was recorded. Stills and the animation timeline both take their states from here.
///
/// Every snapshot must pass through, shown or not, so the panels see the whole run.
struct RunStates {
    let runName: String
    var panels: PanelTracker
    /// The last recorded loss of each example, so a loss frame can say how it moved.
    var lastLoss: [Int: (iteration: Int, loss: Double)] = [:]
    /// The run's latest update so far and the loss its example had before it: the
    /// still the run ends on, built only when asked for (`finalState`).
    private var lastUpdate: (snapshot: Snapshot, previousLoss: (iteration: Int, loss: Double)?)?

    init(run: Run, panels settings: PanelSettings) {
        runName = run.name
        panels = PanelTracker(settings: settings, setup: run.setup, dataset: run.dataset, initial: run.initialParameters)
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

    /// Takes the run's next training-curve point, for the loss panel.
    mutating func observe(_ point: CurvePoint) {
        panels.observe(point)
    }

    /// Follows `snapshot`, the next snapshot of the run, without making its state.
    mutating func pass(_ snapshot: Snapshot) {
        panels.observe(snapshot)
        remember(snapshot)
    }

    /// The still of the last update seen, as `state(for:)` would have made it then: the
    /// frame a run's thumbnail shows. Every snapshot of a run ends with its update, so
    /// once training is over the panels have seen nothing after it.
    func finalState() -> DiagramState? {
        guard let (snapshot, previousLoss) = lastUpdate else { return nil }
        var state = DiagramState(snapshot: snapshot, runName: runName)
        panels.annotate(&state)
        state.previousLoss = previousLoss
        return state
    }

    private mutating func remember(_ snapshot: Snapshot) {
        if snapshot.phase == .update {
            lastUpdate = (snapshot, lastLoss[snapshot.example])
            // An update's loss is its batch's mean; an example's own is at its loss moment.
            if snapshot.batchSize == 1, let loss = snapshot.loss { lastLoss[snapshot.example] = (snapshot.iteration, loss) }
        } else if snapshot.phase == .loss && snapshot.batchSize > 1, let loss = snapshot.loss {
            lastLoss[snapshot.example] = (snapshot.iteration, loss)
        }
    }
}
