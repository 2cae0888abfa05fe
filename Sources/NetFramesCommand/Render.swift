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
        do {
            var run = try Run.load(path: runFile, limits: options.limits)
            if let every = options.every { run.sampling.every = every }
            let format = options.format ?? run.renderFormat ?? .png
            let folder = options.out ?? "Output/\(run.name)"
            try checkFont(options.font ?? run.render.fontFamily)
            if options.keepDiverged { run.divergenceLog = DivergenceLog() }
            try RenderJob(run: run, options: options, format: format, folder: folder, name: run.name,
                          shard: try sharding.resolve(), resume: !sharding.noResume,
                          cancellation: trap.cancellation).perform()
            warnIfDiverged(run.divergenceLog)
        } catch let error as ExitCode {
            throw error
        } catch {
            throw report(error)
        }
    }
}

/// One render as the command line asked for it: stills, a sequence or a video.
struct RenderJob {
    let run: Run
    let options: RenderOptions
    let format: OutputFormat
    let folder: String
    /// The video's file name, without extension.
    let name: String
    /// This process's share of the frames; `nil` for all.
    var shard: Shard? = nil
    /// Keep frames an earlier render of the folder finished.
    var resume = true
    var cancellation: RenderCancellation? = nil

    var jobs: Int { options.jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    func perform() throws {
        let quality = options.quality ?? run.videoQuality
        let style = options.style(base: run.render, quality: format.videoFormat != nil || options.animate ? quality : nil)
        let animated = format.videoFormat != nil || options.animate
        try RenderVolume(run: run, fromCommandLine: options.commandLineKeys)
            .checkRender(style: style, animation: animated ? options.animation(base: run.animation, quality: quality) : nil,
                         limits: options.limits)
        let progress = ProgressBar(quiet: options.quiet)
        defer { progress.finish() }
        if format == .html {
            try renderPlayer(style: style, progress: progress)
        } else if let video = format.videoFormat {
            try OutputFolder.prepare(folder, force: options.force)
            let animation = options.animation(base: run.animation, quality: quality)
            var renderer = AnimationRenderer(run: run, style: style, animation: animation)
            renderer.cancellation = cancellation
            let path = "\(folder)/\(name).\(video.fileExtension)"
            if let shard {
                let part = try renderer.renderVideoPart(format: video, to: path, quality: quality ?? .medium, jobs: jobs,
                                                        shard: shard, resume: resume, progress: progress.update)
                progress.finish()
                let kept = part.framesKept > 0 ? " (\(part.framesKept) kept from an earlier render)" : ""
                note("wrote part \(shard) of \(path): \(part.frames) of its \(renderer.plannedFrameCount) frames\(kept); "
                    + "when every part is done, run: netframes assemble \(folder)")
                return
            }
            let summary = try renderer.renderVideo(format: video, to: path, quality: quality ?? .medium, jobs: jobs,
                                                   progress: progress.update)
            progress.finish()
            note(String(format: "wrote %@ (%d frames, %.1f s at %g fps)", path, summary.frames, summary.seconds, animation.fps))
        } else if options.animate, let still = format.frameFormat {
            let animation = options.animation(base: run.animation, quality: quality)
            var renderer = AnimationRenderer(run: run, style: style, animation: animation)
            renderer.cancellation = cancellation
            let summary = try renderer.renderSequence(format: still, folder: folder, force: options.force, jobs: jobs,
                                                      shard: shard, resume: resume, progress: progress.update)
            progress.finish()
            let kept = summary.framesKept > 0 ? " (\(summary.framesKept) kept from an earlier render)" : ""
            note("wrote \(summary.frames) animation frames to \(folder)/\(kept); assemble them with:")
            if let command = summary.assembleCommand { print(command) }
        } else if let still = format.frameFormat {
            let output = FrameOutput(folder: folder, format: still, singleFile: options.singleFile, jobs: jobs,
                                     force: options.force, shard: shard, resume: resume, cancellation: cancellation)
            let summary = try FrameRenderer(run: run, style: style).render(to: output, progress: progress.update)
            progress.finish()
            let count = summary.manifest.entries.count
            let part = shard.map { " (part \($0) of the run's \(summary.manifest.totalFrames))" } ?? ""
            let kept = summary.framesKept > 0 ? ", \(summary.framesKept) kept from an earlier render" : ""
            note("rendered \(count) frame\(count == 1 ? "" : "s")\(part) of \(run.name) to \(folder)/\(kept)"
                + (summary.omittedWeightLabels > 0 ? " (\(summary.omittedWeightLabels) weight labels left out for room)" : ""))
        }
    }
}
