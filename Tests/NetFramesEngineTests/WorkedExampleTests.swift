import NetFramesEngine
import Testing

/// A [2, 1, 1] network worked by hand: sigmoid hidden neuron, linear output, squared error.
///
/// x = (1, 2), W₁ = (0.5, −0.25), b₁ = 0.1, W₂ = 2, b₂ = −0.5, t = 1, η = 0.1.
/// z₁ = 0.5 − 0.5 + 0.1 = 0.1; a₁ = σ(0.1) = 0.52497918747894
/// z₂ = 2a₁ − 0.5 = 0.54995837495788 = a₂; L = ½(a₂ − 1)² = 0.10126873213527605
/// δ₂ = a₂ − t = −0.45004162504212; ∂L/∂W₂ = δ₂a₁ = −0.23626248664631394
/// δ₁ = W₂δ₂ · a₁(1 − a₁) = −0.22445919674995626; ∂L/∂W₁ = δ₁x = (−0.2244591967…, −0.4489183934…)
/// W₁ ← (0.5224459196749957, −0.20510816065000875), b₁ ← 0.12244591967499563,
/// W₂ ← 2.0236262486646313, b₂ ← −0.454995837495788
struct WorkedExampleTests {
    let setup = TrainingSetup(shape: NetworkShape(layers: [2, 1, 1]), hidden: .sigmoid, output: .linear,
                              loss: .mse, learningRate: 0.1)
    var parameters: Parameters {
        Parameters(shape: setup.shape, weights: [0.5, -0.25, 2.0], biases: [0.1, -0.5])
    }
    let example = Example(input: [1, 2], target: [1])

    func expectNear(_ actual: Double?, _ expected: Double, _ what: String) {
        #expect(actual != nil && abs(actual! - expected) < 1e-9, "\(what): \(String(describing: actual)) ≠ \(expected)")
    }

    @Test("every recorded number matches the hand computation to 1e-9")
    func handWorked() throws {
        let s = try snapshotsOfOneStep(setup, parameters, example)
        #expect(s.map(\.phase) == [.forward, .forward, .loss, .backward, .backward, .update])
        #expect(s.map(\.layer) == [1, 2, nil, 2, 1, nil])

        expectNear(s[0].preActivations(of: 1)?.first, 0.1, "z₁")
        expectNear(s[0].activations(of: 1)?.first, 0.52497918747894, "a₁")
        expectNear(s[1].activations(of: 2)?.first, 0.54995837495788, "a₂")
        expectNear(s[2].loss, 0.10126873213527605, "L")
        expectNear(s[3].deltas(of: 2)?.first, -0.45004162504212, "δ₂")
        expectNear(s[3].weightGradients(into: 2)?.first, -0.23626248664631394, "∂L/∂W₂")
        expectNear(s[4].deltas(of: 1)?.first, -0.22445919674995626, "δ₁")
        let g1 = try #require(s[4].weightGradients(into: 1))
        expectNear(g1.first, -0.22445919674995626, "∂L/∂W₁[0]")
        expectNear(g1.last, -0.4489183934999125, "∂L/∂W₁[1]")

        let update = s[5]
        expectNear(update.weight(into: 1, to: 0, from: 0), 0.5224459196749957, "new W₁[0]")
        expectNear(update.weight(into: 1, to: 0, from: 1), -0.20510816065000875, "new W₁[1]")
        expectNear(update.weight(into: 2, to: 0, from: 0), 2.0236262486646313, "new W₂")
        expectNear(update.biases(of: 1).first, 0.12244591967499563, "new b₁")
        expectNear(update.biases(of: 2).first, -0.454995837495788, "new b₂")
        // The old values stay readable in the update snapshot, for old → new labels.
        #expect(Array(update.previousWeights(into: 1)) == [0.5, -0.25])
    }

    @Test("snapshots show only what has been computed so far")
    func visibility() throws {
        let s = try snapshotsOfOneStep(setup, parameters, example)
        #expect(s[0].activations(of: 2) == nil && s[0].preActivations(of: 0) == nil)
        #expect(s[0].loss == nil && s[1].loss == nil && s[2].loss != nil)
        #expect(s[2].deltas(of: 2) == nil)
        #expect(s[3].deltas(of: 2) != nil && s[3].deltas(of: 1) == nil && s[3].weightGradients(into: 1) == nil)
        // Weights before the update are the starting ones; the update shows the new ones.
        #expect(Array(s[4].weights(into: 2)) == [2.0])
        #expect(Array(s[5].weights(into: 2)) != [2.0])
    }

    @Test("trainBiases false keeps biases; biasLearningRate scales only biases")
    func biasRules() throws {
        var frozen = setup
        frozen.trainBiases = false
        let a = try #require(try snapshotsOfOneStep(frozen, parameters, example).last)
        #expect(Array(a.biases(of: 1)) == [0.1] && Array(a.biases(of: 2)) == [-0.5])

        var slow = setup
        slow.biasLearningRate = 0.01
        let b = try #require(try snapshotsOfOneStep(slow, parameters, example).last)
        expectNear(b.biases(of: 1).first, 0.1 + 0.01 * 0.22445919674995626, "b₁ at η_b = 0.01")
        expectNear(b.weight(into: 2, to: 0, from: 0), 2.0236262486646313, "W₂ still at η = 0.1")
    }

    @Test("the next step starts from the updated parameters")
    func chaining() throws {
        var trainer = Trainer(setup: setup, parameters: parameters, dataset: Dataset(examples: [example]))
        var sink = CollectingSink()
        try trainer.train(iterations: 2, into: &sink)
        let second = sink.snapshots[6]
        #expect(second.iteration == 1)
        expectNear(second.weight(into: 2, to: 0, from: 0), 2.0236262486646313, "W₂ at the start of step 2")
        #expect(trainer.parameters.weights == Array(sink.snapshots.last!.weights(into: 1)) + Array(sink.snapshots.last!.weights(into: 2)))
    }
}
