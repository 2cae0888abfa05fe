import Foundation
import NetFrames
import NetFramesTestSupport
import Testing

/// Runs built in code and trained through `import NetFrames` alone.
@Suite("NetFrames library: runs and training")
struct LibraryAPITests {
    /// The classic worked example: [2, 2, 2], sigmoid everywhere, squared error, η = 0.5.
    static func workedExample(iterations: Int = 1) throws -> RunFile {
        try RunFile(name: "worked",
                    network: .init(layers: [2, 2, 2], hidden: .sigmoid, output: .sigmoid,
                                   weights: [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
                                   biases: [[0.35, 0.35], [0.60, 0.60]]),
                    training: .init(loss: .mse, learningRate: 0.5, trainBiases: false, iterations: iterations),
                    data: .examples([Example(input: [0.05, 0.10], target: [0.01, 0.99])]))
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// A linear neuron with a huge learning rate: its weight overflows within a few steps.
    static func divergingRun() throws -> RunFile {
        try RunFile(name: "diverges",
                    network: .init(layers: [1, 1], output: .linear, weights: [[[1]]], biases: [[0]]),
                    training: .init(loss: .mse, learningRate: 1000, iterations: 50),
                    data: .examples([Example(input: [100], target: [0])]))
    }

    @Test("a run built in code trains to the hand-worked numbers, moment by moment")
    func forwardBackwardUpdate() throws {
        let run = try Self.workedExample()
        var snapshots: [Snapshot] = []
        let final = try run.train { snapshots.append($0) }
        #expect(snapshots.map(\.phase) == [.forward, .forward, .loss, .backward, .backward, .update])
        #expect(snapshots.map(\.layer) == [1, 2, nil, 2, 1, nil])

        // Forward, by hand: z = W·a + b, a = σ(z).
        let h1 = Self.sigmoid(0.15 * 0.05 + 0.20 * 0.10 + 0.35)
        let h2 = Self.sigmoid(0.25 * 0.05 + 0.30 * 0.10 + 0.35)
        let o1 = Self.sigmoid(0.40 * h1 + 0.45 * h2 + 0.60)
        let o2 = Self.sigmoid(0.50 * h1 + 0.55 * h2 + 0.60)
        #expect(abs(h1 - 0.593269992) < 1e-9 && abs(o1 - 0.75136507) < 1e-8)

        let hidden = snapshots[0]
        #expect(abs(hidden.activation(of: 1, neuron: 0)! - h1) < 1e-12)
        #expect(abs(hidden.activation(of: 1, neuron: 1)! - h2) < 1e-12)
        #expect(hidden.activation(of: 2, neuron: 0) == nil, "the output is not computed in the first moment")
        #expect(hidden.loss == nil)
        #expect(Array(hidden.activations(of: 0)!) == [0.05, 0.10])

        let output = snapshots[1]
        #expect(abs(output.activation(of: 2, neuron: 0)! - o1) < 1e-12)
        #expect(abs(output.activation(of: 2, neuron: 1)! - o2) < 1e-12)

        // The loss, ½ Σ (a − t)².
        let loss = 0.5 * ((o1 - 0.01) * (o1 - 0.01) + (o2 - 0.99) * (o2 - 0.99))
        #expect(abs(snapshots[2].loss! - loss) < 1e-12)
        #expect(abs(loss - 0.298371109) < 1e-9)
        #expect(snapshots[2].delta(of: 2, neuron: 0) == nil)

        // Backward at the output: δ = (a − t)·a(1 − a); ∂L/∂w = δ · a_prev.
        let delta1 = (o1 - 0.01) * o1 * (1 - o1)
        let backward = snapshots[3]
        #expect(abs(backward.delta(of: 2, neuron: 0)! - delta1) < 1e-12)
        #expect(abs(backward.weightGradient(into: 2, to: 0, from: 0)! - delta1 * h1) < 1e-12)
        #expect(abs(delta1 * h1 - 0.082167041) < 1e-9)
        #expect(backward.delta(of: 1, neuron: 0) == nil, "the hidden deltas come one moment later")
        #expect(snapshots[4].delta(of: 1, neuron: 0) != nil)

        // Update: w ← w − η ∂L/∂w; the old weight stays readable; biases are not trained.
        let update = snapshots[5]
        #expect(abs(update.weight(into: 2, to: 0, from: 0) - (0.40 - 0.5 * delta1 * h1)) < 1e-12)
        #expect(abs(update.weight(into: 2, to: 0, from: 0) - 0.35891648) < 1e-8)
        #expect(update.previousWeights(into: 2).first == 0.40)
        #expect(Array(update.biases(of: 2)) == [0.60, 0.60])
        #expect(final == update.parameters, "train returns the parameters after the last step")
    }

    @Test("a run built in code equals the same run read from YAML, random start included")
    func codeMatchesFile() throws {
        let yaml = """
            name: spiral-run
            network: {layers: [2, 5, 2], hidden: tanh, output: softmax, seed: 11, init: xavier}
            training: {learningRate: 0.2, biasLearningRate: 0.05, epochs: 3}
            sampling: {every: 7, first: 2}
            data: {builtin: spiral, samples: 40, seed: 5, noise: 0.1}
            """
        let file = try RunFile.parse(yaml, file: "spiral.yaml", directory: URL(fileURLWithPath: "."))
        let code = try RunFile(name: "spiral-run",
                               network: .init(layers: [2, 5, 2], hidden: .tanh, output: .softmax, seed: 11,
                                              initScheme: .xavier),
                               training: .init(learningRate: 0.2, biasLearningRate: 0.05, epochs: 3),
                               data: .builtin(.spiral, samples: 40, seed: 5, noise: 0.1),
                               sampling: SamplingPolicy(every: 7, first: 2))
        #expect(code.name == file.name)
        #expect(code.setup == file.setup)
        #expect(code.setup.loss == .crossEntropy, "softmax picks cross-entropy, as in a file")
        #expect(code.initialParameters == file.initialParameters)
        #expect(code.initialization == file.initialization)
        #expect(code.dataset == file.dataset)
        #expect(code.dataSource == file.dataSource)
        #expect(code.iterations == 120 && file.iterations == 120)
        #expect(code.sampling == file.sampling)
    }

    @Test("a run loaded from a file trains and streams through a sink of the caller's own")
    func loadAndStreamIntoSink() throws {
        struct LossLog: SnapshotSink {
            var losses: [Int: Double] = [:]
            mutating func receive(_ snapshot: Snapshot) throws {
                if snapshot.phase == .loss { losses[snapshot.iteration] = snapshot.loss }
            }
        }
        let run = try RunFile.load(path: examplePath("two-two-two.yaml"))
        var log = LossLog()
        try run.train(into: &log)
        #expect(log.losses.count == 1)
        #expect(abs(log.losses[0]! - 0.298371109) < 1e-9)
    }

    @Test("divergence: train throws it; trainReportingDivergence returns it after the good steps' snapshots")
    func divergence() throws {
        let run = try Self.divergingRun()
        #expect(throws: TrainingError.self) { try run.train { _ in } }
        var collected = CollectingSink()
        let divergence = try #require(try run.trainReportingDivergence(into: &collected))
        guard case let .diverged(iteration, _) = divergence else { return }
        #expect(iteration > 0 && iteration < 50)
        // Every step before the divergent one, 4 moments each, and nothing of that step.
        #expect(collected.snapshots.count == 4 * iteration)
        #expect(collected.snapshots.last?.iteration == iteration - 1)
        #expect(collected.snapshots.last?.phase == .update)
    }

    @Test("mistakes in a run built in code name the run, the field and what is allowed")
    func mistakes() throws {
        func message(_ build: () throws -> RunFile) -> String {
            do {
                _ = try build()
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let xor = RunFile.TrainingData.builtin(.xor)
        #expect(message { try RunFile(name: "bad", network: .init(layers: [2]), data: xor) }
            == #"run "bad": network.layers: needs at least 2 layers (input and output), found 1"#)
        #expect(message { try RunFile(name: "bad", network: .init(layers: [2, 1]),
                                      training: .init(learningRate: -1), data: xor) }
            == #"run "bad": training.learningRate: must be a number above 0 and at most 1000000 (e.g. 0.5), found -1.0"#)
        #expect(message { try RunFile(name: "bad", network: .init(layers: [2, 1]),
                                      training: .init(learningRate: .nan), data: xor) }
            == #"run "bad": training.learningRate: expected a finite number, found nan"#)
        #expect(message { try RunFile(name: "bad", network: .init(layers: [2, 1], output: .softmax), data: xor) }
            .hasPrefix(#"run "bad": network.output: softmax over a single output is always 1"#))
        #expect(message { try RunFile(name: "bad", network: .init(layers: [2, 1]),
                                      data: .examples([Example(input: [1, 2, 3], target: [1])])) }
            == #"run "bad": data[0].input: expected 2 numbers (network.layers[0] is 2), found 3"#)
        #expect(message { try RunFile(name: "bad", network: .init(layers: [2, 1]),
                                      training: .init(iterations: 5, epochs: 2), data: xor) }
            == #"run "bad": training.epochs: give either iterations or epochs, not both"#)
        #expect(message { try RunFile(name: "a/b", network: .init(layers: [2, 1]), data: xor) }
            .hasPrefix(#"run "a/b": name: must be a folder name"#))
        #expect(message { try RunFile(name: "bad", network: .init(layers: [2, 1]),
                                      data: .builtin(.xor, samples: 10)) }
            .hasPrefix(#"run "bad": data.samples: 'xor' is always its four corners"#))
        #expect(message { try RunFile(name: "bad", network: .init(layers: [2, 1]), data: .csv(path: "no-such.csv")) }
            .hasPrefix(#"run "bad": data.csv: "#))
    }
}
