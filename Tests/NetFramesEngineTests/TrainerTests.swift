import NetFramesEngine
import Testing

struct TrainerTests {
    func xorTrainer(seed: UInt64, optimizer: Optimizer = .sgd, batchSize: Int = 1) -> Trainer {
        let shape = NetworkShape(layers: [2, 3, 1])
        let setup = TrainingSetup(shape: shape, hidden: .tanh, output: .sigmoid, loss: .crossEntropy, learningRate: 0.5,
                                  optimizer: optimizer, batchSize: batchSize)
        let data = Dataset(examples: BuiltinDataset.xor.examples(samples: 4, seed: 0, noise: 0))
        return Trainer(setup: setup, parameters: .random(shape: shape, scheme: .xavier, seed: seed), dataset: data)
    }

    @Test("XOR is learned: every output ends on the right side of 0.5")
    func learnsXor() throws {
        var trainer = xorTrainer(seed: 7)
        try trainer.train(iterations: 8000)
        var sink = CollectingSink()
        try trainer.train(iterations: 4, into: &sink)
        for s in sink.snapshots where s.phase == .loss {
            let output = try #require(s.activations(of: 2)?.first)
            #expect((output > 0.5) == (s.target.first == 1), "example \(s.example): output \(output)")
        }
    }

    @Test("examples are taken in order and cycle")
    func cycling() throws {
        var trainer = xorTrainer(seed: 1)
        var sink = CollectingSink()
        try trainer.train(iterations: 6, into: &sink)
        let examples = sink.snapshots.filter { $0.phase == .update }.map(\.example)
        #expect(examples == [0, 1, 2, 3, 0, 1])
    }

    @Test("sampling keeps the first K, every N-th and the last iteration")
    func sampling() throws {
        var trainer = xorTrainer(seed: 1)
        var sink = CollectingSink()
        try trainer.train(iterations: 23, sampling: SamplingPolicy(every: 5, first: 2), into: &sink)
        let kept = sink.snapshots.filter { $0.phase == .update }.map(\.iteration)
        #expect(kept == [0, 1, 5, 10, 15, 20, 22])
        #expect(sink.snapshots.count == kept.count * trainer.snapshotsPerStep)
    }

    @Test("sampled and unsampled training give identical parameters")
    func samplingDoesNotChangeTraining() throws {
        var a = xorTrainer(seed: 3), b = xorTrainer(seed: 3)
        var sink = CollectingSink()
        try a.train(iterations: 1000, sampling: SamplingPolicy(every: 7), into: &sink)
        try b.train(iterations: 1000)
        #expect(a.parameters == b.parameters)
    }

    @Test("the same seed gives the same numbers; another seed does not")
    func determinism() throws {
        var a = xorTrainer(seed: 11), b = xorTrainer(seed: 11), c = xorTrainer(seed: 12)
        try a.train(iterations: 500)
        try b.train(iterations: 500)
        try c.train(iterations: 500)
        #expect(a.parameters == b.parameters)
        #expect(a.parameters != c.parameters)
    }

    @Test("SplitMix64 gives the published sequence for seed 0")
    func splitMixReference() {
        var rng = SplitMix64(seed: 0)
        // Reference values of SplitMix64 (Vigna) from seed 0.
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("a snapshot kept by the sink is not changed by later steps")
    func keptSnapshotsAreStable() throws {
        var trainer = xorTrainer(seed: 5)
        var sink = CollectingSink()
        try trainer.train(iterations: 1, into: &sink)
        let kept = sink.snapshots.last!
        let before = Array(kept.weights(into: 1))
        try trainer.train(iterations: 100)
        #expect(Array(kept.weights(into: 1)) == before)
    }

    @Test("each step starts from the last one's new parameters, in kept snapshots too, with any optimizer and batch")
    func stepsChainTheirParameters() throws {
        for (optimizer, batch) in [(Optimizer.sgd, 1), (.sgd, 2), (.defaultAdam, 1), (.momentum(momentum: 0.9, nesterov: false), 3)] {
            var trainer = xorTrainer(seed: 3, optimizer: optimizer, batchSize: batch)
            var sink = CollectingSink()
            try trainer.train(iterations: 5, into: &sink)
            let updates = sink.snapshots.filter { $0.phase == .update }
            let firsts = sink.snapshots.filter { $0.phase == .forward && $0.layer == 1 && $0.batchPosition == 0 }
            #expect(updates.count == 5 && firsts.count == 5)
            for (update, next) in zip(updates, firsts.dropFirst()) {
                #expect(update.parameters == next.parameters, "\(optimizer) batch \(batch)")
                #expect(Array(update.weights(into: 2)) == Array(next.previousWeights(into: 2)))
            }
            for (first, update) in zip(firsts, updates) {
                #expect(first.parameters.weights == (1...2).flatMap { Array(update.previousWeights(into: $0)) })
                #expect(first.parameters != update.parameters)
            }
            #expect(trainer.parameters == updates.last!.parameters)
        }
    }

    @Test("a thrown divergence leaves the last good parameters; a logged one trains on from the diverged step")
    func divergenceAndParameters() throws {
        let shape = NetworkShape(layers: [1, 1])
        let setup = TrainingSetup(shape: shape, hidden: .sigmoid, output: .linear, loss: .mse, learningRate: 1e6)
        let data = Dataset(examples: [Example(input: [100], target: [0])])
        let start = Parameters(shape: shape, weights: [1], biases: [0])
        var trainer = Trainer(setup: setup, parameters: start, dataset: data)
        var sink = CollectingSink()
        #expect(throws: TrainingError.self) { try trainer.train(iterations: 100, into: &sink) }
        let lastGood = try #require(sink.snapshots.last(where: { $0.phase == .update })).parameters
        #expect(trainer.parameters == lastGood)
        #expect(trainer.parameters.weights.allSatisfy { $0.isFinite })

        var logged = Trainer(setup: setup, parameters: start, dataset: data)
        logged.divergenceLog = DivergenceLog()
        var all = CollectingSink()
        let thrownAt = sink.snapshots.count / 4
        try logged.train(iterations: thrownAt + 4, into: &all)
        let updates = all.snapshots.filter { $0.phase == .update }
        for (update, next) in zip(updates, updates.dropFirst()) {
            #expect(Array(update.weights(into: 1)).elementsEqual(next.previousWeights(into: 1)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
        guard case let .diverged(iteration, _)? = logged.divergenceLog?.first else {
            Issue.record("the logged run did not diverge")
            return
        }
        #expect(updates.count == iteration + 4, "the logged run trains on past its diverged step")
        #expect(logged.iteration == updates.count)
    }

    @Test("divergence stops training with the iteration named, and no snapshot of it")
    func divergence() throws {
        let shape = NetworkShape(layers: [1, 1])
        let setup = TrainingSetup(shape: shape, hidden: .sigmoid, output: .linear, loss: .mse, learningRate: 1e6)
        var trainer = Trainer(setup: setup, parameters: Parameters(shape: shape, weights: [1], biases: [0]),
                              dataset: Dataset(examples: [Example(input: [100], target: [0])]))
        var sink = CollectingSink()
        #expect(throws: TrainingError.self) { try trainer.train(iterations: 100, into: &sink) }
        do {
            var again = Trainer(setup: setup, parameters: Parameters(shape: shape, weights: [1], biases: [0]),
                                dataset: trainer.dataset)
            var s = CollectingSink()
            try again.train(iterations: 100, into: &s)
        } catch let TrainingError.diverged(iteration, _) {
            #expect(sink.snapshots.count == iteration * 4)
            #expect(sink.snapshots.allSatisfy { $0.loss.map(\.isFinite) ?? true })
            #expect(iteration > 0 && iteration < 100)
        }
    }

    @Test("a diverged step names what stopped being finite: a pre-activation, the loss, or a weight or bias")
    func divergenceNamesItsCause() throws {
        // Linear output and squared error, target 0, biases 0; a hidden layer is sigmoid.
        func firstStep(_ layers: [Int], learningRate: Double, weights: [Double], input: Double,
                       batchSize: Int = 1, trainBiases: Bool = true) throws {
            let shape = NetworkShape(layers: layers)
            let setup = TrainingSetup(shape: shape, hidden: .sigmoid, output: .linear, loss: .mse, learningRate: learningRate,
                                      trainBiases: trainBiases, batchSize: batchSize)
            let biases = Array(repeating: 0.0, count: shape.biasCount)
            var trainer = Trainer(setup: setup, parameters: Parameters(shape: shape, weights: weights, biases: biases),
                                  dataset: Dataset(examples: [Example(input: [input], target: [0])]))
            try trainer.train(iterations: 1)
        }
        // z₁ = 1e308 · 10 overflows, but σ(z₁) = 1, so the loss (½) and the update stay finite.
        #expect(throws: TrainingError.diverged(iteration: 0, what: "a pre-activation")) {
            try firstStep([1, 1, 1], learningRate: 0.1, weights: [1e308, 1], input: 10)
        }
        // z = 1e200 is finite, ½z² is not; the new weight 1e200 − 0.1 · 1e200 is.
        #expect(throws: TrainingError.diverged(iteration: 0, what: "the loss")) {
            try firstStep([1, 1], learningRate: 0.1, weights: [1e200], input: 1)
        }
        // z = 1e154 and ½z² = 5e307 are finite; ∂L/∂w = z · x = 1e308, and 10 times that is not.
        // Plain SGD on one example descends during backpropagation; on a batch of two, or
        // with the biases left alone, in `update`: each must still find the ∞.
        for (batchSize, trainBiases) in [(1, true), (2, true), (1, false)] {
            #expect(throws: TrainingError.diverged(iteration: 0, what: "a weight or bias")) {
                try firstStep([1, 1], learningRate: 10, weights: [1], input: 1e154,
                              batchSize: batchSize, trainBiases: trainBiases)
            }
        }
    }

    @Test("finite parameters whose sum overflows are not taken for divergence", arguments: [1, 2])
    func hugeFiniteParameters(batchSize: Int) throws {
        // Plain SGD checks its new parameters by adding them up; four weights of 1.5e308 sum
        // to ∞ though each is finite. The input is 0, so those weights' gradients are 0 and
        // they stay as they are: the step must read them and train on. (A batch of one
        // takes the descent made during backpropagation; a batch of two, `update`.)
        let shape = NetworkShape(layers: [2, 2, 1])
        let setup = TrainingSetup(shape: shape, hidden: .sigmoid, output: .linear, loss: .mse, learningRate: 0.1,
                                  batchSize: batchSize)
        let huge = 1.5e308
        let start = Parameters(shape: shape, weights: [huge, huge, huge, huge, 1, 1], biases: [0, 0, 0])
        var trainer = Trainer(setup: setup, parameters: start,
                              dataset: Dataset(examples: [Example(input: [0, 0], target: [0.25])]))
        try trainer.train(iterations: 3)
        #expect(Array(trainer.parameters.weights[0..<4]) == [huge, huge, huge, huge])
        #expect(trainer.parameters.weights[4] != 1, "the output layer learned")
        #expect((trainer.parameters.weights + trainer.parameters.biases).allSatisfy { $0.isFinite })
    }

    @Test("built-in sets: sizes, one-hot targets, determinism by seed")
    func builtinSets() {
        for set in BuiltinDataset.allCases where set.isGenerated {
            let a = set.examples(samples: 50, seed: 4, noise: 0.1)
            #expect(a.count == 50)
            // One-hot over the set's classes, the classes taking turns.
            let k = set.targetCount
            #expect(k == (set == .blobs ? 3 : 2))
            #expect(a.enumerated().allSatisfy { i, e in
                e.input.count == 2 && e.target == (0..<k).map { $0 == i % k ? 1 : 0 }
            })
            #expect(a == set.examples(samples: 50, seed: 4, noise: 0.1))
            #expect(a != set.examples(samples: 50, seed: 5, noise: 0.1))
        }
        #expect(BuiltinDataset.xor.examples(samples: 0, seed: 0, noise: 0).map(\.target) == [[0], [1], [1], [0]])
        #expect(BuiltinDataset.and.examples(samples: 0, seed: 0, noise: 0).map(\.target) == [[0], [0], [0], [1]])
        #expect(BuiltinDataset.or.examples(samples: 0, seed: 0, noise: 0).map(\.target) == [[0], [1], [1], [1]])
    }
}

extension TrainerTests {
    @Test("sampling stays exact when a trainer is resumed mid-run, and bare training can be resumed too")
    func resumedSampling() throws {
        var trainer = xorTrainer(seed: 2)
        try trainer.train(iterations: 7)  // every Int.max, from 0 and from 7
        try trainer.train(iterations: 3)
        var sink = CollectingSink()
        try trainer.train(iterations: 20, sampling: SamplingPolicy(every: 6, first: 12), into: &sink)
        let kept = sink.snapshots.filter { $0.phase == .update }.map(\.iteration)
        // Iterations 10…29: those below 12, multiples of 6, and the last — as `keeps` says.
        #expect(kept == [10, 11, 12, 18, 24, 29])
        let policy = SamplingPolicy(every: 6, first: 12)
        #expect(kept == (10..<30).filter { policy.keeps(iteration: $0, total: 30) })
        #expect(sink.snapshots.filter { $0.phase == .update }.map(\.example) == kept.map { $0 % 4 })
    }
}
