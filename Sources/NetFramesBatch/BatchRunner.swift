import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesGraphics
import NetFramesRender
import NetFramesRunFile
import NetFramesScene
import NetFramesTimeline
import NetFramesVideo
import NetFramesRun

/// How a batch renders its runs.
public struct BatchSettings: Sendable {
    /// The batch folder: a folder per run, and the summary.
    public var folder: String
    /// What the command line sets over each run's own settings, the output format
    /// included (png when neither says), exactly as `render` takes it.
    public var overrides: RenderOverrides
    /// Threads in all: spread across runs, and across frames within a run when there
    /// are fewer runs than threads.
    public var jobs: Int
    /// This process's part of the batch; `nil` for all of it.
    public var shard: Shard?
    /// Keep the frames an earlier render finished that are still valid.
    public var resume: Bool
    /// Write into a non-empty folder NetFrames did not make.
    public var force: Bool
    /// Checked between runs and between batches of frames.
    public var cancellation: RenderCancellation?
    /// The summary's title (index.html, the contact sheet), kept in batch.json for
    /// `assemble`; it does not depend on where the batch is written.
    public var title: String

    /// Settings for a batch written into `folder`.
    public init(folder: String, title: String = "batch", overrides: RenderOverrides = RenderOverrides(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                shard: Shard? = nil, resume: Bool = true, force: Bool = false, cancellation: RenderCancellation? = nil) {
        self.folder = folder
        self.overrides = overrides
        self.jobs = max(1, jobs)
        self.shard = shard
        self.resume = resume
        self.force = force
        self.cancellation = cancellation
        self.title = title
    }

    /// Settings for a batch of `format` (png, svg, pdf, html or a video format).
    public init(folder: String, title: String = "batch", format: OutputFormat,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                shard: Shard? = nil, resume: Bool = true, force: Bool = false, cancellation: RenderCancellation? = nil) {
        var overrides = RenderOverrides()
        overrides.format = format
        self.init(folder: folder, title: title, overrides: overrides, jobs: jobs, shard: shard, resume: resume,
                  force: force, cancellation: cancellation)
    }

    /// The batch's output format: the command line's, else png (each run is drawn in
    /// the batch's format, whatever its own run file asks for).
    public var format: OutputFormat { overrides.format ?? .png }

    /// The request that renders `entry` into its folder: the same as `render` builds.
    public func request(for entry: BatchEntry, jobs: Int, frameShard: Shard?) -> RenderRequest {
        var overrides = self.overrides
        overrides.format = format
        return RenderRequest(run: entry.sweep.run, overrides: overrides, folder: folder + "/" + entry.name,
                             name: entry.name, jobs: jobs, shard: frameShard, resume: resume, force: force,
                             cancellation: cancellation)
    }
}

/// What a batch (or this shard of it) did.
public struct BatchResult: Sendable {
    /// The runs this process finished, in plan order (a run sharded by frames is
    /// reported by the shard that drew its last frame).
    public var outcomes: [RunOutcome]
    /// The summary files, written when this process rendered the whole batch; a sharded
    /// batch's summary is written by `netframes assemble`.
    public var summaryFiles: [String]
    /// Runs this process drew from (whole, or a range of their frames).
    public var runsRendered: Int
    /// Frames drawn or kept, over every run.
    public var frames: Int
    /// Frames an earlier render finished, kept as they were.
    public var framesKept: Int
}

/// Renders every run of a plan into a folder of its own under the batch folder, across
/// cores, and writes the batch summary.
///
/// Runs are drawn side by side, up to `jobs` at once, and each run draws its frames a
/// batch at a time across the same threads, so a lone long run, or the last runs of a
/// batch, still use every core. Every file is the same bytes whatever `jobs` is.
public struct BatchRunner: Sendable {
    /// The runs.
    public let plan: BatchPlan
    /// Where and how they are drawn.
    public let settings: BatchSettings

    /// A runner for `plan` with `settings`.
    public init(plan: BatchPlan, settings: BatchSettings) {
        self.plan = plan
        self.settings = settings
    }

    /// The runs this process draws and how: whole runs of a shard of the plan, or
    /// (fewer runs than shards) every run with a shard of its frames.
    public var share: (runs: Range<Int>, frameShard: Shard?) {
        guard let shard = settings.shard, shard.count > 1 else { return (0..<plan.entries.count, nil) }
        // A player page is one file: it cannot be split, so shards always take whole runs.
        if plan.entries.count >= shard.count || settings.format == .html {
            return (shard.range(of: plan.entries.count), nil)
        }
        return (0..<plan.entries.count, shard)
    }

    /// Renders this process's share.
    ///
    /// - Parameter progress: called as each run finishes, with (runs done, runs in all).
    /// - Throws: the first `NetFramesError` or drawing failure (other runs stop after their
    ///   current batch); `RenderInterrupted` when cancelled. A run whose training
    ///   diverges does not stop the batch: its outcome says so.
    public func run(progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> BatchResult {
        try OutputFolder.prepare(settings.folder, force: settings.force)
        try AtomicFileWriter.write(Array(plan.json(format: settings.format, title: settings.title).utf8),
                                   to: settings.folder + "/" + BatchPlan.fileName)
        let (runs, frameShard) = share
        let concurrent = max(1, min(settings.jobs, runs.count))
        // Each run may also draw frames on every thread: while runs are many the threads
        // are busy with whole runs, and as the last runs finish their frames take up the
        // threads the others leave.
        let perRun = settings.jobs
        let counter = DoneCounter()
        let results = ParallelMap.run(count: runs.count, jobs: concurrent) { k in
            Result { () throws -> RunReport in
                try settings.cancellation?.check()
                let report = try render(plan.entries[runs.lowerBound + k], jobs: perRun, frameShard: frameShard)
                progress(counter.increment(), runs.count)
                return report
            }
        }
        var reports: [RunReport] = []
        var firstFailure: Error?
        for result in results {
            switch result {
            case .success(let report): reports.append(report)
            case .failure(let error): if firstFailure == nil || firstFailure is RenderInterrupted { firstFailure = error }
            }
        }
        if let firstFailure { throw firstFailure }
        let outcomes = reports.compactMap(\.outcome)
        var summary: [String] = []
        if let shard = settings.shard, shard.count > 1 {
            // The record `assemble` reads to tell which shards finished.
            var j = JSONText()
            j.raw("{"); j.key("shard"); j.string("\(shard)"); j.raw(", "); j.key("runs")
            j.list(reports.compactMap(\.name)) { j, name in j.string(name) }
            j.raw("}\n")
            try AtomicFileWriter.write(j.bytes, to: settings.folder + "/" + BatchAssembly.partName(shard))
        } else {
            summary = try BatchSummary.write(outcomes, to: settings.folder, title: title)
        }
        return BatchResult(outcomes: outcomes, summaryFiles: summary, runsRendered: reports.count,
                           frames: reports.reduce(0) { $0 + $1.frames }, framesKept: reports.reduce(0) { $0 + $1.kept })
    }

    /// The summary's title.
    public var title: String { settings.title }

    /// What rendering one run gave.
    struct RunReport: Sendable {
        var name: String?
        var outcome: RunOutcome?
        var frames: Int
        var kept: Int
    }

    /// Renders one run into its folder, and, when this process drew its end, writes its
    /// thumbnail and outcome, both from the same pass.
    func render(_ entry: BatchEntry, jobs: Int, frameShard: Shard?) throws -> RunReport {
        let request = settings.request(for: entry, jobs: jobs, frameShard: frameShard)
        let report = try request.perform()
        // The end of the run is this process's to report when it drew the run's last frame.
        guard frameShard.map({ $0.index == $0.count - 1 }) ?? true else {
            return RunReport(name: entry.name, outcome: nil, frames: report.frames, kept: report.framesKept)
        }
        let folder = request.folder
        var thumbnail: String?
        // Stills already drew the last scene; other outputs drew their own frames, so it is
        // built here from the same pass's last still.
        var lastScene: Scene?
        if case .stills(let stills) = report.output { lastScene = stills.lastScene }
        if lastScene == nil, let state = report.result.finalState {
            lastScene = DiagramBuilder(setup: request.run.setup, style: request.style, measurer: CairoTextMeasurer())
                .scene(state)
        }
        if let scene = lastScene {
            try AtomicFileWriter.write(try SceneRenderer().pngData(scene, scale: 1), to: folder + "/final.png")
            thumbnail = entry.name + "/final.png"
        }
        let manifestOrFile = request.format.frameFormat != nil ? "manifest.json" : report.mainFile
        let outcome = RunOutcome(
            run: entry.sweep, runFile: entry.runFile, finalParameters: report.result.finalParameters,
            diverged: report.result.divergence.map { "\($0)" },
            frames: frameShard == nil ? report.frames : report.totalFrames,
            files: [entry.name + "/" + manifestOrFile] + report.curveFiles.map { entry.name + "/" + $0 },
            thumbnail: thumbnail)
        try AtomicFileWriter.write(Array(outcome.json.utf8), to: folder + "/outcome.json")
        return RunReport(name: entry.name, outcome: outcome, frames: report.frames, kept: report.framesKept)
    }
}

/// Counts finished runs across threads.
private final class DoneCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
