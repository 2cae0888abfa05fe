import Foundation
import NetFramesEngine
import NetFramesRunFile
import Testing
import NetFramesRun

/// What a run file leaves out, and how what it says is resolved.
@Suite struct RunFileDefaultsTests {
    @Test func lossFollowsTheOutputActivation() throws {
        let softmax = try parsed("network: {layers: [2, 3, 2], output: softmax}\ndata: {builtin: circle}\n")
        let sigmoid = try parsed("network: {layers: [2, 3, 1]}\ndata: {builtin: xor}\n")
        let linear = try parsed("network: {layers: [2, 3, 1], output: linear}\ndata: {builtin: xor}\n")
        #expect(softmax.setup.loss == .crossEntropy)
        #expect(sigmoid.setup.output == .sigmoid)
        #expect(sigmoid.setup.loss == .mse)
        #expect(linear.setup.loss == .mse)
        // Said explicitly, the loss is kept.
        let chosen = try parsed("network: {layers: [2, 3, 2], output: softmax}\ntraining: {loss: mse}\ndata: {builtin: circle}\n")
        #expect(chosen.setup.loss == .mse)
    }

    @Test func otherTrainingDefaults() throws {
        let run = try parsed("network: {layers: [2, 3, 1]}\ndata: {builtin: xor}\n", file: "some dir/my xor!.yaml")
        #expect(run.name == "my-xor-")
        #expect(run.setup.hidden == .sigmoid)
        #expect(run.setup.learningRate == 0.5)
        #expect(run.setup.trainBiases)
        #expect(run.sampling == SamplingPolicy(every: 1, first: 0))
        #expect(run.initialization == Initialization(seed: 1, scheme: .uniform, explicitWeights: false, explicitBiases: false))
    }

    @Test func biasLearningRateDefaultsToTheLearningRate() throws {
        let same = try parsed("network: {layers: [2, 1]}\ntraining: {learningRate: 0.3}\ndata: {builtin: and}\n")
        #expect(same.setup.learningRate == 0.3)
        #expect(same.setup.biasLearningRate == 0.3)
        let own = try parsed("network: {layers: [2, 1]}\ntraining: {learningRate: 0.3, biasLearningRate: 0.1}\ndata: {builtin: and}\n")
        #expect(own.setup.biasLearningRate == 0.1)
        let zero = try parsed("network: {layers: [2, 1]}\ntraining: {biasLearningRate: 0}\ndata: {builtin: and}\n")
        #expect(zero.setup.biasLearningRate == 0)
    }

    @Test func iterationsDefaultToOneEpoch() throws {
        let inline = try parsed("""
            network: {layers: [1, 1]}
            data: [{input: [1], target: [0]}, {input: [2], target: [1]}, {input: [3], target: [0]}]

            """)
        #expect(inline.iterations == 3)
        let generated = try parsed("network: {layers: [2, 2]}\ndata: {builtin: spiral, samples: 50}\n")
        #expect(generated.iterations == 50)
        let defaultSamples = try parsed("network: {layers: [2, 2]}\ndata: {builtin: gaussians}\n")
        #expect(defaultSamples.dataset.count == 200)
        #expect(defaultSamples.iterations == 200)
    }

    @Test func epochsTimesExamples() throws {
        let run = try parsed("network: {layers: [2, 2, 1]}\ntraining: {epochs: 7}\ndata: {builtin: xor}\n")
        #expect(run.iterations == 28)
        let big = try parsed("network: {layers: [2, 2]}\ntraining: {epochs: 3}\ndata: {builtin: circle, samples: 1000}\n")
        #expect(big.iterations == 3000)
        let given = try parsed("network: {layers: [2, 2, 1]}\ntraining: {iterations: 5}\ndata: {builtin: xor}\n")
        #expect(given.iterations == 5)
    }

    @Test func theSameSeedGivesTheSameStart() throws {
        func start(_ network: String) throws -> Parameters {
            try parsed("network: {layers: [2, 3, 2], \(network)}\ndata: {builtin: circle, samples: 4}\n").initialParameters
        }
        let a = try start("seed: 42"), b = try start("seed: 42"), c = try start("seed: 43")
        #expect(a == b)
        #expect(a.weights != c.weights)
        #expect(a.biases != c.biases)
        #expect(a == Parameters.random(shape: NetworkShape(layers: [2, 3, 2]), scheme: .uniform, seed: 42))
        // Without a seed, seed 1.
        #expect(try start("hidden: tanh") == start("seed: 1"))
        // Uniform: every weight and bias in (−1, 1), and not all of one sign.
        #expect((a.weights + a.biases).allSatisfy { $0 > -1 && $0 < 1 })
        #expect(a.weights.contains { $0 < 0 } && a.weights.contains { $0 > 0 })
        // The largest seed is a seed too.
        #expect(try start("seed: 18446744073709551615").weights.count == 12)
    }

    @Test func explicitWeightsWithoutBiasesStartTheBiasesAtZero() throws {
        let text = """
            network:
              layers: [2, 2, 1]
              weights: [[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6]]]
            data: {builtin: xor}

            """
        let run = try parsed(text)
        #expect(run.initialParameters.weights == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        #expect(run.initialParameters.biases == [0, 0, 0])
        #expect(run.initialization == Initialization(seed: nil, scheme: .uniform, explicitWeights: true, explicitBiases: false))
        #expect(run.initialParameters.weight(layer: 1, to: 1, from: 0) == 0.3)

        // With a seed, the biases are drawn from it instead.
        let seeded = try parsed(text.replacingOccurrences(of: "layers: [2, 2, 1]", with: "layers: [2, 2, 1]\n  seed: 9"))
        let drawn = Parameters.random(shape: NetworkShape(layers: [2, 2, 1]), scheme: .uniform, seed: 9)
        #expect(seeded.initialParameters.biases == drawn.biases)
        #expect(seeded.initialization.seed == 9)

        let both = try parsed(text.replacingOccurrences(of: "data:", with: "  biases: [[1, 2], [3]]\ndata:"))
        #expect(both.initialParameters.biases == [1, 2, 3])
        #expect(both.initialization == Initialization(seed: nil, scheme: .uniform, explicitWeights: true, explicitBiases: true))
    }

    @Test func xavierBounds() throws {
        let run = try parsed("network: {layers: [3, 5, 2], init: xavier, seed: 5}\ndata: [{input: [1, 2, 3], target: [0, 1]}]\n")
        let p = run.initialParameters
        let first = p.weights[0..<15], second = p.weights[15..<25]
        let limit1 = (6.0 / 8.0).squareRoot(), limit2 = (6.0 / 7.0).squareRoot()
        #expect(first.allSatisfy { abs($0) <= limit1 })
        #expect(second.allSatisfy { abs($0) <= limit2 })
        // Spread over the range, not squeezed into a corner of it.
        #expect(first.map(abs).max()! > limit1 / 2)
        #expect(second.map(abs).max()! > limit2 / 2)
        #expect(p.biases == [0, 0, 0, 0, 0, 0, 0])
        #expect(run.initialization.scheme == .xavier)
    }

    @Test func logicGates() throws {
        let corners = [[0.0, 0], [0, 1], [1, 0], [1, 1]]
        for (name, targets) in [("xor", [0.0, 1, 1, 0]), ("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1])] {
            let run = try parsed("network: {layers: [2, 2, 1]}\ndata: {builtin: \(name)}\n")
            #expect(run.dataset.examples == zip(corners, targets).map { Example(input: $0, target: [$1]) }, "\(name)")
            #expect(run.dataSource == .builtin(BuiltinDataset(rawValue: name)!, samples: 4, seed: 1, noise: 0))
        }
    }

    @Test(arguments: ["circle", "gaussians", "spiral"])
    func generatedSets(name: String) throws {
        let run = try parsed("network: {layers: [2, 2]}\ndata: {builtin: \(name), samples: 31, seed: 4}\n")
        #expect(run.dataset.count == 31)
        #expect(run.dataSource == .builtin(BuiltinDataset(rawValue: name)!, samples: 31, seed: 4, noise: 0))
        // One-hot targets, the classes alternating from the first example.
        for (i, example) in run.dataset.examples.enumerated() {
            #expect(example.target == (i % 2 == 0 ? [1, 0] : [0, 1]))
            #expect(example.input.count == 2)
        }
        // The same seed draws the same points; another seed other points.
        let again = try parsed("network: {layers: [2, 2]}\ndata: {builtin: \(name), samples: 31, seed: 4}\n")
        #expect(again.dataset == run.dataset)
        if name != "spiral" {
            let other = try parsed("network: {layers: [2, 2]}\ndata: {builtin: \(name), samples: 31, seed: 5}\n")
            #expect(other.dataset.inputs != run.dataset.inputs)
        }
        let noisy = try parsed("network: {layers: [2, 2]}\ndata: {builtin: \(name), samples: 31, seed: 4, noise: 0.1}\n")
        #expect(noisy.dataset.inputs != run.dataset.inputs)
        #expect(noisy.dataset.targets == run.dataset.targets)
    }

    @Test func circleClassesLieInsideAndOnTheRing() throws {
        let run = try parsed("network: {layers: [2, 2]}\ndata: {builtin: circle, samples: 400, seed: 8}\n")
        for (i, example) in run.dataset.examples.enumerated() {
            let r = (example.input[0] * example.input[0] + example.input[1] * example.input[1]).squareRoot()
            if i % 2 == 0 { #expect(r < 0.5 + 1e-12) } else { #expect(r >= 0.7 - 1e-12 && r <= 1 + 1e-12) }
        }
    }

    @Test func renderThemeDigitsAndSignStyle() throws {
        let base = "network: {layers: [2, 3, 1]}\ndata: {builtin: xor}\n"
        let plain = try parsed(base)
        #expect(plain.render.theme == .light && plain.render.digits == 3 && plain.render.signStyle == .solid)
        // Projector prints two decimals unless the file says how many, in either order.
        let projector = try parsed(base + "render: {theme: projector}\n")
        #expect(projector.render.theme == .projector && projector.render.digits == 2)
        #expect(try parsed(base + "render: {theme: projector, digits: 3}\n").render.digits == 3)
        #expect(try parsed(base + "render: {digits: 4, theme: projector}\n").render.digits == 4)
        #expect(try parsed(base + "render: {signStyle: dashed}\n").render.signStyle == .dashed)
        #expect(try parsed(base + "render: {signStyle: solid}\n").render.signStyle == .solid)
    }
}
