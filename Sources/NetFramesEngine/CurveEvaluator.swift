/// Measures a training curve's point: the mean loss over every example of the data, and
/// the share classified right, under given parameters. It only reads the parameters, so
/// measuring never changes training.
///
/// Its buffers (the evaluator's, a parameter copy, a prediction) are made once, so
/// measuring a thousand points of a long run allocates nothing per point.
///
/// An example counts as right when, for a softmax output, the largest output is where
/// the target is largest (the first of equals, NaN never winning); for sigmoid outputs,
/// when every output is on the same side of 0.5 as its target (0.5 counting as the upper
/// side). This is the rule batch summaries use. Other outputs have no accuracy.
public struct CurveEvaluator {
    private var evaluator: Evaluator
    private let dataset: Dataset
    /// Copies of the parameters measured, reused from point to point.
    private var scratchWeights: [Double]
    private var scratchBiases: [Double]
    private var prediction: [Double]

    /// An evaluator of `setup`'s network over `dataset`.
    public init(setup: TrainingSetup, dataset: Dataset) {
        evaluator = Evaluator(setup: setup)
        self.dataset = dataset
        let shape = setup.shape
        scratchWeights = Array(repeating: 0, count: shape.weightCount)
        scratchBiases = Array(repeating: 0, count: shape.biasCount)
        prediction = []
        prediction.reserveCapacity(shape.outputCount)
    }

    /// Whether the network's outputs are classes, so points have an accuracy.
    public var classifies: Bool { evaluator.setup.output == .softmax || evaluator.setup.output == .sigmoid }

    /// The point of step `iteration` under `parameters`.
    public mutating func point(iteration: Int, parameters: Parameters) -> CurvePoint {
        let setup = evaluator.setup, shape = setup.shape
        let inputCount = shape.inputCount, outputCount = shape.outputCount
        let classifies = self.classifies, softmax = setup.output == .softmax
        var total = 0.0, right = 0
        for i in 0..<dataset.count {
            dataset.inputs.withUnsafeBufferPointer { all in
                evaluator.predict(UnsafeBufferPointer(rebasing: all[(i * inputCount)..<((i + 1) * inputCount)]),
                                  parameters: parameters, into: &prediction)
            }
            // The loss wants the output pre-activations, which the evaluator leaves in `z`.
            dataset.targets.withUnsafeBufferPointer { targets in
                let t = targets.baseAddress! + i * outputCount
                prediction.withUnsafeBufferPointer { a in
                    evaluator.z.withUnsafeBufferPointer { z in
                        total += setup.loss.value(z: z.baseAddress!, a: a.baseAddress!, t: t, count: outputCount,
                                                  output: setup.output)
                    }
                    guard classifies else { return }
                    if softmax {
                        if CurveEvaluator.argmax(a.baseAddress!, outputCount) == CurveEvaluator.argmax(t, outputCount) {
                            right += 1
                        }
                    } else {
                        var all = true
                        for j in 0..<outputCount where (a[j] >= 0.5) != (t[j] >= 0.5) { all = false }
                        if all { right += 1 }
                    }
                }
            }
        }
        let n = dataset.count
        return CurvePoint(iteration: iteration, loss: n > 0 ? total / Double(n) : 0,
                          accuracy: classifies && n > 0 ? Double(right) / Double(n) : nil)
    }

    /// The point of step `iteration` under the parameters `copy` writes into the buffer it is given
    /// (weights, then biases, laid out as `Parameters` lays them out).
    mutating func point(iteration: Int,
                        copy: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) -> CurvePoint {
        // Moved out and back, so the buffers stay unshared and are written in place.
        var weights = scratchWeights, biases = scratchBiases
        scratchWeights = []
        scratchBiases = []
        weights.withUnsafeMutableBufferPointer { w in
            biases.withUnsafeMutableBufferPointer { b in copy(w, b) }
        }
        let result = point(iteration: iteration,
                           parameters: Parameters(shape: evaluator.setup.shape, weights: weights, biases: biases))
        scratchWeights = weights
        scratchBiases = biases
        return result
    }

    /// The index of the first largest of `count` values (NaN never wins).
    private static func argmax(_ values: UnsafePointer<Double>, _ count: Int) -> Int {
        var best = 0
        for i in 0..<count where values[i] > values[best] || values[best].isNaN { best = i }
        return best
    }
}
