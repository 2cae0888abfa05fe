import Foundation
import NetFramesEngine
import NetFramesRender
import NetFramesRun
import NetFramesScene

/// One frame of a worked step, drawn by the frame pipeline.
public struct StepFrame: Sendable {
    /// The moment it shows.
    public var moment: FrameMoment
    /// The encoded file (PNG, SVG or PDF), as `netframes render` writes it.
    public var bytes: [UInt8]
    /// Its format.
    public var format: FrameFormat
    /// The frame's title, for a picture's text alternative.
    public var title: String
    /// The frame's description of what it shows.
    public var summary: String
}

/// The frames of one step of a run: the first example's forward layers, its cost and
/// backward layers, and the update, drawn by the one frame pipeline (`FramePipeline`
/// with stills), so they are the frames `netframes render` draws for that step.
public enum StepFrames {
    /// Trains `run` to `step` (from 1) through the frame pipeline and returns that
    /// step's frames as `format`, by moment.
    ///
    /// The run's own sampling is kept when it records the step, so the frames (loss
    /// panel included) are byte for byte those of `netframes render`; otherwise the
    /// step is recorded with step 1 only, and the loss panel shows those two.
    ///
    /// - Throws: `TrainingError` when training diverges at or before the step;
    ///   `GraphicsError` for drawing failures.
    public static func draw(run: Run, step: Int, format: FrameFormat,
                            jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> [FrameMoment: StepFrame] {
        precondition(step >= 1 && step <= run.iterations, "step \(step) is not one of the run's")
        var run = run
        if !run.sampling.keeps(iteration: step - 1, total: run.iterations) {
            run.sampling = SamplingPolicy(every: step - 1)
        }
        let perStep = run.setup.snapshotsPerStep
        let base = recordedSteps(before: step - 1, sampling: run.sampling, total: run.iterations) * perStep
        let perExample = 2 * (run.setup.shape.layerCount - 1) + 1
        // The first example's moments, then the update, which ends the step.
        let positions = Set((0..<perExample).map { base + $0 } + [base + perStep - 1])
        let pipeline = FramePipeline(run: run, style: run.render, source: .stills, jobs: jobs)
        var sink = MomentSink(format: format)
        let result = try pipeline.run(into: &sink, selecting: .positions(positions))
        if let divergence = result.divergence { throw divergence }
        return sink.frames
    }

    /// How many of the iterations before `iteration` (from 0) `sampling` records, in a
    /// run that goes on past it.
    static func recordedSteps(before iteration: Int, sampling: SamplingPolicy, total: Int) -> Int {
        let first = min(sampling.first, iteration)
        if case .log(let frames) = sampling.schedule {
            // A log schedule's few steps, walked.
            return first + LogSpacing(length: total, frames: frames).members.count { $0 >= first && $0 < iteration }
        }
        // Multiples of `every` in first ..< iteration.
        func multiples(below x: Int) -> Int { x == 0 ? 0 : (x - 1) / sampling.every + 1 }
        return first + multiples(below: iteration) - multiples(below: first)
    }
}

/// Keeps the frames the pipeline hands over, by the moment each shows.
private struct MomentSink: FrameSink {
    struct Drawn: Sendable {
        var frame: StepFrame
    }

    let format: FrameFormat
    var frames: [FrameMoment: StepFrame] = [:]

    func draw(_ frame: PipelineFrame) throws -> Drawn {
        let moment = FrameMoment(frame.state.phase,
                                 layer: frame.state.phase == .forward || frame.state.phase == .backward ? frame.state.layer : nil)
        let rendered = try RenderedFrame(frame, encoding: .file(format))
        return Drawn(frame: StepFrame(moment: moment, bytes: rendered.bytes, format: format, title: frame.scene.title,
                                      summary: frame.scene.summary))
    }

    mutating func receive(_ drawn: Drawn) throws {
        frames[drawn.frame.moment] = drawn.frame
    }
}
