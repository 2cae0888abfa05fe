import ArgumentParser
import Foundation
import NetFramesRender
import NetFramesFiles
import NetFramesRunFile
import NetFramesRun

/// `netframes demo`: the 2015 post's scenario, rendered with no run file.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the 2015 post's scenario into Output/demo/: stills, demo.mp4 and demo.gif (no run file needed).",
        discussion: """
            A [3, 2, 3] network with sigmoid hidden neurons and a softmax output learns the \
            target [0, 1, 0]: a forward pass, the cost, backpropagation and the update, then \
            a second step whose forward pass shows the outputs moved toward the target. \
            Learning rates 0.3 for weights and 0.1 for biases, as in the 2015 sketch.

            Examples:
              netframes demo
              netframes demo --theme dark
              netframes demo --format svg
              netframes demo --show-run-file > my-run.yaml
            """
    )

    @Flag(help: "Print the demo's run file and exit, to start your own from it.")
    var showRunFile = false

    @OptionGroup var options: RenderOptions

    static let runFile = """
        # The 2015 post "How do neural networks learn?": a [3, 2, 3] network learns
        # the target [0, 1, 0], one step at a time.
        name: demo
        network:
          layers: [3, 2, 3]
          hidden: sigmoid
          output: softmax
          seed: 2015
          init: uniform
        training:
          loss: crossEntropy
          learningRate: 0.3
          biasLearningRate: 0.1
          iterations: 2
        data:
          - {input: [0.5, -0.2, 0.8], target: [0, 1, 0]}

        """

    func run() throws {
        if showRunFile {
            print(Demo.runFile, terminator: "")
            return
        }
        try reporting {
            let run = try Run.parse(Demo.runFile, file: "demo", directory: URL(fileURLWithPath: "."))
            // Stills of every moment, then the animation as MP4 and GIF, unless a format is asked for.
            let formats = options.format.map { [$0] } ?? [.png, .mp4, .gif]
            for format in formats {
                var overrides = options.overrides
                overrides.format = format
                let request = RenderRequest(run: run, overrides: overrides, folder: options.out ?? "Output/demo",
                                            name: "demo", jobs: options.jobCount, force: options.force)
                try perform(request, options: options)
            }
        }
    }
}
