import ArgumentParser
import NetFramesDiagram
import NetFramesRender
import NetFramesRun

extension HTMLFrameEncoding: ExpressibleByArgument {}

extension RenderJob {
    /// `--format html`: one page, `<folder>/<name>.html`, that plays the run's stills.
    func renderPlayer(style: DiagramStyle, progress: ProgressBar) throws {
        if let shard, shard.count > 1 {
            // A command-line mistake (exit 64), said the way ArgumentParser says its own.
            note("error: --format html writes one page, which cannot be split into parts (this is part \(shard)); "
                + "render it without --shard, or outside an array job.")
            throw ExitCode.validationFailure
        }
        let output = HTMLPlayerOutput(folder: folder, name: name, encoding: options.htmlFrames ?? .auto, jobs: jobs,
                                      force: options.force, cancellation: cancellation)
        let summary = try HTMLPlayer(run: run, style: style).render(to: output, progress: progress.update)
        progress.finish()
        let megabytes = Double(summary.bytes) / 1_048_576
        note("wrote \(summary.path) (\(summary.frames) frame\(summary.frames == 1 ? "" : "s") as \(summary.encoding.rawValue), "
            + (megabytes >= 1 ? "\((megabytes * 10).rounded() / 10) MB" : "\(summary.bytes / 1024) KB") + ")"
            + (megabytes > 64 ? "; --every N keeps a long run's page quick to open" : ""))
    }
}
