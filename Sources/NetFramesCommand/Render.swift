import ArgumentParser
import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesRender
import NetFramesRunFile
import NetFramesScene
import NetFramesVideo
import NetFramesRun

/// `netframes render`: stills per snapshot, or an animation.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a run and draw it: one still per snapshot, or an animation.",
        discussion: """
            With png, svg or pdf, writes frame_000001.png … (one per recorded snapshot, in \
            order) and manifest.json, which lists each frame's file, iteration, example, \
            phase, layer and loss. With mp4, webm, gif or mov, writes one animation through \
            ffmpeg, with motion between the snapshots (see the run file's animation: section). \
            With html, writes <run name>.html: one self-contained page that plays the stills \
            with Forward, Backprop and Play buttons, a scrubber and the caption as text.

            Examples:
              netframes render examples/two-two-two.yaml
              netframes render examples/xor.yaml --format mp4 --quality high
              netframes render examples/sketch-2015.json --format gif --theme dark
              netframes render examples/two-two-two.yaml --format png --animate
              netframes render examples/sketch-2015.json --format pdf --single-file
              netframes render examples/xor.yaml --format html --every 1000
            """
    )

    @Argument(help: "The run file (YAML or JSON).")
    var runFile: String

    @OptionGroup var options: RenderOptions
    @OptionGroup var sharding: ShardOptions

    func run() throws {
        let trap = SignalTrap()
        try reporting {
            let run = try RunFile.load(path: runFile, limits: options.limits)
            let request = RenderRequest(run: run, overrides: options.overrides, folder: options.out,
                                        jobs: options.jobCount, shard: try sharding.resolve(), resume: !sharding.noResume,
                                        force: options.force, cancellation: trap.cancellation)
            try perform(request, options: options)
        }
    }
}

/// Checks a request, draws it with a progress bar and says what it wrote; a divergence
/// becomes the command's error (exit 70) unless `--keep-diverged` drew through it.
func perform(_ request: RenderRequest, options: RenderOptions) throws {
    try checkFont(request.style.fontFamily)
    try request.check(limits: options.limits)
    let progress = ProgressBar(quiet: options.quiet)
    defer { progress.finish() }
    let report = try request.perform(progress: progress.update)
    progress.finish()
    if let divergence = report.result.divergence { throw divergence }
    note(summary(of: report, request: request))
    if case .sequence(let summary) = report.output, let command = summary.assembleCommand { print(command) }
    warnIfDiverged(request.run.divergenceLog)
}

/// One line saying what a render wrote.
func summary(of report: RenderReport, request: RenderRequest) -> String {
    let folder = request.folder
    let kept = report.framesKept > 0 ? " (\(report.framesKept) kept from an earlier render)" : ""
    switch report.output {
    case .page(let summary):
        let megabytes = Double(summary.bytes) / 1_048_576
        return "wrote \(summary.path) (\(summary.frames) frame\(summary.frames == 1 ? "" : "s") as \(summary.encoding.rawValue), "
            + (megabytes >= 1 ? "\((megabytes * 10).rounded() / 10) MB" : "\(summary.bytes / 1024) KB") + ")"
            + (megabytes > 64 ? "; --every N keeps a long run's page quick to open" : "")
    case .videoPart(let part, let path):
        return "wrote part \(request.shard.map { "\($0)" } ?? "") of \(path): \(part.frames) of its \(report.totalFrames) frames\(kept); "
            + "when every part is done, run: netframes assemble \(folder)"
    case .video(let video, let path):
        let beside = video.files.dropFirst().map { ($0 as NSString).lastPathComponent }
        return String(format: "wrote %@ (%d frames, %.1f s at %g fps)", path, video.frames, video.seconds,
                      request.animation.fps)
            + (beside.isEmpty ? "" : ", with " + beside.joined(separator: ", ") + " beside it")
    case .sequence(let sequence):
        return "wrote \(sequence.frames) animation frames to \(folder)/\(kept); assemble them with:"
    case .stills(let stills):
        let count = stills.manifest.entries.count
        let part = request.shard.map { " (part \($0) of the run's \(stills.manifest.totalFrames))" } ?? ""
        let keptFrames = stills.framesKept > 0 ? ", \(stills.framesKept) kept from an earlier render" : ""
        let what = request.companions.isEmpty ? request.run.name : "the comparison of \(request.companions.count + 1) runs"
        return "rendered \(count) frame\(count == 1 ? "" : "s")\(part) of \(what) to \(folder)/\(keptFrames)"
            + (stills.omittedWeightLabels > 0 ? " (\(stills.omittedWeightLabels) weight labels left out for room)" : "")
    }
}
