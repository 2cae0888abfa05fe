import ArgumentParser
import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesFiles
import NetFramesRender
import NetFramesRunFile

/// `netframes render`: one frame per recorded snapshot, as PNG, SVG or PDF.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a run and draw every recorded step as PNG, SVG or PDF frames.",
        discussion: """
            Writes frame_000001.png … (one per snapshot, in order) and manifest.json, which \
            lists each frame's file, iteration, example, phase, layer and loss.

            Examples:
              netframes render examples/two-two-two.yaml
              netframes render examples/xor.yaml --format svg --theme dark --every 500
              netframes render examples/sketch-2015.json --format pdf --single-file
            """
    )

    @Argument(help: "The run file (YAML or JSON).")
    var runFile: String

    @OptionGroup var options: RenderOptions

    func run() throws {
        do {
            var run = try RunFile.load(path: runFile, limits: options.allowLarge ? .unlimited : Limits())
            if let every = options.every { run.sampling.every = every }
            let style = options.style(base: run.render)
            let folder = options.out ?? "Output/\(run.name)"
            let output = FrameOutput(folder: folder, format: options.format ?? run.renderFormat ?? .png,
                                     singleFile: options.singleFile, jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                     force: options.force)
            let renderer = FrameRenderer(run: run, style: style)
            let summary = try renderer.render(to: output)
            let count = summary.manifest.entries.count
            note("rendered \(count) frame\(count == 1 ? "" : "s") of \(run.name) to \(folder)/"
                + (summary.omittedWeightLabels > 0 ? " (\(summary.omittedWeightLabels) weight labels left out for room)" : ""))
        } catch let error as ExitCode {
            throw error
        } catch {
            throw report(error)
        }
    }
}
