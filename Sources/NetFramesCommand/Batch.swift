import ArgumentParser
import Foundation
import NetFramesFiles
import NetFramesBatch
import NetFramesRender
import NetFramesRunFile
import NetFramesRun

/// `netframes batch`: many runs, and sweeps, rendered across cores or a cluster.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render many runs (and every run of their sweeps) into one folder, with a summary.",
        discussion: """
            Renders every run file given (folders are searched for .yaml, .yml and .json), \
            each run of a `sweep:` as a run of its own, into <out>/<run name>/. Then writes \
            summary.csv, summary.json, index.html and contact-sheet.png (each run's final \
            frame with its final loss). Runs are drawn side by side on all cores; re-running \
            keeps every frame that is still valid. On a cluster, give each job --shard K/N \
            (or let it read SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX) and run \
            `netframes assemble <out>` when all are done.

            Examples:
              netframes batch examples/xor-sweep.yaml
              netframes batch examples/ --every 500 --jobs 2 --out Output/all
              netframes batch examples/xor-sweep.yaml --format gif --quality low
              netframes batch examples/xor-sweep.yaml --format html
              netframes batch examples/xor-sweep.yaml --shard 2/3 --out /shared/xor
              netframes batch examples/optimizers.yaml --compare --format mp4

            With --compare, the runs are drawn side by side in one frame, in step (the \
            same training step of each at once), over one loss panel that overlays their \
            curves: one animation with a video format, or one set of stills, into \
            Output/<name>-compare/ (at most \(Batch.maxCompared) runs).
            """
    )

    @Argument(help: "Run files, or folders to search for them.")
    var paths: [String]

    @OptionGroup var options: RenderOptions
    @OptionGroup var sharding: ShardOptions

    @Flag(help: "Draw the runs side by side in step, in one animation or one set of stills, over one loss panel.")
    var compare = false

    /// The most runs a comparison tiles (beyond it each tile is too small to read).
    static let maxCompared = 9

    func validate() throws {
        if options.animate && !compare {
            throw ValidationError("--animate is for render; a batch renders stills or videos (--format).")
        }
        if options.singleFile { throw ValidationError("--single-file is for render; a batch writes a file per frame.") }
    }

    func run() throws {
        let trap = SignalTrap()
        try reporting {
            let plan = try BatchPlan.load(paths: paths, limits: options.limits)
            guard !plan.entries.isEmpty else {
                throw NetFramesError.badInput(paths.joined(separator: ", "), "holds no runs to render")
            }
            if compare {
                try renderComparison(plan, cancellation: trap.cancellation)
                return
            }
            let folder = options.out ?? defaultFolder
            let settings = BatchSettings(folder: folder, title: title, overrides: options.overrides, jobs: options.jobCount,
                                         shard: try sharding.resolve(), resume: !sharding.noResume, force: options.force,
                                         cancellation: trap.cancellation)
            // Each run within the limits, before any is trained: the same request `render` checks.
            for entry in plan.entries {
                try settings.request(for: entry, jobs: 1, frameShard: nil).check(limits: options.limits)
            }
            let everyPlan = plan
            let runner = BatchRunner(plan: everyPlan, settings: settings)
            let progress = ProgressBar(quiet: options.quiet)
            let started = Date()
            let result = try runner.run(progress: { done, total in progress.update(done, total) })
            progress.finish()
            let seconds = Date().timeIntervalSince(started)
            let share = runner.share
            let kept = result.framesKept > 0 ? ", \(result.framesKept) kept from an earlier render" : ""
            if let shard = settings.shard, shard.count > 1 {
                let what = share.frameShard != nil
                    ? "part \(shard) of the frames of each of the \(plan.entries.count) runs"
                    : "runs \(share.runs.lowerBound + 1)–\(share.runs.upperBound) of \(plan.entries.count) (shard \(shard))"
                note(String(format: "rendered %@ into %@/ (%d frames%@, %.1f s); when every shard is done, run: "
                    + "netframes assemble %@", what, folder, result.frames, kept, seconds, folder))
            } else {
                note(String(format: "rendered %d runs (%d frames%@) into %@/ in %.1f s; summary: %@/index.html",
                            result.runsRendered, result.frames, kept, folder, seconds, folder))
                let diverged = result.outcomes.filter { $0.diverged != nil }
                if !diverged.isEmpty {
                    note("\(diverged.count) run\(diverged.count == 1 ? "" : "s") diverged: "
                        + diverged.map(\.name).joined(separator: ", "))
                }
            }
        }
    }

    /// Every run of the plan drawn side by side, as `render` draws one run.
    func renderComparison(_ plan: BatchPlan, cancellation: RenderCancellation) throws {
        guard plan.entries.count >= 2 else {
            throw NetFramesError.badInput(paths.joined(separator: ", "),
                                          "holds 1 run; --compare needs at least 2 (a sweep, or several run files)")
        }
        guard plan.entries.count <= Batch.maxCompared else {
            throw NetFramesError.badInput(paths.joined(separator: ", "), "holds \(plan.entries.count) runs; --compare draws "
                + "at most \(Batch.maxCompared) side by side (narrow the sweep, or render them with batch alone)")
        }
        let runs = plan.entries.map { entry -> Run in
            var run = entry.sweep.run
            run.name = entry.name
            return run
        }
        var overrides = options.overrides
        if overrides.format == nil { overrides.format = .png }
        let request = RenderRequest.comparison(of: runs, overrides: overrides, folder: options.out ?? defaultFolder + "-compare",
                                               name: title, jobs: options.jobCount, shard: try sharding.resolve(),
                                               resume: !sharding.noResume, force: options.force, cancellation: cancellation)
        try perform(request, options: options)
    }

    /// The run file's or folder's name for one path, `batch` for several.
    var title: String {
        guard paths.count == 1 else { return "batch" }
        let name = ((paths[0] as NSString).lastPathComponent as NSString).deletingPathExtension
        return name.isEmpty || name == "." ? "batch" : name
    }

    /// Output/<title>.
    var defaultFolder: String { "Output/" + title }
}
