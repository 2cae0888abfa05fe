import ArgumentParser
import Foundation
import NetFramesExplain
import NetFramesFiles
import NetFramesRun
import NetFramesRunFile

extension ExplainFormat: ExpressibleByArgument {}
extension ExplainFrames: ExpressibleByArgument {}
extension NeuronDetail: ExpressibleByArgument {}

/// `netframes explain`: one training step worked through in prose and equations.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one training step worked through by hand: forward pass, error, backward pass and update.",
        discussion: """
            Trains the run up to the step and writes its complete derivation with the numbers \
            NetFrames computed: each neuron's net = Σ w·out + b and its output, the error, the chain \
            rule for every weight and bias, each parameter's update by the run's optimizer (a batch's \
            gradients averaged), the error after the step, and tables of every number. The step's \
            frames (forward, cost, backward and update moments) are drawn as `netframes render` draws \
            them and placed in the text: files in NAME-frames/ beside a Markdown or LaTeX document, \
            inline in an HTML page.

            md renders on GitHub and with KaTeX or MathJax; tex is a LaTeX article for pdflatex \
            (with PDF frames); html is one page with MathML maths that works offline. Layers of more \
            than 8 neurons are worked for neuron 1 only (the one the diagram follows) unless \
            --neurons all is given; the tables always list every number.

            Examples:
              netframes explain examples/two-two-two.yaml
              netframes explain examples/two-two-two.yaml --format html --digits 9
              netframes explain examples/adam-xor.yaml --step 3 --format tex
              netframes explain examples/spiral.yaml --neurons followed --frames none
            """
    )

    @Argument(help: "The run file (YAML or JSON).")
    var runFile: String

    @Option(parsing: .unconditional, help: "The step to work through, counted from 1.")
    var step = 1

    @Option(help: "md (Markdown), tex (LaTeX) or html (default: --out's extension, else md).")
    var format: ExplainFormat?

    @Option(help: "Decimals each number is printed with, 1 to 15.")
    var digits = 4

    @Option(help: """
        all: work every neuron through; followed: only neuron 1 of each layer \
        (default all, or followed when a layer has more than 8 neurons).
        """)
    var neurons: NeuronDetail?

    @Option(help: "The step's frames: svg, png, pdf or none (default svg; pdf for tex).")
    var frames: ExplainFrames?

    @Option(name: .shortAndLong, help: "The document's path (default: Output/<run name>-step<N>.<format>).")
    var out: String?

    @Flag(help: "Replace --out even if NetFrames did not write it.")
    var force = false

    @Flag(help: "Accept layer sizes and iteration counts above NetFrames' safety limits.")
    var allowLarge = false

    @Option(help: "Frames drawn at once (default: one per core).")
    var jobs: Int?

    func validate() throws {
        guard (1...15).contains(digits) else { throw ValidationError("--digits must be between 1 and 15, not \(digits).") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more, not \(jobs).") }
    }

    func run() throws {
        try reporting {
            let run = try Run.load(path: runFile, limits: allowLarge ? Limits.unlimited : Limits())
            guard (1...max(1, run.iterations)).contains(step) else {
                throw NetFramesError.invalidOption("--step must be between 1 and \(run.iterations) "
                    + "(\(run.name) trains \(run.iterations) step\(run.iterations == 1 ? "" : "s")), not \(step)")
            }
            // The format --out's extension names, unless --format says otherwise.
            let format = self.format ?? out.flatMap { ExplainFormat(rawValue: ($0 as NSString).pathExtension.lowercased()) } ?? .md
            let output = ExplainOutput(path: out ?? ExplainOutput.defaultPath(runName: run.name, step: step, format: format),
                                       format: format, frames: frames, force: force,
                                       jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            if output.frames != .none { try checkFont(run.render.fontFamily) }
            let options = ExplainOptions(digits: digits, neurons: neurons)
            let summary = try WorkedStep.write(run: run, step: step, options: options, to: output)
            let frameNote = summary.frameFiles.isEmpty ? "" : ", with \(summary.frameFiles.count) frames in "
                + (output.framesFolder as NSString).lastPathComponent + "/"
            let detailNote = neurons == nil && summary.detail == .followed
                ? " (neuron 1 of each layer worked in full; --neurons all works them all)" : ""
            note("wrote step \(step) of \(run.name) worked through to \(summary.path)\(frameNote)\(detailNote)")
        }
    }
}
