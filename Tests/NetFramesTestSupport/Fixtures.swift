import Foundation
import NetFramesDiagram
import NetFramesEngine
import NetFramesRun
import NetFramesRunFile

/// Run files as YAML text, parsed runs and their snapshots.
public enum Fixture {
    /// A [2, 2, 2] run with every number given. The weights out of input 1 are ±2.5, so
    /// those two connections are drawn thick (about 4.7 px at 1280x720) in clear colours.
    public static let colours = """
        name: colours
        network:
          layers: [2, 2, 2]
          hidden: tanh
          output: sigmoid
          weights: [[[2.5, 0.3], [-2.5, 0.2]], [[1.2, -0.7], [-1.5, 0.4]]]
          biases: [[0.1, -0.2], [0.05, 0.0]]
        training: {loss: mse, learningRate: 0.1, iterations: 1}
        data:
          - {input: [0.6, 0.2], target: [1, 0]}
        """

    /// A copy of `netframes demo`'s run file (the 2015 post's [3, 2, 3] scenario): two
    /// steps, 12 frames. Copied because the demo lives in the executable target.
    public static let demo = """
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

    /// A run of `layers` with tanh hidden layers and a softmax output (the widest
    /// activation symbol), random weights from a fixed seed and one example whose
    /// inputs alternate in sign, so negative numbers (the widest texts) appear.
    ///
    /// A single output takes sigmoid instead: run files refuse a softmax over one neuron
    /// (it is always 1, so nothing could be learned).
    public static func shaped(_ layers: [Int], output: String = "softmax", iterations: Int = 1,
                              name: String = "shaped") -> String {
        let n = layers[0], m = layers[layers.count - 1]
        let output = m == 1 ? "sigmoid" : output
        let input = (0..<n).map { (i: Int) -> String in
            let sign: Double = i % 2 == 0 ? 0.75 : -0.6
            let value: Double = sign * Double(i % 5 + 1) / 5
            return String(format: "%.3f", value)
        }
        let target = (0..<m).map { $0 == m - 1 ? "1" : "0" }
        return """
            name: \(name)
            network:
              layers: [\(layers.map(String.init).joined(separator: ", "))]
              hidden: tanh
              output: \(output)
              seed: 11
              init: xavier
            training: {loss: crossEntropy, learningRate: 0.5, iterations: \(iterations)}
            data:
              - {input: [\(input.joined(separator: ", "))], target: [\(target.joined(separator: ", "))]}
            """
    }

    /// A [2, 2, 1] network with every number given, drawn at 320x180 and 10 fps, with
    /// the default durations (forward 0.6 s, loss 1, backward 0.8, update 1, hold 0.3).
    public static func small(name: String = "small", iterations: Int = 2, theme: String = "light",
                             animation: String = "animation: {fps: 10, finalHold: 0.5}") -> String {
        """
        name: \(name)
        network:
          layers: [2, 2, 1]
          hidden: tanh
          output: sigmoid
          weights: [[[0.8, -0.4], [0.3, 0.9]], [[1.1, -0.6]]]
          biases: [[0.1, -0.1], [0.2]]
        training: {loss: mse, learningRate: 0.5, iterations: \(iterations)}
        data:
          - {input: [0.6, -0.3], target: [1]}
        render: {width: 320, height: 180, theme: \(theme)}
        \(animation)
        """
    }

    /// Parses `yaml` as the run file `file` in the temporary folder.
    public static func run(_ yaml: String, file: String = "test.yaml") throws -> RunFile {
        try RunFile.parse(yaml, file: file, directory: URL(fileURLWithPath: NSTemporaryDirectory()))
    }

    /// Every snapshot the run records, in order.
    public static func snapshots(_ run: RunFile) throws -> [Snapshot] {
        var trainer = run.makeTrainer()
        var sink = CollectingSink()
        try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &sink)
        return sink.snapshots
    }

    /// A diagram style: the light theme at 1280x720 and scale 1 unless told otherwise.
    public static func style(theme: ThemeName = .light, width: Double = 1280, height: Double = 720,
                             scale: Double = 1) -> DiagramStyle {
        var style = DiagramStyle()
        style.theme = theme
        style.width = width
        style.height = height
        style.scale = scale
        return style
    }
}
