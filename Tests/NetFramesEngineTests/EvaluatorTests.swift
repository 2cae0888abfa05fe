import NetFramesEngine
import Testing

/// The evaluator runs the trainer's forward pass without recording: its predictions and
/// mean loss must be the trainer's own numbers, bit for bit, at every width.
struct EvaluatorTests {
    @Test("predictions equal the trainer's output activations and the mean loss its losses, bit for bit",
          arguments: 0..<15)
    func evaluatorMatchesTheTrainer(index: Int) throws {
        let (hidden, output, loss) = GradientTests.combinations[index]
        for layers in [[4, 8, 8, 3], [3, 12, 9, 5], [9, 7, 1], [1, 1, 2]] {
            var rng = SplitMix64(seed: UInt64(52_000 + 10 * index + layers.count))
            let shape = NetworkShape(layers: layers)
            let setup = TrainingSetup(shape: shape, hidden: hidden, output: output, loss: loss, learningRate: 0.1)
            let examples = (0..<6).map { _ in
                Example(input: (0..<shape.inputCount).map { _ in rng.nextUniform(-3, 3) },
                        target: ScalarReference.target(output: output, count: shape.outputCount, rng: &rng))
            }
            let parameters = Parameters.random(shape: shape, scheme: .uniform, seed: rng.next())
            let dataset = Dataset(examples: examples)
            var evaluator = Evaluator(setup: setup)
            var losses = 0.0
            for example in examples {
                let snapshots = try snapshotsOfOneStep(setup, parameters, example)
                let last = try #require(snapshots.last { $0.phase == .forward })
                var predicted: [Double] = []
                example.input.withUnsafeBufferPointer { evaluator.predict($0, parameters: parameters, into: &predicted) }
                let recorded = try #require(last.activations(of: shape.layerCount - 1))
                #expect(predicted.map(\.bitPattern) == recorded.map(\.bitPattern), "\(hidden)/\(output) \(layers)")
                losses += try #require(snapshots.first { $0.phase == .loss }?.loss)
            }
            let mean = evaluator.meanLoss(parameters: parameters, dataset: dataset)
            #expect(mean.bitPattern == (losses / Double(examples.count)).bitPattern, "\(hidden)/\(output)/\(loss) \(layers)")
        }
    }
}
