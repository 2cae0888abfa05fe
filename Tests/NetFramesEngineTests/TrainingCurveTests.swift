import NetFramesEngine
import Testing

/// Collects what a `CurveRecorder` hands on: snapshots and curve points, in order.
struct CurveCollector: CurveSink {
    var snapshots: [Snapshot] = []
    var points: [CurvePoint] = []
    /// For each point, how many update snapshots had arrived before it.
    var updatesBeforePoint: [Int] = []
    mutating func receive(_ snapshot: Snapshot) throws { snapshots.append(snapshot) }
    mutating func receive(_ point: CurvePoint) throws {
        points.append(point)
        updatesBeforePoint.append(snapshots.count { $0.phase == .update })
    }
}

struct TrainingCurveTests {
    static let xorData = Dataset(examples: BuiltinDataset.xor.examples(samples: 4, seed: 0, noise: 0))

    func xorTrainer(output: Activation = .sigmoid, loss: Loss = .crossEntropy) -> Trainer {
        let shape = NetworkShape(layers: [2, 3, 1])
        let setup = TrainingSetup(shape: shape, hidden: .tanh, output: output, loss: loss, learningRate: 0.5)
        return Trainer(setup: setup, parameters: .random(shape: shape, scheme: .xavier, seed: 7), dataset: Self.xorData)
    }

    /// Trains through a recorder, `chunk` steps per call, as the pipeline does.
    func recorded(_ trainer: Trainer, total: Int, sampling: SamplingPolicy, chunk: Int? = nil)
        throws -> (CurveRecorder, CurveCollector, Trainer) {
        var trainer = trainer
        var recorder = CurveRecorder(setup: trainer.setup, dataset: trainer.dataset, total: total)
        var sink = CurveCollector()
        while trainer.iteration < total {
            let steps = min(chunk ?? total, total - trainer.iteration)
            try recorder.train(&trainer, iterations: steps, sampling: sampling, runEnd: total, into: &sink)
        }
        return (recorder, sink, trainer)
    }

    @Test("the schedule has exactly min(total, …) points: every step up to 1,999, else every ⌊total/1000⌋-th and the last",
          arguments: [(1, 1), (10, 10), (999, 999), (1000, 1000), (1999, 1999), (2000, 1001), (3000, 1001),
                      (8000, 1001), (10_500, 1051), (1_000_000, 1001), (1_234_567, 1002)])
    func scheduleCounts(total: Int, expected: Int) {
        let schedule = CurveSchedule(total: total)
        let iterations = schedule.iterations
        #expect(schedule.count == expected)
        #expect(iterations.count == expected)
        #expect(iterations.first == 0)
        #expect(iterations.last == total - 1)
        #expect(zip(iterations, iterations.dropFirst()).allSatisfy { $0 < $1 })
        #expect(iterations.count >= min(total, CurveSchedule.minimumPoints))
    }

    @Test("a small run's curve is the evaluator's mean loss and accuracy after every step, recomputed independently")
    func smallRunMatchesEvaluator() throws {
        let total = 60
        let (recorder, sink, _) = try recorded(xorTrainer(), total: total, sampling: SamplingPolicy(every: 7, first: 2))
        let points = recorder.curve.points
        #expect(points.count == total)
        #expect(sink.points == points)
        #expect(points.map(\.iteration) == Array(0..<total))
        // The same run, one step at a time, with the evaluator measuring each step's parameters.
        var plain = xorTrainer()
        var evaluator = Evaluator(setup: plain.setup)
        var output: [Double] = []
        for i in 0..<total {
            try plain.train(iterations: 1)
            let parameters = plain.parameters
            let loss = evaluator.meanLoss(parameters: parameters, dataset: Self.xorData, limit: Self.xorData.count)
            var right = 0
            for e in 0..<Self.xorData.count {
                let example = Self.xorData[e]
                example.input.withUnsafeBufferPointer { evaluator.predict($0, parameters: parameters, into: &output) }
                if (output[0] >= 0.5) == (example.target[0] >= 0.5) { right += 1 }
            }
            #expect(points[i].loss == loss, "iteration \(i)")
            #expect(points[i].accuracy == Double(right) / 4, "iteration \(i)")
        }
        // XOR is learned in 60 steps only partly, so the accuracy really varies.
        #expect(Set(points.compactMap(\.accuracy)).count >= 2)
    }

    @Test("measuring the curve changes neither training nor the snapshots")
    func readOnly() throws {
        let total = 3000, sampling = SamplingPolicy(every: 250, first: 3)
        let (_, sink, trained) = try recorded(xorTrainer(), total: total, sampling: sampling, chunk: 7)
        var plain = xorTrainer()
        var collected = CollectingSink()
        try plain.train(iterations: total, sampling: sampling, into: &collected)
        #expect(trained.parameters == plain.parameters)
        #expect(sink.snapshots.count == collected.snapshots.count)
        for (a, b) in zip(sink.snapshots, collected.snapshots) {
            #expect(a.iteration == b.iteration && a.phase == b.phase && a.layer == b.layer)
            #expect(a.withValues { Array($0.computed) } == b.withValues { Array($0.computed) })
        }
    }

    @Test("a long run's curve has one point per scheduled step, in order, whatever is recorded and however it is trained")
    func longRunPoints() throws {
        let total = 3000
        let (recorder, sink, _) = try recorded(xorTrainer(), total: total, sampling: SamplingPolicy(every: 1000), chunk: 1)
        #expect(recorder.curve.points.map(\.iteration) == CurveSchedule(total: total).iterations)
        #expect(recorder.curve.isComplete)
        // A point at a recorded step arrives just before that step's update, so its frame shows it.
        for (point, updates) in zip(sink.points, sink.updatesBeforePoint) {
            let recordedBefore = [0, 1000, 2000, 2999].count { $0 < point.iteration }
            #expect(updates == recordedBefore, "point \(point.iteration)")
        }
        let (whole, _, _) = try recorded(xorTrainer(), total: total, sampling: SamplingPolicy(every: 1000))
        #expect(whole.curve == recorder.curve)
    }

    @Test("a regression curve has no accuracy, and its CSV leaves the column empty")
    func regressionHasNoAccuracy() throws {
        let (recorder, _, _) = try recorded(xorTrainer(output: .linear, loss: .mse), total: 5, sampling: .all)
        #expect(recorder.curve.points.allSatisfy { $0.accuracy == nil })
        let lines = recorder.curve.csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "iteration,loss,accuracy")
        #expect(lines.count == 7 && lines.last == "")
        for (i, line) in lines.dropFirst().dropLast().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells.count == 3 && cells[0] == "\(i)" && cells[2] == "")
            #expect(Double(cells[1]) == recorder.curve.points[i].loss)
        }
    }

    @Test("a classifier's CSV rows carry the accuracy")
    func classifierCSV() throws {
        let (recorder, _, _) = try recorded(xorTrainer(), total: 3, sampling: .all)
        let rows = recorder.curve.csv.split(separator: "\n").dropFirst()
        #expect(rows.map { $0.split(separator: ",").count } == [3, 3, 3])
        #expect(rows.map { Double($0.split(separator: ",")[2]) } == recorder.curve.points.map(\.accuracy))
    }
}
