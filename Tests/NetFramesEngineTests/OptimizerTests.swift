import NetFramesEngine
import Testing

/// Each optimizer's step worked by hand on a network of one weight and one bias:
/// z = w·x + b, linear output, L = ½(z − t)², so ∂L/∂w = (z − t)·x and ∂L/∂b = z − t.
/// With w = 0.5, b = 0.1, x = 2, t = 1: z = 1.1, ∂L/∂w = 0.2, ∂L/∂b = 0.1.
struct OptimizerTests {
    static let shape = NetworkShape(layers: [1, 1])
    static let start = Parameters(shape: shape, weights: [0.5], biases: [0.1])
    static let data = Dataset(examples: [Example(input: [2], target: [1])])

    static func setup(_ optimizer: Optimizer, rate: Double, decay: Double = 0, trainBiases: Bool = true) -> TrainingSetup {
        TrainingSetup(shape: shape, hidden: .sigmoid, output: .linear, loss: .mse, learningRate: rate,
                      trainBiases: trainBiases, optimizer: optimizer, weightDecay: decay)
    }

    /// The update snapshots of `steps` steps.
    static func updates(_ setup: TrainingSetup, steps: Int) throws -> [Snapshot] {
        var trainer = Trainer(setup: setup, parameters: start, dataset: data)
        var sink = CollectingSink()
        try trainer.train(iterations: steps, into: &sink)
        return sink.snapshots.filter { $0.phase == .update }
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 }

    @Test("one Adam step: m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g², so each parameter moves by η·|g|/(|g| + ε)")
    func adamStep() throws {
        let update = try #require(try Self.updates(Self.setup(.defaultAdam, rate: 0.01), steps: 1).first)
        // w: m = 0.02, v = 0.00004, m̂ = 0.2, √v̂ = 0.2; w′ = 0.5 − 0.01 · 0.2 / (0.2 + 1e-8) = 0.4900000005
        #expect(Self.close(update.weight(into: 1, to: 0, from: 0), 0.4900000005))
        // b: m = 0.01, v = 0.00001, m̂ = 0.1, √v̂ = 0.1; b′ = 0.1 − 0.01 · 0.1 / (0.1 + 1e-8) = 0.090000001
        #expect(Self.close(update.bias(of: 1, neuron: 0), 0.090000001))
        let m = try #require(update.optimizerState("m")), v = try #require(update.optimizerState("v"))
        #expect(Self.close(m.weights[0], 0.02) && Self.close(m.biases[0], 0.01))
        #expect(Self.close(v.weights[0], 0.00004) && Self.close(v.biases[0], 0.00001))
        #expect(update.optimizerStep == 1)
        #expect(update.optimizerState("velocity") == nil)
    }

    @Test("three momentum steps (μ = 0.9, η = 0.1) carry the velocity on")
    func momentumSteps() throws {
        let updates = try Self.updates(Self.setup(.defaultMomentum, rate: 0.1), steps: 3)
        try #require(updates.count == 3)
        // 1: g = (0.2, 0.1); v = g; w = 0.5 − 0.02 = 0.48, b = 0.1 − 0.01 = 0.09
        // 2: z = 1.05, g = (0.1, 0.05); v = (0.9·0.2 + 0.1, 0.9·0.1 + 0.05) = (0.28, 0.14); w = 0.452, b = 0.076
        // 3: z = 0.98, g = (−0.04, −0.02); v = (0.252 − 0.04, 0.126 − 0.02) = (0.212, 0.106); w = 0.4308, b = 0.0654
        let expected: [(w: Double, b: Double, vw: Double, vb: Double)] = [
            (0.48, 0.09, 0.2, 0.1), (0.452, 0.076, 0.28, 0.14), (0.4308, 0.0654, 0.212, 0.106),
        ]
        for (update, e) in zip(updates, expected) {
            let velocity = try #require(update.optimizerState("velocity"))
            #expect(Self.close(update.weight(into: 1, to: 0, from: 0), e.w), "step \(update.iteration)")
            #expect(Self.close(update.bias(of: 1, neuron: 0), e.b), "step \(update.iteration)")
            #expect(Self.close(velocity.weights[0], e.vw) && Self.close(velocity.biases[0], e.vb), "step \(update.iteration)")
        }
    }

    @Test("Nesterov steps by g + μ·v: w′ = 0.5 − 0.1·(0.2 + 0.9·0.2) = 0.462")
    func nesterovStep() throws {
        let update = try #require(try Self.updates(Self.setup(.momentum(momentum: 0.9, nesterov: true), rate: 0.1), steps: 1).first)
        #expect(Self.close(update.weight(into: 1, to: 0, from: 0), 0.462))
        #expect(Self.close(update.bias(of: 1, neuron: 0), 0.1 - 0.1 * 0.19))
    }

    @Test("one RMSprop step: s = 0.01·g², w′ = 0.5 − 0.01·0.2/(0.02 + 1e-8)")
    func rmspropStep() throws {
        let update = try #require(try Self.updates(Self.setup(.defaultRMSprop, rate: 0.01), steps: 1).first)
        #expect(Self.close(update.weight(into: 1, to: 0, from: 0), 0.5 - 0.002 / (0.02 + 1e-8)))
        #expect(Self.close(update.weight(into: 1, to: 0, from: 0), 0.40000005))
        let s = try #require(update.optimizerState("meanSquare"))
        #expect(Self.close(s.weights[0], 0.0004) && Self.close(s.biases[0], 0.0001))
    }

    @Test("L2 decay adds λ·p to the gradient; AdamW shrinks p by (1 − η·λ) instead")
    func weightDecay() throws {
        let sgd = try #require(try Self.updates(Self.setup(.sgd, rate: 0.1, decay: 0.1), steps: 1).first)
        // g = 0.2 + 0.1·0.5 = 0.25: w′ = 0.5 − 0.025 = 0.475; b: g = 0.1 + 0.01, b′ = 0.1 − 0.011 = 0.089
        #expect(Self.close(sgd.weight(into: 1, to: 0, from: 0), 0.475))
        #expect(Self.close(sgd.bias(of: 1, neuron: 0), 0.089))
        // The trace's gradients are the batch mean before decay.
        #expect(Self.close(try #require(sgd.weightGradients(into: 1)?.first), 0.2))
        let adamW = Optimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decoupled: true)
        let decoupled = try #require(try Self.updates(Self.setup(adamW, rate: 0.01, decay: 0.1), steps: 1).first)
        // 0.5·(1 − 0.001) − 0.0099999995 = 0.4895000005
        #expect(Self.close(decoupled.weight(into: 1, to: 0, from: 0), 0.4895000005))
        let m = try #require(decoupled.optimizerState("m"))
        #expect(Self.close(m.weights[0], 0.02), "AdamW's moments see the gradient without decay")
    }

    @Test("untrained biases and their state never change, but their gradients are still computed")
    func frozenBiases() throws {
        let updates = try Self.updates(Self.setup(.defaultAdam, rate: 0.01, trainBiases: false), steps: 3)
        for update in updates {
            #expect(update.bias(of: 1, neuron: 0) == 0.1)
            #expect(update.optimizerState("m")!.biases == [0] && update.optimizerState("v")!.biases == [0])
            #expect(update.biasGradients(of: 1)!.first! != 0)
            #expect(update.optimizerState("m")!.weights[0] != 0)
        }
    }
}

/// Batches: which examples a step takes, and that its gradient and loss are the means of its examples'.
struct BatchTests {
    static let shape = NetworkShape(layers: [3, 4, 2])

    static func dataset(_ n: Int) -> Dataset {
        var rng = SplitMix64(seed: 9)
        return Dataset(examples: (0..<n).map { _ in
            Example(input: (0..<3).map { _ in rng.nextUniform(-1, 1) }, target: [rng.nextUnit(), rng.nextUnit()])
        })
    }

    static func setup(batch: Int, optimizer: Optimizer = .sgd, shuffle: Bool = false, seed: UInt64 = 0) -> TrainingSetup {
        TrainingSetup(shape: shape, hidden: .tanh, output: .sigmoid, loss: .crossEntropy, learningRate: 0.3,
                      optimizer: optimizer, batchSize: batch, shuffle: shuffle, shuffleSeed: seed)
    }

    static func snapshots(_ setup: TrainingSetup, _ data: Dataset, steps: Int) throws -> [Snapshot] {
        var trainer = Trainer(setup: setup, parameters: .random(shape: shape, scheme: .xavier, seed: 4), dataset: data)
        var sink = CollectingSink()
        try trainer.train(iterations: steps, into: &sink)
        return sink.snapshots
    }

    @Test("batches are consecutive in data order and wrap across the end: (s·B + k) mod n")
    func batchOrder() throws {
        let snapshots = try Self.snapshots(Self.setup(batch: 4), Self.dataset(5), steps: 3)
        let updates = snapshots.filter { $0.phase == .update }
        #expect(updates.map(\.batchExamples) == [[0, 1, 2, 3], [4, 0, 1, 2], [3, 4, 0, 1]])
        #expect(snapshots.count == 3 * Self.setup(batch: 4).snapshotsPerStep)
        // Per example: forward × 2, loss, backward × 2; then the update.
        let first = snapshots.prefix(Self.setup(batch: 4).snapshotsPerStep)
        #expect(first.filter { $0.phase == .loss }.map(\.example) == [0, 1, 2, 3])
        #expect(first.filter { $0.phase == .loss }.map(\.batchPosition) == [0, 1, 2, 3])
        #expect(first.last?.phase == .update && first.last?.example == 0)
    }

    @Test("the batch's gradient and loss are the means of its examples' own, each as a step on that example alone computes it")
    func batchMean() throws {
        let data = Self.dataset(6)
        let b = 4
        let snapshots = try Self.snapshots(Self.setup(batch: b, optimizer: .defaultAdam), data, steps: 1)
        let update = try #require(snapshots.last)
        var meanW = [Double](repeating: 0, count: Self.shape.weightCount), meanLoss = 0.0
        for k in 0..<b {
            let single = try Self.snapshots(Self.setup(batch: 1), Dataset(examples: [data[k]]), steps: 1)
            let last = try #require(single.last)
            meanLoss += last.loss! / Double(b)
            for l in 1...2 {
                for (i, g) in last.weightGradients(into: l)!.enumerated() { meanW[Self.shape.weightOffsets[l - 1] + i] += g / Double(b) }
            }
        }
        #expect(abs(update.loss! - meanLoss) < 1e-14)
        for l in 1...2 {
            for (i, g) in update.weightGradients(into: l)!.enumerated() {
                #expect(abs(g - meanW[Self.shape.weightOffsets[l - 1] + i]) < 1e-14)
            }
        }
        // The running mean at the last example is the update's mean, bit for bit.
        let lastBackward = try #require(snapshots.last { $0.phase == .backward && $0.layer == 1 })
        #expect(lastBackward.batchPosition == b - 1)
        for l in 1...2 {
            #expect(lastBackward.runningMeanWeightGradients(into: l)! == Array(update.weightGradients(into: l)!))
            #expect(lastBackward.runningMeanBiasGradients(of: l)! == Array(update.biasGradients(of: l)!))
        }
        // Each example's own snapshots show its own numbers.
        let secondLoss = try #require(snapshots.first { $0.phase == .loss && $0.batchPosition == 1 })
        let alone = try Self.snapshots(Self.setup(batch: 1), Dataset(examples: [data[1]]), steps: 1)
        #expect(secondLoss.loss == alone.first { $0.phase == .loss }!.loss)
    }

    @Test("the batch-mean gradient matches central finite differences of the batch-mean loss")
    func batchFiniteDifferences() throws {
        let data = Self.dataset(5)
        let setup = Self.setup(batch: 3, optimizer: .defaultMomentum)
        let start = Parameters.random(shape: Self.shape, scheme: .xavier, seed: 4)
        func meanLoss(_ p: Parameters) throws -> Double {
            var trainer = Trainer(setup: setup, parameters: p, dataset: data)
            var sink = CollectingSink()
            try trainer.train(iterations: 1, into: &sink)
            return sink.snapshots.last!.loss!
        }
        var trainer = Trainer(setup: setup, parameters: start, dataset: data)
        var sink = CollectingSink()
        try trainer.train(iterations: 1, into: &sink)
        let update = try #require(sink.snapshots.last)
        let h = 1e-6
        for i in 0..<Self.shape.weightCount {
            var plus = start, minus = start
            plus.weights[i] += h
            minus.weights[i] -= h
            let numeric = (try meanLoss(plus) - meanLoss(minus)) / (2 * h)
            let layer = Self.shape.weightOffsets.lastIndex { $0 <= i }! + 1
            let g = update.weightGradients(into: layer)!
            let analytic = g[g.startIndex + i - Self.shape.weightOffsets[layer - 1]]
            #expect(abs(numeric - analytic) < 1e-7 * max(1, abs(numeric)), "weight \(i)")
        }
        for i in 0..<Self.shape.biasCount {
            var plus = start, minus = start
            plus.biases[i] += h
            minus.biases[i] -= h
            let numeric = (try meanLoss(plus) - meanLoss(minus)) / (2 * h)
            let layer = Self.shape.biasOffsets.lastIndex { $0 <= i }! + 1
            let g = update.biasGradients(of: layer)!
            #expect(abs(numeric - g[g.startIndex + i - Self.shape.biasOffsets[layer - 1]]) < 1e-7 * max(1, abs(numeric)), "bias \(i)")
        }
    }

    @Test("shuffling takes every example once per pass, in an order fixed by the seed")
    func shuffle() throws {
        let data = Self.dataset(7)
        func order(seed: UInt64) throws -> [Int] {
            try Self.snapshots(Self.setup(batch: 1, shuffle: true, seed: seed), data, steps: 21)
                .filter { $0.phase == .update }.map(\.example)
        }
        let a = try order(seed: 1), again = try order(seed: 1), other = try order(seed: 2)
        #expect(a == again)
        #expect(a != other)
        for pass in 0..<3 { #expect(Set(a[(pass * 7)..<(pass * 7 + 7)]) == Set(0..<7), "pass \(pass)") }
        #expect(a[0..<7] != a[7..<14], "each pass has its own order")
        // A trainer resumed mid-run takes the same examples.
        var trainer = Trainer(setup: Self.setup(batch: 1, shuffle: true, seed: 1),
                              parameters: .random(shape: Self.shape, scheme: .xavier, seed: 4), dataset: data)
        try trainer.train(iterations: 9)
        var sink = CollectingSink()
        try trainer.train(iterations: 12, into: &sink)
        #expect(sink.snapshots.filter { $0.phase == .update }.map(\.example) == Array(a[9...]))
    }
}
