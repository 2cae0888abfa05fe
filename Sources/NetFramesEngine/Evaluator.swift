/// Runs a network forward without training or recording: predictions for any input,
/// and the mean loss over a dataset, for panels such as a loss curve or a decision
/// boundary.
///
/// It computes exactly what the trainer's forward pass computes, on scratch buffers it
/// owns, so it allocates nothing per call.
public struct Evaluator {
    /// The network and training rules the evaluator computes with.
    public let setup: TrainingSetup
    private var a: [Double]
    /// The last prediction's pre-activations, per neuron of the layer computed last (the output layer).
    private(set) var z: [Double]
    private var next: [Double]

    /// An evaluator with scratch buffers sized for `setup`'s widest layer.
    public init(setup: TrainingSetup) {
        self.setup = setup
        let widest = setup.shape.layers.max() ?? 1
        a = Array(repeating: 0, count: widest)
        z = Array(repeating: 0, count: widest)
        next = Array(repeating: 0, count: widest)
    }

    /// The network's outputs for `input` under `parameters`, written to `output`.
    public mutating func predict(_ input: UnsafeBufferPointer<Double>, parameters: Parameters,
                                 into output: inout [Double]) {
        let shape = setup.shape
        let setup = self.setup
        output.removeAll(keepingCapacity: true)
        a.withUnsafeMutableBufferPointer { a in
            z.withUnsafeMutableBufferPointer { z in
                next.withUnsafeMutableBufferPointer { next in
                    parameters.weights.withUnsafeBufferPointer { w in
                        parameters.biases.withUnsafeBufferPointer { b in
                            for k in 0..<shape.inputCount { a[k] = input[k] }
                            for l in 1..<shape.layerCount {
                                let nIn = shape.layers[l - 1], nOut = shape.layers[l]
                                let wl = w.baseAddress! + shape.weightOffsets[l - 1]
                                let bl = b.baseAddress! + shape.biasOffsets[l - 1]
                                // The trainer's kernel: the same sums in the same order, so the same bits.
                                _ = NeuronPairs.affine(weights: wl, biases: bl, input: a.baseAddress!, inputCount: nIn,
                                                       into: z.baseAddress!, count: nOut)
                                setup.activation(layer: l).apply(UnsafePointer(z.baseAddress!), next.baseAddress!, count: nOut)
                                for j in 0..<nOut { a[j] = next[j] }
                            }
                        }
                    }
                }
            }
        }
        output.append(contentsOf: a[0..<shape.outputCount])
    }

    /// The mean loss over the first `limit` examples of `dataset` under `parameters`.
    public mutating func meanLoss(parameters: Parameters, dataset: Dataset, limit: Int = 2000) -> Double {
        let shape = setup.shape
        let count = min(limit, dataset.count)
        var total = 0.0
        var output: [Double] = []
        var zOut = [Double](repeating: 0, count: shape.outputCount)
        for i in 0..<count {
            dataset.inputs.withUnsafeBufferPointer { inputs in
                let slice = UnsafeBufferPointer(rebasing: inputs[(i * shape.inputCount)..<((i + 1) * shape.inputCount)])
                predict(slice, parameters: parameters, into: &output)
            }
            // The loss wants the output pre-activations; they are left in `z`.
            for j in 0..<shape.outputCount { zOut[j] = z[j] }
            total += dataset.targets.withUnsafeBufferPointer { t in
                output.withUnsafeBufferPointer { a in
                    zOut.withUnsafeBufferPointer { zp in
                        setup.loss.value(z: zp.baseAddress!, a: a.baseAddress!,
                                         t: t.baseAddress! + i * shape.outputCount,
                                         count: shape.outputCount, output: setup.output)
                    }
                }
            }
        }
        return count > 0 ? total / Double(count) : 0
    }
}
