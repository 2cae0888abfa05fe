import NetFramesEngine
import Testing

/// The unsafe views give exactly what the safe accessors give, and each moment's
/// `computed` block is exactly the numbers that moment produced.
struct SnapshotValuesTests {
    func oneStep() throws -> [Snapshot] {
        let shape = NetworkShape(layers: [3, 4, 2])
        let setup = TrainingSetup(shape: shape, hidden: .tanh, output: .softmax, loss: .crossEntropy, learningRate: 0.3)
        return try snapshotsOfOneStep(setup, .random(shape: shape, scheme: .uniform, seed: 9),
                                      Example(input: [0.5, -1, 2], target: [0, 1]))
    }

    @Test("computed holds each moment's new numbers, in order")
    func computedBlocks() throws {
        for s in try oneStep() {
            let computed = s.withValues { Array($0.computed) }
            let expected: [Double]
            switch s.phase {
            case .forward:
                expected = Array(s.preActivations(of: s.layer!)!) + Array(s.activations(of: s.layer!)!)
            case .loss:
                expected = [s.loss!]
            case .backward:
                let l = s.layer!
                expected = Array(s.deltas(of: l)!) + Array(s.weightGradients(into: l)!)
                #expect(Array(s.biasGradients(of: l)!) == Array(s.deltas(of: l)!))
            case .update:
                expected = Array(s.weights(into: 1)) + Array(s.weights(into: 2)) + Array(s.biases(of: 1)) + Array(s.biases(of: 2))
            }
            #expect(computed == expected, "\(s.phase) \(String(describing: s.layer))")
            #expect(s.withValues { $0.updateMeansAndState.count } == 0, "plain SGD on one example keeps no more")
        }
    }

    @Test("an update's means and optimizer state follow its new parameters in updateMeansAndState")
    func meansAndState() throws {
        let shape = NetworkShape(layers: [2, 3, 2])
        let setup = TrainingSetup(shape: shape, hidden: .sigmoid, output: .sigmoid, loss: .mse,
                                  learningRate: 0.1, optimizer: .defaultAdam, batchSize: 2)
        var trainer = Trainer(setup: setup, parameters: .random(shape: shape, scheme: .uniform, seed: 4),
                              dataset: Dataset(examples: [Example(input: [0.5, -1], target: [0, 1]),
                                                          Example(input: [1, 2], target: [1, 0])]))
        var sink = CollectingSink()
        try trainer.train(iterations: 3, into: &sink)
        for update in sink.snapshots where update.phase == .update {
            let (computed, rest) = update.withValues { (Array($0.computed), Array($0.updateMeansAndState)) }
            #expect(computed == Array(update.parameters.weights) + Array(update.parameters.biases))
            let means = [update.loss!] + (1...2).flatMap { Array(update.weightGradients(into: $0)!) }
                + (1...2).flatMap { Array(update.biasGradients(of: $0)!) }
            let m = try #require(update.optimizerState("m")), v = try #require(update.optimizerState("v"))
            #expect(rest == means + m.weights + m.biases + v.weights + v.biases)
            #expect(update.withValues { $0.stepInputs.parameters.elementsEqual(
                Array(update.previousWeights(into: 1)) + Array(update.previousWeights(into: 2))
                    + Array(update.previousBiases(of: 1)) + Array(update.previousBiases(of: 2))) })
        }
        for other in sink.snapshots where other.phase != .update {
            #expect(other.withValues { $0.updateMeansAndState.isEmpty })
        }
    }

    @Test("stepInputs holds the example and the starting parameters")
    func stepInputs() throws {
        let first = try #require(try oneStep().first)
        let (example, parameters) = first.withValues { (Array($0.stepInputs.example), Array($0.stepInputs.parameters)) }
        #expect(example == [0.5, -1, 2, 0, 1])
        #expect(parameters == Array(first.previousWeights(into: 1)) + Array(first.previousWeights(into: 2))
            + Array(first.previousBiases(of: 1)) + Array(first.previousBiases(of: 2)))
    }

    @Test("the unsafe accessors agree with the safe ones in every moment")
    func viewsAgree() throws {
        for s in try oneStep() {
            s.withValues { v in
                for l in 0..<3 {
                    #expect(v.activations(of: l).map(Array.init) == s.activations(of: l).map(Array.init))
                    #expect(v.preActivations(of: l).map(Array.init) == s.preActivations(of: l).map(Array.init))
                    #expect(v.deltas(of: l).map(Array.init) == s.deltas(of: l).map(Array.init))
                    if l > 0 {
                        #expect(v.weightGradients(into: l).map(Array.init) == s.weightGradients(into: l).map(Array.init))
                        #expect(Array(v.weights(into: l)) == Array(s.weights(into: l)))
                        #expect(Array(v.biases(of: l)) == Array(s.biases(of: l)))
                    }
                }
                #expect(v.loss == s.loss)
            }
        }
    }
}
