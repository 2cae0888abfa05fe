import NetFramesEngine
import NetFramesRun
import NetFramesTimeline

/// Where a run's frames come from: a still per recorded snapshot, or the animation
/// timeline's frames, with motion between the snapshots.
public enum FrameSource: Sendable, Hashable {
    /// One frame per recorded snapshot: each forward layer, the loss, each backward layer, the update.
    case stills
    /// The animation's frames: motion, holds, chapters and title cards.
    case animation(AnimationSettings)

    /// Frames the source makes of `run`, counted before anything is trained
    /// (`Int.max` when too many to count).
    public func frameCount(of run: Run) -> Int {
        switch self {
        case .stills:
            let (count, overflow) = run.sampling.keptCount(total: run.iterations)
                .multipliedReportingOverflow(by: run.setup.snapshotsPerStep)
            return overflow ? Int.max : count
        case .animation(let settings):
            return Timeline.plannedFrameCount(settings: settings, iterations: run.iterations, sampling: run.sampling,
                                              layerCount: run.setup.shape.layerCount, batchSize: run.setup.batchSize)
        }
    }
}
