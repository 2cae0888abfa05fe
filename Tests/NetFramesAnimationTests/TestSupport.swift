import NetFramesDiagram
import NetFramesEngine
import NetFramesRunFile
import NetFramesTimeline
import NetFramesRun

/// Feeds a timeline the snapshots it asks for, as the animation renderer does.
struct TimelineFeeder: SnapshotSink {
    let runName: String
    var timeline: Timeline

    mutating func receive(_ snapshot: Snapshot) throws {
        guard timeline.wants(snapshot) else { return }
        try timeline.push(DiagramState(snapshot: snapshot, runName: runName))
    }
}

/// Collects the states a timeline emits (a class, so the emit closure can append).
final class EmittedStates: @unchecked Sendable {
    var states: [DiagramState] = []
}

/// Trains `run` and returns every state its timeline emits, in order, with the
/// timeline's own frame count.
func timelineStates(_ run: RunFile, settings: AnimationSettings? = nil) throws -> (states: [DiagramState], frameCount: Int) {
    let box = EmittedStates()
    let timeline = Timeline(settings: settings ?? run.animation, iterations: run.iterations) { box.states.append($0) }
    var feeder = TimelineFeeder(runName: run.name, timeline: timeline)
    var trainer = run.makeTrainer()
    try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &feeder)
    try feeder.timeline.finish()
    return (box.states, feeder.timeline.frameCount)
}

/// Whether `values` run from the first to the last without turning back, allowing
/// `noise` against the direction of travel.
func isMonotone(_ values: [Double], noise: Double = 0) -> Bool {
    guard let first = values.first, let last = values.last else { return true }
    let up = last >= first
    for (a, b) in zip(values, values.dropFirst()) {
        if up ? b < a - noise : b > a + noise { return false }
    }
    return true
}
