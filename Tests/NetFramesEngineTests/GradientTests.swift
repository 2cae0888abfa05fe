import NetFramesEngine
import Testing

/// Backpropagation's gradients must equal the slope of the loss itself, measured by
/// central finite differences, for every pairing of hidden activation, output and loss.
struct GradientTests {
    static var combinations: [(Activation, Activation, Loss)] {
        var result: [(Activation, Activation, Loss)] = []
        for hidden in Activation.hiddenChoices {
            for output in Activation.outputChoices {
                for loss in Loss.allCases where loss.accepts(output: output) {
                    result.append((hidden, output, loss))
                }
            }
        }
        return result
    }

    @Test("there are 15 valid pairings (linear output takes mse only)")
    func pairingCount() {
        #expect(Self.combinations.count == 15)
    }

    @Test("weight and bias gradients match central finite differences",
          arguments: 0..<15)
    func gradientsMatchFiniteDifferences(index: Int) throws {
        let (hidden, output, loss) = Self.combinations[index]
        for trial in 0..<3 {
            var rng = SplitMix64(seed: UInt64(100 * index + trial))
            let layers = [3, 2 + Int(rng.next() % 4), 2 + Int(rng.next() % 3), 2 + Int(rng.next() % 3)]
            let shape = NetworkShape(layers: layers)
            let setup = TrainingSetup(shape: shape, hidden: hidden, output: output, loss: loss, learningRate: 0.1)
            let parameters = Parameters.random(shape: shape, scheme: .uniform, seed: rng.next())
            let input = (0..<3).map { _ in rng.nextUniform(-2, 2) }
            var target: [Double]
            switch (output, loss) {
            case (.softmax, _):
                target = Array(repeating: 0, count: shape.outputCount)
                target[Int(rng.next() % UInt64(shape.outputCount))] = 1
            case (.sigmoid, _):
                target = (0..<shape.outputCount).map { _ in rng.nextUnit() }
            default:
                target = (0..<shape.outputCount).map { _ in rng.nextUniform(-1, 1) }
            }
            let example = Example(input: input, target: target)
            let update = try #require(try snapshotsOfOneStep(setup, parameters, example).last)
            #expect(update.phase == .update)

            let h = 1e-6
            for i in 0..<shape.weightCount {
                var plus = parameters, minus = parameters
                plus.weights[i] += h
                minus.weights[i] -= h
                let numeric = (try lossOf(setup, plus, example) - lossOf(setup, minus, example)) / (2 * h)
                let layer = shape.weightOffsets.lastIndex { $0 <= i }! + 1
                let analytic = update.weightGradients(into: layer)!
                let value = analytic[analytic.startIndex + i - shape.weightOffsets[layer - 1]]
                #expect(abs(numeric - value) < 1e-6 * max(1, abs(numeric)),
                        "\(hidden)/\(output)/\(loss) \(layers) weight \(i): backprop \(value), finite difference \(numeric)")
            }
            for i in 0..<shape.biasCount {
                var plus = parameters, minus = parameters
                plus.biases[i] += h
                minus.biases[i] -= h
                let numeric = (try lossOf(setup, plus, example) - lossOf(setup, minus, example)) / (2 * h)
                let layer = shape.biasOffsets.lastIndex { $0 <= i }! + 1
                let analytic = update.biasGradients(of: layer)!
                let value = analytic[analytic.startIndex + i - shape.biasOffsets[layer - 1]]
                #expect(abs(numeric - value) < 1e-6 * max(1, abs(numeric)),
                        "\(hidden)/\(output)/\(loss) \(layers) bias \(i): backprop \(value), finite difference \(numeric)")
            }
        }
    }

    @Test("softmax cross-entropy stays finite when the network is very sure")
    func stableSoftmaxCrossEntropy() throws {
        let shape = NetworkShape(layers: [1, 3])
        let setup = TrainingSetup(shape: shape, hidden: .sigmoid, output: .softmax, loss: .crossEntropy, learningRate: 0.1)
        // z = [1000, 0, -1000]; the target is the least likely class: loss = 2000 exactly.
        let parameters = Parameters(shape: shape, weights: [1000, 0, -1000], biases: [0, 0, 0])
        let loss = try lossOf(setup, parameters, Example(input: [1], target: [0, 0, 1]))
        #expect(loss == 2000)
    }

    @Test("sigmoid cross-entropy is the binary form, finite for saturated outputs")
    func binaryCrossEntropy() throws {
        let shape = NetworkShape(layers: [1, 2])
        let setup = TrainingSetup(shape: shape, hidden: .sigmoid, output: .sigmoid, loss: .crossEntropy, learningRate: 0.1)
        let parameters = Parameters(shape: shape, weights: [0, 800], biases: [0, 0])
        // z = [0, 800], t = [1, 0]: −log σ(0) − log(1 − σ(800)) = log 2 + 800 (to double precision)
        let loss = try lossOf(setup, parameters, Example(input: [1], target: [1, 0]))
        #expect(isClose(loss, 800 + 0.6931471805599453, tolerance: 1e-12))
    }
}
