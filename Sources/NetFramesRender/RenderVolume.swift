import NetFramesDiagram
import NetFramesEngine
import NetFramesTimeline
import NetFramesRun

/// What a render or a trace of a run would amount to, counted before anything is
/// trained or written, and checked against `Limits`.
public struct RenderVolume: Sendable {
    /// The run, with the command line's sampling already applied.
    public let run: Run
    /// The run file as the user named it, for messages.
    public var file: String { run.file.isEmpty ? run.name : run.file }
    /// Style and animation keys the command line set (`width`, `height`, `scale`,
    /// `every`, `fps`), so a message blames the option rather than the file.
    public let fromCommandLine: Set<String>

    /// The volume of `run`; `fromCommandLine` as for the property of that name.
    public init(run: Run, fromCommandLine: Set<String> = []) {
        self.run = run
        self.fromCommandLine = fromCommandLine
    }

    /// Moments (snapshots) one recorded step has: each forward layer, the loss, each backward layer, the update.
    public var momentsPerStep: Int { run.setup.snapshotsPerStep }

    /// Steps the trainer records.
    public var recordedSteps: Int { run.sampling.keptCount(total: run.iterations) }

    /// Snapshots a full run records (stills write one frame each); `nil` beyond counting.
    public var snapshotCount: Int? {
        let (count, overflow) = recordedSteps.multipliedReportingOverflow(by: momentsPerStep)
        return overflow ? nil : count
    }

    /// Checks a render of stills (`animation == nil`) or of an animation with `animation`.
    ///
    /// - Throws: `LimitError` naming the limit, the amount and what makes it.
    public func checkRender(style: DiagramStyle, animation: AnimationSettings?, limits: Limits) throws {
        try checkPixels(style, limits: limits)
        if let animation {
            let frames = Timeline.plannedFrameCount(settings: animation, iterations: run.iterations,
                                                    sampling: run.sampling, layerCount: run.setup.shape.layerCount,
                                                    batchSize: run.setup.batchSize)
            let value = frames == Int.max ? nil : frames
            if value == nil || frames > limits.maxFrames {
                let seconds = value.map { Double($0) / animation.fps }
                let length = seconds.map { "about \(RenderVolume.duration($0)) at \(RenderVolume.number(animation.fps)) fps" }
                    ?? "at \(RenderVolume.number(animation.fps)) fps"
                throw LimitError(file: file, field: blame("fps", else: stepField), quantity: "animation frames",
                                 value: value, limit: limits.maxFrames,
                                 reason: "\(steps) shown in the animation's chapters, \(length)",
                                 liftable: value != nil)
            }
        } else {
            try checkSnapshots(limit: limits.maxFrames, quantity: "frames")
        }
    }

    /// Checks a trace of the run.
    public func checkTrace(limits: Limits) throws {
        try checkSnapshots(limit: limits.maxSnapshots, quantity: "snapshots")
    }

    private func checkSnapshots(limit: Int, quantity: String) throws {
        let count = snapshotCount
        guard let count, count <= limit else {
            throw LimitError(file: file, field: blame("every", else: stepField), quantity: quantity, value: count,
                             limit: limit, reason: "\(steps) × \(momentsPerStep) moments each", liftable: count != nil)
        }
    }

    private func checkPixels(_ style: DiagramStyle, limits: Limits) throws {
        let (width, height) = style.pixelSize
        let given = ["width", "height", "scale"].filter(fromCommandLine.contains)
        let field = given.isEmpty ? "render" : given.map { "--" + $0 }.joined(separator: ", ")
        let reason = "\(RenderVolume.number(style.width))x\(RenderVolume.number(style.height)) at scale "
            + "\(RenderVolume.number(style.scale)) is \(width)x\(height) pixels"
        if max(width, height) > RenderLimits.largestSide {
            throw LimitError(file: file, field: field, quantity: "pixels on a side", value: max(width, height),
                             limit: RenderLimits.largestSide, reason: reason + "; cairo draws no larger image",
                             liftable: false)
        }
        if width * height > limits.maxPixels {
            throw LimitError(file: file, field: field, quantity: "pixels per frame", value: width * height,
                             limit: limits.maxPixels, reason: reason)
        }
    }

    /// "100000000 recorded steps of 100000000 (every step)".
    private var steps: String {
        let which: String
        switch run.sampling.schedule {
        case .log(let frames): which = "about \(frames) spaced geometrically"
        case .every(let every): which = every == 1 ? "every step" : "one in every \(every) steps"
        }
        let alsoFirst = run.sampling.first > 0 && run.sampling.schedule != .every(1) ? " and the first \(run.sampling.first)" : ""
        return "\(recordedSteps) recorded step\(recordedSteps == 1 ? "" : "s") of \(run.iterations) (\(which)\(alsoFirst))"
    }

    private var stepField: String { "training.iterations" }

    private func blame(_ key: String, else field: String) -> String {
        fromCommandLine.contains(key) ? "--" + key : field
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 120 { return "\(Int(seconds.rounded())) s" }
        if seconds < 7200 { return "\(Int((seconds / 60).rounded())) minutes" }
        if seconds < 48 * 3600 { return "\(Int((seconds / 3600).rounded())) hours" }
        return "\(Int((seconds / 86400).rounded())) days"
    }
}
