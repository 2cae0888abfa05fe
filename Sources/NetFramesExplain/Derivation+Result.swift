import Foundation
import NetFramesEngine

extension Derivation {
    /// The same example (or batch) through the new parameters: the outputs and the error after the step.
    mutating func result() {
        heading(2, "Result")
        let batch = step.examples.count > 1
        paragraph(.t(batch
            ? "With the new weights and biases, the batch's examples go through the network again (NetFrames' evaluator "
                + "runs the forward pass without training). The first example's outputs are now"
            : "With the new weights and biases, the same example goes through the network again (NetFrames' evaluator "
                + "runs the forward pass without training). Its outputs are now"))
        let outputs = step.outputsAfter[0]
        for j in worked(outputLayer) {
            display(.subSup(.word("out"), names.neuron(outputLayer, j), .op(.prime)),
                    [.whole(n(outputs[j]))])
        }
        let before = step.loss, after = step.lossAfter
        let errorName = Formula.sup(names.total, .op(.prime))
        if batch {
            paragraph(.t("and the batch's mean error is"))
            let mean = Formula.fraction(.count(1), .count(step.examples.count))
            display(errorName, [.whole(.row([mean, .parens(.total(terms(step.lossesAfter.count) { n(step.lossesAfter[$0]) }))])),
                                .whole(n(after))])
        } else {
            paragraph(.t("and its error is"))
            display(errorName, [.whole(n(after))])
        }
        var change: Prose = [.t("Before the step the error was "), .m(.equation(names.total, n(before))), .t(", so the step ")]
        if after < before {
            change += [.t("lowered it by "), .m(n(before - after))]
        } else if after > before {
            change += [.t("raised it by "), .m(n(after - before))]
        } else {
            change.append(.t("left it where it was"))
        }
        if before > 0 && after != before && before.isFinite && after.isFinite {
            change.append(.t(String(format: " (%.2f%%)", abs(before - after) / before * 100)))
        }
        change.append(.t(after > before
            ? ". A step can overshoot when the learning rate is large for the slope it meets."
            : "."))
        paragraph(change)
    }
}
