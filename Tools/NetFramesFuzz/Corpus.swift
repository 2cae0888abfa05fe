import Foundation

/// The valid run files that cases are made from: NetFrames' examples (read from a
/// folder, sorted by name) and a few built in here that use every section and key.
struct Corpus {
    struct Entry {
        var name: String
        var text: String
        /// A CSV file the run file names, written beside it.
        var csv: (name: String, text: String)?
        var isJSON: Bool { name.hasSuffix(".json") }
    }

    var entries: [Entry]

    /// The built-in files, then every `*.yaml` and `*.json` in `examples`, if given.
    init(examples: String?) {
        entries = Corpus.builtIn
        guard let examples,
              let names = try? FileManager.default.contentsOfDirectory(atPath: examples) else { return }
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".json") {
            if let text = try? String(contentsOfFile: examples + "/" + name, encoding: .utf8) {
                entries.append(Entry(name: name, text: text))
            }
        }
    }

    /// The entry that uses a CSV file.
    var csvEntry: Entry { entries.first { $0.csv != nil }! }

    static let pointsCSV = """
        x,y,label
        0.1,0.9,1
        -0.4,0.2,0
        0.75,-0.5,1
        -0.9,-0.9,0

        """

    static let builtIn: [Entry] = [
        Entry(name: "batches.yaml", text: """
            name: batches
            network: {layers: [2, 3, 1], hidden: tanh, output: sigmoid, seed: 5, init: xavier}
            training:
              loss: crossEntropy
              learningRate: 0.05
              optimizer: {kind: adam, beta1: 0.9, beta2: 0.999, epsilon: 1.0e-8, decoupled: true}
              batchSize: 3
              shuffle: true
              weightDecay: 0.01
              iterations: 3
            data: {builtin: xor}
            render: {width: 480, height: 270}
            animation: {fps: 5, batchDetail: all, durations: {accumulate: 0.4}, finalHold: 0.2}
            """),
        Entry(name: "everything.yaml", text: """
            name: everything
            network:
              layers: [2, 3, 2]
              hidden: relu
              output: softmax
              weights: [[[0.5, -0.25], [1.5, 0.125], [-2, 0.75]], [[0.3, -0.6, 0.9], [-0.2, 0.4, 0.05]]]
              biases: [[0.1, -0.1, 0], [0.2, -0.2]]
            training:
              loss: crossEntropy
              learningRate: 0.3
              biasLearningRate: 0.1
              trainBiases: true
              iterations: 3
            sampling: {every: 1, first: 1}
            data:
              - {input: [0.5, -0.5], target: [1, 0]}
              - {input: [-1.25, 2.5], target: [0, 1]}
            render:
              width: 640
              height: 360
              scale: 1
              theme: dark
              font: DejaVu Sans
              fontSize: 12
              digits: 3
              maxNeurons: 10
              weightLabels: all
              signStyle: dashed
              labels: {weights: true, biases: true, activations: true, inputs: true, targets: true, titles: true, header: true, caption: true, legend: true}
              panels: {loss: true, outputs: true, boundary: true, position: right}
              format: png
            animation:
              fps: 12
              easing: easeInOut
              durations: {forward: 0.2, loss: 0.2, backward: 0.2, update: 0.2, hold: 0.1}
              chapters:
                - {iterations: 1, title: "One step in detail"}
                - {every: 1, detail: updates, stepDuration: 0.1, title: "Then quickly"}
              finalHold: 0.2
              titleCard: 0.2
              quality: low

            """),
        Entry(name: "random-init.yaml", text: """
            name: random-init
            network: {layers: [4, 6, 3], hidden: tanh, output: sigmoid, seed: 99, init: xavier}
            training: {loss: mse, learningRate: 0.1, epochs: 1}
            data: {builtin: gaussians, samples: 12, seed: 5, noise: 0.3}
            render: {width: 800, height: 600, theme: transparent, weightLabels: highlighted, panels: {outputs: true, position: bottom}}

            """),
        Entry(name: "points.yaml", text: """
            name: points
            network: {layers: [2, 2, 1], output: sigmoid}
            training: {iterations: 4}
            data: {csv: points.csv}
            render: {theme: projector}

            """, csv: (name: "points.csv", text: pointsCSV)),
        Entry(name: "linear.json", text: """
            {
              "name": "linear",
              "network": {"layers": [1, 1], "output": "linear", "weights": [[[2]]], "biases": [[0.5]]},
              "training": {"loss": "mse", "learningRate": 0.05, "iterations": 2},
              "data": [{"input": [1.5], "target": [3]}, {"input": [-2], "target": [-3.5]}],
              "render": {"digits": 5, "labels": {"legend": false}},
              "animation": {"fps": 10, "finalHold": 0.5}
            }

            """),
    ]
}
