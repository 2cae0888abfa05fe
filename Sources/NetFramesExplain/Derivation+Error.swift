import Foundation
import NetFramesEngine

extension Derivation {
    /// Each output's share of the error, and the total E.
    mutating func error() {
        heading(2, "Error")
        let o = Formula.variable("o")
        let outO = Formula.sub(.word("out"), o), tO = Formula.sub(.variable("t"), o)
        switch (setup.loss, setup.output) {
        case (.mse, _):
            paragraph(.t("NetFrames measures the error as the squared error: half the squared difference between each "
                + "output and its target, added up over the outputs, "),
                      .m(.equation(names.total, .sum(over: o, .row([Formula.half, .sup(.parens(.row([outO, .op(.minus), tO])), .count(2))])))),
                      .t(". (The half makes its derivative simpler.)"))
        case (.crossEntropy, .softmax):
            paragraph(.t("With softmax outputs NetFrames measures the error as the cross-entropy, "),
                      .m(.equation(names.total, .row([.op(.minus), .sum(over: o, .row([tO, .function("log", outO)]))]))),
                      .t(" (the natural logarithm): only the outputs with a target above 0 count."))
        case (.crossEntropy, _):
            paragraph(.t("With sigmoid outputs each output is a yes-or-no guess, and NetFrames measures the error as the "
                + "binary cross-entropy, "),
                      .m(.equation(names.total, .row([.op(.minus), .sum(over: o, .parens(.row([
                          tO, .function("log", outO), .op(.plus), .parens(.row([.count(1), .op(.minus), tO])),
                          .function("log", .row([.count(1), .op(.minus), outO]))])))]))),
                      .t(" (the natural logarithm)."))
        }
        let shares = outputShares()
        for j in worked(outputLayer) { display(names.error(j), shareParts(j, shares[j])) }
        if summarised(outputLayer) {
            paragraph(.t("The other outputs' shares are worked out the same way."))
        }
        let count = shape.outputCount
        display(names.total, [.terms(terms(count) { names.error($0) }), .terms(terms(count) { n(shares[$0]) }), .whole(n(pass.loss))])
        if step.examples.count > 1 {
            paragraph(.t("That is the first example's error. The step's error is the mean over the batch's "
                + "\(step.examples.count) examples, worked out below."))
        }
        figure(FrameMoment(.loss), "The error (cost) of the example.")
    }

    /// Each output's share of the example's error, computed as the engine computes the
    /// whole: the cross-entropy from the nets, so a share stays finite however sure the network is.
    func outputShares() -> [Double] {
        let z = pass.net[outputLayer], a = pass.out[outputLayer], t = pass.target
        switch (setup.loss, setup.output) {
        case (.mse, _):
            return zip(a, t).map { 0.5 * ($0 - $1) * ($0 - $1) }
        case (.crossEntropy, .softmax):
            let largest = z.max() ?? 0
            let logSumExp = largest + log(z.reduce(0) { $0 + exp($1 - largest) })
            return zip(z, t).map { $1 == 0 ? 0 : $1 * (logSumExp - $0) }
        case (.crossEntropy, _):
            func softplus(_ x: Double) -> Double { x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)) }
            return zip(z, t).map { $1 * softplus(-$0) + (1 - $1) * softplus($0) }
        }
    }

    /// E_{oj}: the formula, the numbers, the share.
    func shareParts(_ j: Int, _ share: Double) -> [Part] {
        let out = names.out(outputLayer, j), t = names.target(j)
        let a = pass.out[outputLayer][j], target = pass.target[j]
        switch (setup.loss, setup.output) {
        case (.mse, _):
            return [.whole(.row([Formula.half, .sup(.parens(.row([out, .op(.minus), t])), .count(2))])),
                    .whole(.row([Formula.half, .sup(.parens(.row([n(a), .op(.minus), n(target).asFactor])), .count(2))])),
                    .whole(n(share))]
        case (.crossEntropy, .softmax):
            return [.whole(.row([.op(.minus), t, .function("log", out)])),
                    .whole(.row([.op(.minus), n(target), .op(.times), .function("log", n(a))])),
                    .whole(n(share))]
        case (.crossEntropy, _):
            let named = Formula.row([.op(.minus), .parens(.row([t, .function("log", out), .op(.plus),
                                                                 .parens(.row([.count(1), .op(.minus), t])),
                                                                 .function("log", .row([.count(1), .op(.minus), out]))]))])
            let numbers = Formula.row([.op(.minus), .parens(.row([n(target), .op(.times), .function("log", n(a)), .op(.plus),
                                                                   .parens(.row([.count(1), .op(.minus), n(target).asFactor])),
                                                                   .op(.times),
                                                                   .function("log", .row([.count(1), .op(.minus), n(a)]))]))])
            return [.whole(named), .whole(numbers), .whole(n(share))]
        }
    }
}
