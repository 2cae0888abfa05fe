import Foundation
import NetFramesEngine
import Testing

/// The engine's step kernels (neurons in pairs and groups of four and eight, loops unrolled
/// for layers of up to eight neurons, plain SGD's update made during backpropagation) must
/// record what `ScalarReference`, one neuron at a time with glibc's `exp`, `log` and `tanh`,
/// records: over long runs, on layers narrower and wider than eight, with pre-activations
/// driven to where `exp` underflows and overflows. Every recorded number is compared bit for
/// bit, and its relative difference must stay within 1e-12 (the bound a faster `exp` would
/// be held to), so a kernel that drifts shows how far.
struct LongRunReferenceTests {
    /// Layer lists that take every kernel's paths: groups of eight, four, two and a lone
    /// neuron, widths unrolled (1 … 8) and wider ones (9 … 12) computed in loops.
    static let shapes: [[Int]] = [[4, 8, 8, 3], [3, 12, 9, 5], [9, 7, 1], [2, 5, 6, 11, 4], [1, 1, 2]]

    @Test("every recorded number equals the glibc-based one-neuron-at-a-time steps over 200 steps, within 1e-12 and bit for bit",
          arguments: 0..<15)
    func longRunsMatchTheScalarReference(index: Int) throws {
        let (hidden, output, loss) = GradientTests.combinations[index]
        for (s, layers) in Self.shapes.enumerated() {
            // Inputs of ordinary size, then large enough that sigmoid's and softmax's exponentials
            // underflow to 0 and overflow to ∞ (|z| beyond 710).
            for (trial, inputScale) in [1.0, 400.0].enumerated() {
                var rng = SplitMix64(seed: UInt64(31_000 + 100 * index + 10 * s + trial))
                let shape = NetworkShape(layers: layers)
                let trainBiases = s != 2
                let setup = TrainingSetup(shape: shape, hidden: hidden, output: output, loss: loss,
                                          learningRate: inputScale > 1 ? 1e-6 : 0.2, biasLearningRate: 0.1,
                                          trainBiases: trainBiases)
                let examples = (0..<7).map { _ in
                    Example(input: (0..<shape.inputCount).map { _ in rng.nextUniform(-inputScale, inputScale) },
                            target: ScalarReference.target(output: output, count: shape.outputCount, rng: &rng))
                }
                var reference = ScalarReference(setup: setup,
                                                parameters: .random(shape: shape, scheme: .uniform, seed: rng.next()))
                var trainer = Trainer(setup: setup, parameters: reference.parameters, dataset: Dataset(examples: examples))
                trainer.divergenceLog = DivergenceLog()
                var comparison = Comparison()
                for step in 0..<200 {
                    let expected = reference.step(examples[step % examples.count])
                    var sink = CollectingSink()
                    try trainer.train(iterations: 1, into: &sink)
                    let update = try #require(sink.snapshots.last)
                    comparison.compare([try #require(update.loss)], [expected.loss])
                    for l in 1..<shape.layerCount {
                        comparison.compare(update.preActivations(of: l)!, expected.z[l])
                        comparison.compare(update.activations(of: l)!, expected.a[l])
                        comparison.compare(update.deltas(of: l)!, expected.delta[l])
                        comparison.compare(update.weightGradients(into: l)!, expected.weightGradients[l])
                        comparison.compare(update.biasGradients(of: l)!, expected.delta[l])
                    }
                    comparison.compare(update.parameters.weights, reference.parameters.weights)
                    comparison.compare(update.parameters.biases, reference.parameters.biases)
                }
                let what = "\(hidden)/\(output)/\(loss) \(layers) inputs ±\(inputScale)"
                #expect(comparison.numbers > 1000, "\(what): numbers compared")
                #expect(comparison.largestRelativeDifference <= 1e-12, "\(what): largest relative difference")
                #expect(comparison.differingBits == 0, "\(what): numbers whose bits differ")
            }
        }
    }

    @Test("the comparison counts a difference of one unit in the last place and measures it")
    func comparisonSeesOneUnitInTheLastPlace() {
        var comparison = Comparison()
        comparison.compare([1.0, 0.0, .infinity, .nan], [1.0, 0.0, .infinity, .nan])
        #expect(comparison.differingBits == 0 && comparison.largestRelativeDifference == 0)
        comparison.compare([(1.0).nextUp], [1.0])
        #expect(comparison.differingBits == 1)
        #expect(comparison.largestRelativeDifference > 1e-16 && comparison.largestRelativeDifference < 1e-15)
        comparison.compare([1e-3], [1e-3 * (1 + 2e-12)])
        #expect(comparison.largestRelativeDifference > 1e-12)
        comparison.compare([.infinity], [1])
        #expect(comparison.largestRelativeDifference == .infinity)
    }

    /// Bitwise and relative agreement of two runs' numbers.
    struct Comparison {
        var numbers = 0
        var differingBits = 0
        var largestRelativeDifference = 0.0

        mutating func compare<A: Collection<Double>, B: Collection<Double>>(_ actual: A, _ expected: B) {
            precondition(actual.count == expected.count)
            for (x, y) in zip(actual, expected) {
                numbers += 1
                if x.bitPattern != y.bitPattern && !(x.isNaN && y.isNaN) { differingBits += 1 }
                largestRelativeDifference = max(largestRelativeDifference, Self.relativeDifference(x, y))
            }
        }

        /// |x − y| / max(|x|, |y|); 0 when both are equal (or both NaN), ∞ when only one is finite.
        static func relativeDifference(_ x: Double, _ y: Double) -> Double {
            if x == y || (x.isNaN && y.isNaN) { return 0 }
            guard x.isFinite && y.isFinite else { return .infinity }
            return abs(x - y) / max(abs(x), abs(y))
        }
    }
}
