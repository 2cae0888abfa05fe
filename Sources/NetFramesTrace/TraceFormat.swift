import NetFramesEngine
import NetFramesFiles
import NetFramesRun

/// The JSON Lines trace of a run: a header line, then one line per snapshot.
///
/// The header holds `format` ("netframes-trace"), `version`, and `run`: the run's
/// resolved settings written as a complete run file (explicit initial weights and
/// biases, inline examples), so a trace can be replayed with `netframes record`.
/// See docs/trace-format.md for every field.
public enum TraceFormat {
    /// The header's `format` value.
    public static let name = "netframes-trace"
    /// The header's `version` for plain SGD on one example per step: the format every
    /// earlier NetFrames wrote, unchanged.
    public static let version = 1
    /// The header's `version` for runs with batches, another optimizer, shuffling or
    /// weight decay: lines carry `batch` and the update carries `optimizer`.
    public static let batchVersion = 2

    /// The version a trace of `run` is written in.
    public static func version(of run: Run) -> Int {
        run.setup.isPlainSGD ? version : batchVersion
    }

    /// The header line (without the newline).
    public static func header(for run: Run) -> [UInt8] {
        var j = JSONText()
        j.raw("{")
        j.key("format"); j.string(name); j.raw(",")
        j.key("version"); j.integer(version(of: run)); j.raw(",")
        j.key("snapshotsPerStep"); j.integer(run.setup.snapshotsPerStep); j.raw(",")
        j.key("origin"); origin(run, into: &j); j.raw(",")
        j.key("run"); runFile(run, into: &j)
        j.raw("}")
        return j.bytes
    }

    /// How the run's numbers were made, for people reading the trace.
    private static func origin(_ run: Run, into j: inout JSONText) {
        j.raw("{")
        j.key("init"); j.string(run.initialization.scheme.rawValue); j.raw(",")
        j.key("seed")
        if let seed = run.initialization.seed { j.bytes += Array(String(seed).utf8) } else { j.raw("null") }
        j.raw(",")
        j.key("data")
        switch run.dataSource {
        case .inline: j.string("inline")
        case .csv(let path): j.string("csv \(path)")
        case let .builtin(set, samples, seed, noise):
            j.string(set.isGenerated ? "builtin \(set.rawValue) samples=\(samples) seed=\(seed) noise=\(noise)" : "builtin \(set.rawValue)")
        }
        j.raw("}")
    }

    /// The run as a self-contained run file in JSON.
    private static func runFile(_ run: Run, into j: inout JSONText) {
        let setup = run.setup, shape = setup.shape
        j.raw("{")
        j.key("name"); j.string(run.name); j.raw(",")
        j.key("network"); j.raw("{")
        j.key("layers"); j.list(shape.layers) { $0.integer($1) }; j.raw(",")
        j.key("hidden"); j.string(setup.hidden.rawValue); j.raw(",")
        j.key("output"); j.string(setup.output.rawValue); j.raw(",")
        j.key("weights"); weights(run.initialParameters.weights, shape: shape, into: &j); j.raw(",")
        j.key("biases"); biases(run.initialParameters.biases, shape: shape, into: &j)
        if setup.shuffle {
            // The seed orders the shuffled examples; the weights above are given, so it draws nothing else.
            j.raw(","); j.key("seed"); j.bytes += Array(String(setup.shuffleSeed).utf8)
        }
        j.raw("},")
        j.key("training"); j.raw("{")
        j.key("loss"); j.string(setup.loss.rawValue); j.raw(",")
        j.key("learningRate"); j.number(setup.learningRate); j.raw(",")
        j.key("biasLearningRate"); j.number(setup.biasLearningRate); j.raw(",")
        j.key("trainBiases"); j.bool(setup.trainBiases); j.raw(",")
        if !setup.isPlainSGD {
            j.key("optimizer"); optimizer(setup.optimizer, into: &j); j.raw(",")
            j.key("batchSize"); j.integer(setup.batchSize); j.raw(",")
            j.key("shuffle"); j.bool(setup.shuffle); j.raw(",")
            j.key("weightDecay"); j.number(setup.weightDecay); j.raw(",")
        }
        j.key("iterations"); j.integer(run.iterations)
        j.raw("},")
        j.key("sampling"); j.raw("{")
        if case .log(let frames) = run.sampling.schedule {
            j.key("schedule"); j.raw("\"log\","); j.key("frames"); j.integer(frames); j.raw(",")
        } else {
            j.key("every"); j.integer(run.sampling.every); j.raw(",")
        }
        j.key("first"); j.integer(run.sampling.first)
        j.raw("},")
        j.key("data")
        j.list(0..<run.dataset.count) { j, i in
            let example = run.dataset[i]
            j.raw("{"); j.key("input"); j.numbers(example.input); j.raw(",")
            j.key("target"); j.numbers(example.target); j.raw("}")
        }
        j.raw("}")
    }

    /// The optimizer as a run file's `optimizer:` mapping, every setting written out.
    private static func optimizer(_ o: Optimizer, into j: inout JSONText) {
        j.raw("{")
        j.key("kind"); j.string(o.kind.rawValue)
        switch o {
        case .sgd: break
        case let .momentum(mu, nesterov):
            j.raw(","); j.key("momentum"); j.number(mu)
            j.raw(","); j.key("nesterov"); j.bool(nesterov)
        case let .rmsprop(alpha, epsilon):
            j.raw(","); j.key("alpha"); j.number(alpha)
            j.raw(","); j.key("epsilon"); j.number(epsilon)
        case let .adam(beta1, beta2, epsilon, decoupled):
            j.raw(","); j.key("beta1"); j.number(beta1)
            j.raw(","); j.key("beta2"); j.number(beta2)
            j.raw(","); j.key("epsilon"); j.number(epsilon)
            j.raw(","); j.key("decoupled"); j.bool(decoupled)
        }
        j.raw("}")
    }

    static func weights<C: Collection>(_ flat: C, shape: NetworkShape, into j: inout JSONText)
        where C.Element == Double, C.Index == Int {
        j.list(1..<shape.layerCount) { j, l in
            let start = flat.startIndex + shape.weightOffsets[l - 1]
            j.matrix(flat[start..<(start + shape.layers[l] * shape.layers[l - 1])], columns: shape.layers[l - 1])
        }
    }

    static func biases<C: Collection>(_ flat: C, shape: NetworkShape, into j: inout JSONText)
        where C.Element == Double, C.Index == Int {
        j.list(1..<shape.layerCount) { j, l in
            let start = flat.startIndex + shape.biasOffsets[l - 1]
            j.numbers(flat[start..<(start + shape.layers[l])])
        }
    }

    /// One snapshot as a line (without the newline), appended to `j`.
    static func append(_ s: Snapshot, into j: inout JSONText) {
        let shape = s.shape
        let layers = 0..<shape.layerCount
        let weightLayers = 1..<shape.layerCount
        j.raw("{")
        j.key("iteration"); j.integer(s.iteration); j.raw(",")
        j.key("example"); j.integer(s.example); j.raw(",")
        j.key("phase"); j.string(s.phase.rawValue); j.raw(",")
        j.key("layer"); if let l = s.layer { j.integer(l) } else { j.raw("null") }; j.raw(",")
        j.key("input"); j.numbers(s.input); j.raw(",")
        j.key("target"); j.numbers(s.target); j.raw(",")
        j.key("activations"); j.list(layers) { j, l in optional(s.activations(of: l), &j) }; j.raw(",")
        j.key("preActivations"); j.list(layers) { j, l in optional(s.preActivations(of: l), &j) }; j.raw(",")
        j.key("loss"); if let loss = s.loss { j.number(loss) } else { j.raw("null") }; j.raw(",")
        j.key("deltas"); j.list(layers) { j, l in optional(s.deltas(of: l), &j) }; j.raw(",")
        j.key("weightGradients")
        j.list(weightLayers) { j, l in
            if let g = s.weightGradients(into: l) { j.matrix(g, columns: shape.layers[l - 1]) } else { j.raw("null") }
        }
        j.raw(",")
        j.key("biasGradients"); j.list(weightLayers) { j, l in optional(s.biasGradients(of: l), &j) }; j.raw(",")
        j.key("weights"); j.list(weightLayers) { j, l in j.matrix(s.weights(into: l), columns: shape.layers[l - 1]) }; j.raw(",")
        j.key("biases"); j.list(weightLayers) { j, l in j.numbers(s.biases(of: l)) }
        if !s.setup.isPlainSGD {
            j.raw(",")
            if s.phase == .update {
                j.key("optimizer"); optimizerState(of: s, into: &j)
            } else {
                j.key("batch"); j.raw("{")
                j.key("position"); j.integer(s.batchPosition); j.raw(",")
                j.key("size"); j.integer(s.batchSize)
                j.raw("}")
            }
        }
        j.raw("}")
    }

    /// `{"kind": …, "step": t, "state": {name: {"weights": [l][to][from], "biases": [l][to]}}}`.
    private static func optimizerState(of s: Snapshot, into j: inout JSONText) {
        let optimizer = s.setup.optimizer
        j.raw("{")
        j.key("kind"); j.string(optimizer.kind.rawValue); j.raw(",")
        j.key("step"); j.integer(s.optimizerStep); j.raw(",")
        j.key("state"); j.raw("{")
        let states = optimizer.stateNames.compactMap { name in s.optimizerState(name).map { (name, $0) } }
        for (i, (name, state)) in states.enumerated() {
            if i > 0 { j.raw(",") }
            j.string(name); j.raw(":{")
            j.key("weights"); weights(state.weights, shape: s.shape, into: &j); j.raw(",")
            j.key("biases"); biases(state.biases, shape: s.shape, into: &j)
            j.raw("}")
        }
        j.raw("}}")
    }

    private static func optional(_ values: ArraySlice<Double>?, _ j: inout JSONText) {
        if let values { j.numbers(values) } else { j.raw("null") }
    }
}
