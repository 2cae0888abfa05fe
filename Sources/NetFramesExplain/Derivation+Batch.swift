import NetFramesEngine

extension Derivation {
    /// A batch of several examples: the step's error and gradients are the means of the examples'.
    mutating func batchMean() {
        let count = step.examples.count
        heading(2, "Averaging over the batch")
        paragraph(.t("The batch's other \(count - 1) examples go through the same forward and backward passes, each with its "
            + "own numbers. The step's error is the mean of the examples' errors, and each gradient the mean of theirs "
            + "(examples numbered in batch order):"))
        let mean = Formula.fraction(.count(1), .count(count))
        display(names.total, [.whole(.row([mean, .parens(.total(terms(count) { names.exampleError($0 + 1) }))])),
                              .whole(.row([mean, .parens(.total(terms(count) { n(step.examples[$0].loss) }))])),
                              .whole(n(step.loss))])
        for l in stride(from: outputLayer, through: 1, by: -1) {
            for j in worked(l) {
                let fanIn = shape.layers[l - 1]
                for k in fanIn <= Derivation.longestSum ? Array(0..<fanIn) : [0] {
                    meanDisplay(names.weight(l, to: j, from: k), mean: mean,
                                values: step.examples.map { $0.weightGradient(l, to: j, from: k) },
                                result: step.gradients.weight(layer: l, to: j, from: k))
                }
                meanDisplay(names.bias(l, j), mean: mean, values: step.examples.map { $0.biasGradients[l][j] },
                            result: step.gradients.bias(layer: l, neuron: j))
            }
        }
        paragraph(.t("The other gradients are averaged the same way; the tables list the means. Each example's error:"))
        table(NumberTable(caption: "The batch's examples and their errors",
                          header: [[.t("Example")], [.t("In the data")], [.m(names.total)]],
                          rows: step.examples.enumerated().map { i, example in
                              [[.m(names.exampleError(i + 1))], [.t("\(example.index + 1)")], [.m(n(example.loss))]]
                          }))
    }

    /// ∂E/∂x = 1/B (∂E⁽¹⁾/∂x + …) with the examples' numbers, then the mean.
    private mutating func meanDisplay(_ x: Formula, mean: Formula, values: [Double], result: Double) {
        display(names.gradient(of: x),
                [.whole(.row([mean, .parens(.total(terms(values.count) { names.exampleGradient($0 + 1, of: x) }))])),
                 .whole(.row([mean, .parens(.total(terms(values.count) { n(values[$0]) }))])),
                 .whole(n(result))])
    }
}
