/// Trains a network by its setup's optimizer, a batch of examples per step, and
/// records every step.
///
/// Examples are taken in order and cycle (or in a seeded order per pass, when the setup
/// shuffles); a step takes the next `batchSize` of them. A step computes, for each
/// example, the forward pass, the loss and backpropagation; then the batch's mean loss
/// and gradients and the optimizer's update, all into one record. It checks that the
/// losses and the new parameters are finite, and then, if the sampling policy keeps the
/// step, hands the sink one snapshot per moment: per example, each forward layer, the
/// loss, each backward layer (output first); then the update. The trainer never draws
/// and never writes files.
public struct Trainer: Sendable {
    /// The network and training rules.
    public let setup: TrainingSetup
    /// The examples, taken in order (or shuffled per pass) and cycled.
    public let dataset: Dataset
    /// Index of the next step.
    public internal(set) var iteration: Int = 0
    @usableFromInline let layout: RecordLayout
    /// The step's record, held by the one snapshot that `emitSnapshots` re-points at each
    /// moment and hands out: the trainer owns it, so handing it out costs no reference
    /// counting unless a sink keeps it (then the next step writes a copy of the record).
    @usableFromInline var moment: Snapshot
    /// The step's record, every number of the last step (`RecordLayout` says where each lies).
    @usableFromInline var values: ContiguousArray<Double> {
        @inline(__always) get { moment.values }
        @inline(__always) _modify { yield &moment.values }
    }
    /// Which examples the next steps take: kept between calls, so a shuffled pass's order
    /// is made once, however few steps each call trains.
    @usableFromInline var order: ExampleOrder
    /// The index in the data of the last step's first example (kept as an integer, so
    /// handing out the step's moments does not convert it back from the record).
    @usableFromInline var firstExample = 0
    /// True once a step has written new parameters that the next step must start from
    /// (in the parameter region the last step did not start from).
    var hasPendingUpdate = false
    /// The parameter region the next step starts from.
    var nextRegion: Int { hasPendingUpdate ? moment.region ^ 1 : moment.region }
    /// When set, a step whose loss or parameters are not finite is written down here and
    /// training goes on (its snapshots show the NaN and ∞); when `nil`, it stops training.
    public var divergenceLog: DivergenceLog?

    /// Creates a trainer. The dataset and parameters must fit the setup's shape.
    public init(setup: TrainingSetup, parameters: Parameters, dataset: Dataset) {
        precondition(parameters.shape == setup.shape, "parameters do not fit the network")
        precondition(dataset.inputCount == setup.shape.inputCount
            && dataset.targetCount == setup.shape.outputCount, "data does not fit the network")
        self.setup = setup
        self.dataset = dataset
        layout = RecordLayout(setup: setup)
        order = ExampleOrder(count: dataset.count, shuffle: setup.shuffle, seed: setup.shuffleSeed, position: 0)
        var values = ContiguousArray<Double>(repeating: 0, count: layout.count)
        let w = layout.parametersOffset(region: 0), b = layout.biasesOffset(region: 0)
        values.replaceSubrange(w..<(w + setup.shape.weightCount), with: parameters.weights)
        values.replaceSubrange(b..<(b + setup.shape.biasCount), with: parameters.biases)
        moment = Snapshot(iteration: 0, example: 0, phase: .forward, layer: 1, values: values, layout: layout)
    }

    /// The parameters as they stand after the last step.
    public var parameters: Parameters {
        let w = layout.parametersOffset(region: nextRegion), b = layout.biasesOffset(region: nextRegion)
        return Parameters(shape: setup.shape,
                          weights: Array(values[w..<(w + setup.shape.weightCount)]),
                          biases: Array(values[b..<(b + setup.shape.biasCount)]))
    }

    /// Number of snapshots one recorded step produces.
    public var snapshotsPerStep: Int { setup.snapshotsPerStep }

    /// Runs `iterations` steps, handing the snapshots of the steps `sampling` keeps to `sink`;
    /// stops early once the sink says it is satisfied.
    ///
    /// - Throws: `TrainingError.diverged` when a step's loss or new parameters are not
    ///   finite; that step produces no snapshots and the parameters stay as the last
    ///   good step left them (unless `divergenceLog` is set). Errors thrown by the sink
    ///   are passed on.
    @inlinable
    public mutating func train<Sink: SnapshotSink>(iterations: Int, sampling: SamplingPolicy = .all,
                                                   into sink: inout Sink) throws {
        try train(iterations: iterations, sampling: sampling, runEnd: iteration + iterations, into: &sink)
    }

    /// Runs `iterations` steps of a run that ends before step `runEnd`, as
    /// `train(iterations:sampling:into:)`; the run's last step (`runEnd − 1`) is the one
    /// sampling always keeps. For training a run a few steps at a time, as a comparison
    /// trains its runs in step.
    @inlinable
    public mutating func train<Sink: SnapshotSink>(iterations: Int, sampling: SamplingPolicy, runEnd: Int,
                                                   into sink: inout Sink) throws {
        let end = iteration + iterations
        // A cursor instead of `%`: a 64-bit division per step costs more than a small
        // network's whole update. It decides exactly as `sampling.keeps` would.
        var order = self.order
        defer { self.order = order }
        var cursor = SamplingCursor(sampling, from: iteration, total: runEnd)
        // Read once here: each read of a static costs a call to check it is initialised.
        let exp = Exponential.function, fourLanes = Exponential.fourLanes
        while iteration < end {
            try computeStep(order: &order, exp: exp, fourLanes: fourLanes)
            if cursor.keeps(iteration) {
                try emitSnapshots(into: &sink)
                if sink.isSatisfied {
                    advance()
                    break
                }
            }
            advance()
        }
    }

    @usableFromInline
    mutating func advance() {
        iteration += 1
    }

    /// Runs `iterations` steps without recording.
    public mutating func train(iterations: Int) throws {
        var sink = DiscardingSink()
        try train(iterations: iterations, sampling: SamplingPolicy(every: Int.max), into: &sink)
    }

    @inlinable
    mutating func emitSnapshots<Sink: SnapshotSink>(into sink: inout Sink) throws {
        // The trainer's own snapshot, re-pointed at each moment: it already holds the
        // record, so passing it costs no reference counting (nor making a snapshot a
        // step) unless the sink keeps it; if it does, the next step writes a copy.
        let outputLayer = layout.layerCount - 1
        let first = firstExample
        moment.moveTo(iteration: iteration)
        for position in 0..<layout.batchSize {
            moment.moveTo(example: position == 0 ? first : example(at: position), position: position)
            for l in 1...outputLayer {
                moment.moveTo(.forward, layer: l)
                try sink.receive(moment)
            }
            moment.moveTo(.loss, layer: nil)
            try sink.receive(moment)
            for l in stride(from: outputLayer, through: 1, by: -1) {
                moment.moveTo(.backward, layer: l)
                try sink.receive(moment)
            }
        }
        moment.moveTo(example: first, position: 0)
        moment.moveTo(.update, layer: nil)
        try sink.receive(moment)
    }

    /// The index in the data of the example at batch position `position` of the last step.
    @inlinable @inline(__always)
    func example(at position: Int) -> Int {
        Int(values[layout.examplesOffset &+ position])
    }

    /// Computes one whole step into the record: per example of the batch (taken from
    /// `order`), its forward pass, loss and backward pass; then the means and the update.
    /// `exp` and `fourLanes` are `Exponential.function` and `Exponential.fourLanes`.
    @usableFromInline
    mutating func computeStep(order: inout ExampleOrder, exp: Exponential.Function, fourLanes: Bool) throws {
        // The step starts from the last step's θ′ where it lies: nothing is copied. (Before
        // the locals below: changing `self` after binding `layout` would retain it.)
        let region = nextRegion
        moment.moveTo(region: region)
        // Plain values up front: the step touches no array header of the setup.
        let layout = self.layout
        let hidden = setup.hidden, output = setup.output, lossKind = setup.loss
        let eta = setup.learningRate, etaB = setup.biasLearningRate, trainBiases = setup.trainBiases
        let rule = TrainingStep.UpdateRule(optimizer: setup.optimizer, weightDecay: setup.weightDecay,
                                           step: iteration &+ 1)
        let inputCount = layout.size(0), outputCount = layout.size(layout.layerCount - 1)
        let batchSize = layout.batchSize
        // Plain SGD on one example updates each layer as backpropagation reaches it.
        let descendsInBackward = batchSize == 1 && rule.plain && trainBiases
        var first = 0
        let failure: String? = dataset.inputs.withUnsafeBufferPointer { inputs in
            dataset.targets.withUnsafeBufferPointer { targets in
                values.withUnsafeMutableBufferPointer { buffer -> String? in
                    let record = StepRecord(base: buffer.baseAddress!, layout: layout, region: region)
                    var preActivationsFinite = true, lossFinite = true
                    var descended: UInt8 = 1
                    for position in 0..<batchSize {
                        let example = order.next()
                        if position == 0 { first = example }
                        let r = record.atExample(position)
                        r.exampleIndex(position).pointee = Double(example)
                        TrainingStep.start(r, input: inputs.baseAddress! + example &* inputCount,
                                           target: targets.baseAddress! + example &* outputCount)
                        let pass = TrainingStep.forward(r, hidden: hidden, output: output, exp: exp, fourLanes: fourLanes)
                        let loss = TrainingStep.loss(r, kind: lossKind, output: output, logSumExp: pass.logSumExp)
                        // A step that has diverged is worked through even so, for a trainer that trains on.
                        if descendsInBackward {
                            descended = TrainingStep.backwardDescending(r, hidden: hidden, output: output, loss: lossKind,
                                                                        weightRate: eta, biasRate: etaB)
                        } else {
                            TrainingStep.backward(r, hidden: hidden, output: output, loss: lossKind)
                        }
                        preActivationsFinite = preActivationsFinite && pass.preActivationsFinite
                        lossFinite = lossFinite && loss.isFinite
                    }
                    TrainingStep.average(record, batchSize: batchSize)
                    let finite = descendsInBackward ? descended != 0
                        : TrainingStep.update(record, rule: rule, weightRate: eta, biasRate: etaB, trainBiases: trainBiases)
                    return !preActivationsFinite ? "a pre-activation"
                        : !lossFinite ? "the loss" : !finite ? "a weight or bias" : nil
                }
            }
        }
        firstExample = first
        try finish(failure: failure)
    }

    /// Ends a step: a divergence named by `failure` is thrown or logged, and θ′ becomes
    /// the next step's θ (unless thrown: then the next step starts from this one's θ).
    private mutating func finish(failure: String?) throws {
        if let failure {
            let error = TrainingError.diverged(iteration: iteration, what: failure)
            guard let divergenceLog else {
                // Leave the parameters as the last good step left them.
                hasPendingUpdate = false
                throw error
            }
            divergenceLog.record(error)
        }
        hasPendingUpdate = true
    }
}
