import Foundation
import NetFramesEngine
import Testing

/// The engine computes two neurons at a time; it must give the very bits a plain loop over
/// one neuron at a time gives, since every frame and trace is checked byte for byte.
/// `ScalarReference` is that plain loop, each sum in the order the engine documents.
struct ScalarReferenceTests {
    @Test("every recorded number equals the one-neuron-at-a-time computation, bit for bit",
          arguments: 0..<15)
    func pairedArithmeticIsExact(index: Int) throws {
        let (hidden, output, loss) = GradientTests.combinations[index]
        for trial in 0..<4 {
            var rng = SplitMix64(seed: UInt64(7_000 + 10 * index + trial))
            // Odd and even widths, so pairs and lone last neurons both occur.
            let layers = (0..<(2 + Int(rng.next() % 3))).map { _ in 1 + Int(rng.next() % 9) }
            let shape = NetworkShape(layers: layers)
            let setup = TrainingSetup(shape: shape, hidden: hidden, output: output, loss: loss,
                                      learningRate: 0.3, biasLearningRate: 0.2)
            let examples = (0..<5).map { _ in
                Example(input: (0..<shape.inputCount).map { _ in rng.nextUniform(-3, 3) },
                        target: ScalarReference.target(output: output, count: shape.outputCount, rng: &rng))
            }
            var reference = ScalarReference(setup: setup,
                                            parameters: .random(shape: shape, scheme: .uniform, seed: rng.next()))
            var trainer = Trainer(setup: setup, parameters: reference.parameters, dataset: Dataset(examples: examples))
            for step in 0..<12 {
                let example = examples[step % examples.count]
                let expected = reference.step(example)
                var sink = CollectingSink()
                try trainer.train(iterations: 1, into: &sink)
                let update = try #require(sink.snapshots.last)
                let what = "\(hidden)/\(output)/\(loss) \(layers) step \(step)"
                #expect(bits(try #require(update.loss)) == bits(expected.loss), "\(what): loss")
                for l in 1..<shape.layerCount {
                    #expect(bits(update.preActivations(of: l)!) == bits(expected.z[l]), "\(what): z of layer \(l)")
                    #expect(bits(update.activations(of: l)!) == bits(expected.a[l]), "\(what): a of layer \(l)")
                    #expect(bits(update.deltas(of: l)!) == bits(expected.delta[l]), "\(what): δ of layer \(l)")
                    #expect(bits(update.weightGradients(into: l)!) == bits(expected.weightGradients[l]),
                            "\(what): ∂L/∂W into layer \(l)")
                    #expect(bits(update.biasGradients(of: l)!) == bits(expected.delta[l]), "\(what): ∂L/∂b of layer \(l)")
                }
                #expect(bits(update.parameters.weights) == bits(reference.parameters.weights), "\(what): new weights")
                #expect(bits(update.parameters.biases) == bits(reference.parameters.biases), "\(what): new biases")
            }
        }
    }

    private func bits(_ x: Double) -> UInt64 { x.bitPattern }
    private func bits<C: Collection<Double>>(_ xs: C) -> [UInt64] { xs.map(\.bitPattern) }
}

/// Plain SGD on one example, one neuron at a time: the computation the engine must reproduce.
struct ScalarReference {
    let setup: TrainingSetup
    var parameters: Parameters

    /// What one step computed, indexed by layer (index 0 unused except a[0] = x).
    struct Step {
        var z: [[Double]], a: [[Double]], delta: [[Double]], weightGradients: [[Double]]
        var loss: Double
    }

    /// A target the output activation can reach: one-hot for softmax, in (0, 1) for sigmoid.
    static func target(output: Activation, count: Int, rng: inout SplitMix64) -> [Double] {
        switch output {
        case .softmax:
            var t = Array(repeating: 0.0, count: count)
            t[Int(rng.next() % UInt64(count))] = 1
            return t
        case .sigmoid: return (0..<count).map { _ in rng.nextUnit() }
        default: return (0..<count).map { _ in rng.nextUniform(-1, 1) }
        }
    }

    mutating func step(_ example: Example) -> Step {
        let shape = setup.shape, L = shape.layerCount - 1
        let t = example.target
        var s = Step(z: [[]], a: [example.input], delta: Array(repeating: [], count: L + 1),
                     weightGradients: Array(repeating: [], count: L + 1), loss: 0)
        var logSumExp = 0.0
        for l in 1...L {
            let nIn = shape.layers[l - 1], nOut = shape.layers[l]
            let z = (0..<nOut).map { j -> Double in
                var sum = parameters.bias(layer: l, neuron: j)
                for k in 0..<nIn { sum += parameters.weight(layer: l, to: j, from: k) * s.a[l - 1][k] }
                return sum
            }
            let f = l == L ? setup.output : setup.hidden
            var a: [Double]
            switch f {
            case .sigmoid: a = z.map { 1 / (1 + exp(-$0)) }
            case .tanh: a = z.map { tanh($0) }
            case .relu: a = z.map { $0 > 0 ? $0 : 0 }
            case .linear: a = z
            case .softmax:
                var m = -Double.infinity
                for v in z where v > m { m = v }
                a = z.map { exp($0 - m) }
                var sum = 0.0
                for e in a { sum += e }
                let inv = 1 / sum
                a = a.map { $0 * inv }
                logSumExp = m + log(sum)
            }
            s.z.append(z)
            s.a.append(a)
        }
        let a = s.a[L], z = s.z[L], n = shape.outputCount
        var sumT = 0.0
        for v in t { sumT += v }
        switch (setup.loss, setup.output) {
        case (.crossEntropy, .softmax):
            var sumTZ = 0.0
            for i in 0..<n { sumTZ += t[i] * z[i] }
            s.loss = sumT * logSumExp - sumTZ
            s.delta[L] = (0..<n).map { a[$0] * sumT - t[$0] }
        case (.crossEntropy, _):
            func softplus(_ x: Double) -> Double { x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)) }
            for i in 0..<n { s.loss += t[i] * softplus(-z[i]) + (1 - t[i]) * softplus(z[i]) }
            s.delta[L] = (0..<n).map { a[$0] - t[$0] }
        case (.mse, let f):
            var sq = 0.0
            for i in 0..<n { sq += (a[i] - t[i]) * (a[i] - t[i]) }
            s.loss = 0.5 * sq
            if f == .softmax {
                var dot = 0.0
                for i in 0..<n { dot += (a[i] - t[i]) * a[i] }
                s.delta[L] = (0..<n).map { a[$0] * ((a[$0] - t[$0]) - dot) }
            } else {
                s.delta[L] = (0..<n).map { (a[$0] - t[$0]) * Self.derivative(f, z: z[$0], a: a[$0]) }
            }
        }
        for l in stride(from: L, through: 1, by: -1) {
            if l < L {
                s.delta[l] = (0..<shape.layers[l]).map { j in
                    var sum = 0.0
                    for i in 0..<shape.layers[l + 1] { sum += parameters.weight(layer: l + 1, to: i, from: j) * s.delta[l + 1][i] }
                    return sum * Self.derivative(setup.hidden, z: s.z[l][j], a: s.a[l][j])
                }
            }
            s.weightGradients[l] = s.delta[l].flatMap { d in s.a[l - 1].map { d * $0 } }
        }
        var weights = parameters.weights, biases = parameters.biases
        for l in 1...L {
            let w0 = shape.weightOffsets[l - 1], b0 = shape.biasOffsets[l - 1]
            for (i, g) in s.weightGradients[l].enumerated() { weights[w0 + i] -= setup.learningRate * g }
            if setup.trainBiases {
                for (j, g) in s.delta[l].enumerated() { biases[b0 + j] -= setup.biasLearningRate * g }
            }
        }
        parameters = Parameters(shape: shape, weights: weights, biases: biases)
        return s
    }

    static func derivative(_ f: Activation, z: Double, a: Double) -> Double {
        switch f {
        case .sigmoid, .softmax: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        case .linear: return 1
        }
    }
}
