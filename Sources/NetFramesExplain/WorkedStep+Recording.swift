import NetFramesEngine
import NetFramesFiles
import NetFramesRun

extension WorkedStep {
    /// Trains `run` up to and including `step` (from 1) and keeps that step's numbers,
    /// with the optimizer's state the step before left; then runs the step's examples
    /// through the new parameters with NetFrames' evaluator.
    ///
    /// - Throws: `NetFramesError` when `step` is not one of the run's steps;
    ///   `TrainingError.diverged` when training diverges at or before the step.
    public init(run: Run, step: Int) throws {
        guard step >= 1 && step <= run.iterations else {
            throw NetFramesError.invalidOption("step \(step) is not a step of \(run.name), whose steps are 1 to \(run.iterations)")
        }
        var sink = StepCollector(step: step)
        // Record every step up to this one, so the step before (whose update holds the
        // optimizer's state this one starts from) is recorded too; the sink keeps only those two.
        try run.train(steps: step, sampling: SamplingPolicy(every: Int.max, first: step), into: &sink)
        guard let update = sink.update, sink.passes.count == run.setup.batchSize else {
            throw NetFramesError.invalidOption("step \(step) of \(run.name) was not recorded")
        }
        self.init(runName: run.name, setup: run.setup, step: step, iterations: run.iterations, update: update,
                  passes: sink.passes, previousUpdate: sink.previousUpdate, dataset: run.dataset)
    }

    /// The step whose update snapshot is `update`, whose examples went through as
    /// `passes`, and whose optimizer started from the state `previousUpdate` left (zero without it).
    init(runName: String, setup: TrainingSetup, step: Int, iterations: Int, update: Snapshot, passes: [ExamplePass],
         previousUpdate: Snapshot?, dataset: Dataset) {
        self.runName = runName
        self.setup = setup
        self.step = step
        self.iterations = iterations
        examples = passes
        let shape = setup.shape
        let layers = 1..<shape.layerCount
        parameters = Parameters(shape: shape, weights: layers.flatMap { update.previousWeights(into: $0) },
                                biases: layers.flatMap { update.previousBiases(of: $0) })
        newParameters = update.parameters
        gradients = Parameters(shape: shape, weights: layers.flatMap { update.weightGradients(into: $0)! },
                               biases: layers.flatMap { update.biasGradients(of: $0)! })
        loss = update.loss ?? .nan
        var before: [String: Parameters] = [:], after: [String: Parameters] = [:]
        let zero = Parameters(shape: shape, weights: Array(repeating: 0, count: shape.weightCount),
                              biases: Array(repeating: 0, count: shape.biasCount))
        for name in setup.optimizer.stateNames {
            before[name] = previousUpdate?.optimizerState(name) ?? zero
            after[name] = update.optimizerState(name) ?? zero
        }
        stateBefore = before
        stateAfter = after
        var evaluator = Evaluator(setup: setup)
        var outputs: [[Double]] = [], losses: [Double] = []
        for pass in passes {
            var output: [Double] = []
            pass.input.withUnsafeBufferPointer { evaluator.predict($0, parameters: update.parameters, into: &output) }
            outputs.append(output)
            let alone = Dataset(examples: [Example(input: pass.input, target: pass.target)])
            losses.append(evaluator.meanLoss(parameters: update.parameters, dataset: alone))
        }
        outputsAfter = outputs
        lossesAfter = losses
    }
}

/// Keeps the snapshots a worked step needs: each example's pass and the update of
/// step `step`, and the update of the step before; the others go by.
struct StepCollector: SnapshotSink {
    /// The step wanted, from 1.
    let step: Int
    var passes: [ExamplePass] = []
    var update: Snapshot?
    var previousUpdate: Snapshot?

    init(step: Int) { self.step = step }

    mutating func receive(_ snapshot: Snapshot) throws {
        if snapshot.iteration == step - 2 && snapshot.phase == .update {
            previousUpdate = snapshot
        } else if snapshot.iteration == step - 1 {
            if snapshot.phase == .backward && snapshot.layer == 1 {
                passes.append(ExamplePass(snapshot))
            } else if snapshot.phase == .update {
                update = snapshot
            }
        }
    }

    var isSatisfied: Bool { update != nil }
}
