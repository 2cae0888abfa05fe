import Foundation
import NetFramesEngine

extension Derivation {
    /// Per layer: each worked neuron's net = Σ w·out + b, then its out.
    mutating func forwardPass() {
        heading(2, "Forward pass")
        paragraph(.t("The input goes through the network one layer at a time. Each neuron adds up the outputs of the "
            + "layer before, each times the weight of its connection, and its bias: "),
                  .m(.equation(.word("net"), .row([.sum(over: .variable("k"), .row([.variable("w"), .op(.times), .word("out")])),
                                                   .op(.plus), .variable("b")]))),
                  .t("; then its activation function turns that into the neuron's output."))
        for l in 1...outputLayer {
            heading(3, names.layerHeading(l))
            paragraph(activationIntroduction(l))
            if let note = shortenedNote(shape.layers[l - 1], what: "neuron of \(names.layerName(l - 1))") { paragraph(note) }
            for j in worked(l) {
                display(names.net(l, j), netParts(l, j))
                display(names.out(l, j), outParts(l, j))
            }
            if summarised(l) {
                paragraph(.t("The other \(shape.layers[l] - 1) neurons of \(names.layerName(l)) work the same way; "
                    + "the table at the end lists their numbers."))
            }
            figure(FrameMoment(.forward, layer: l), "The forward pass has reached \(names.layerName(l)).")
        }
    }

    /// What layer `l`'s activation does.
    func activationIntroduction(_ l: Int) -> Prose {
        let x = Formula.variable("x")
        switch setup.activation(layer: l) {
        case .sigmoid:
            return [.t("The neurons of \(names.layerName(l)) use the sigmoid function "),
                    .m(.equation(.function("σ", x), .fraction(.count(1), .row([.count(1), .op(.plus), .sup(Derivation.e, .row([.op(.minus), x]))])))),
                    .t(", which squeezes any net into an output between 0 and 1.")]
        case .tanh:
            return [.t("The neurons of \(names.layerName(l)) use "), .m(.function("tanh", x)),
                    .t(", which squeezes any net into an output between "), .m(.row([.op(.minus), .count(1)])), .t(" and 1.")]
        case .relu:
            return [.t("The neurons of \(names.layerName(l)) use the rectifier "), .m(.equation(.function("relu", x), .function("max", .row([.count(0), .op(.comma), x])))),
                    .t(": a positive net passes through, anything else becomes 0.")]
        case .linear:
            return [.t("The neurons of \(names.layerName(l)) are linear: "), .m(.equation(.word("out"), .word("net"))), .t(".")]
        case .softmax:
            let k = Formula.row([.variable("o"), .variable("k")])
            return [.t("The outputs use softmax, which makes the layer's outputs positive and adds them up to 1: "),
                    .m(.equation(.sub(.word("out"), .row([.variable("o"), .variable("j")])),
                                 .fraction(.sup(Derivation.e, .sub(.word("net"), .row([.variable("o"), .variable("j")]))),
                                           .sum(over: .variable("k"), .sup(Derivation.e, .sub(.word("net"), k)))))),
                    .t(".")]
        }
    }

    /// net_{lj} = Σ w·out + b, with the names, then the numbers, then the result.
    func netParts(_ l: Int, _ j: Int) -> [Part] {
        let fanIn = shape.layers[l - 1]
        let named = terms(fanIn) { k in Formula.product([names.weight(l, to: j, from: k), names.out(l - 1, k)]) }
            + [names.bias(l, j)]
        let numbers = terms(fanIn) { k in
            Formula.product([n(step.parameters.weight(layer: l, to: j, from: k)), n(pass.out[l - 1][k])])
        } + [n(step.parameters.bias(layer: l, neuron: j))]
        return [.terms(named), .terms(numbers), .whole(n(pass.net[l][j]))]
    }

    /// out_{lj} from net_{lj}, by the layer's activation.
    func outParts(_ l: Int, _ j: Int) -> [Part] {
        let z = pass.net[l][j], a = pass.out[l][j], net = names.net(l, j)
        switch setup.activation(layer: l) {
        case .sigmoid:
            let power = z >= 0 ? Formula.row([.op(.minus), n(z)]) : n(-z)
            return [.whole(.function("σ", net)),
                    .whole(.fraction(.count(1), .row([.count(1), .op(.plus), .sup(Derivation.e, power)]))),
                    .whole(n(a))]
        case .tanh:
            return [.whole(.function("tanh", net)), .whole(.function("tanh", n(z))), .whole(n(a))]
        case .relu:
            return [.whole(.function("max", .row([.count(0), .op(.comma), net]))),
                    .whole(.function("max", .row([.count(0), .op(.comma), n(z)]))), .whole(n(a))]
        case .linear:
            return [.whole(net), .whole(n(a))]
        case .softmax:
            return softmaxParts(l, j)
        }
    }

    /// out_{oj} = e^{net_j} / Σ e^{net_k}, with the exponentials worked out. When some net
    /// is so large that e^net would overflow, every exponent is shifted by the largest
    /// (the ratio stays the same), as the engine computes it.
    func softmaxParts(_ l: Int, _ j: Int) -> [Part] {
        let nets = pass.net[l], count = nets.count
        let largest = nets.max() ?? 0
        let shift = largest > 700 ? largest : 0
        func power(_ k: Int) -> Formula {
            .sup(Derivation.e, shift == 0 ? n(nets[k]) : .parens(.row([n(nets[k]), .op(.minus), n(shift)])))
        }
        let exps = nets.map { exp($0 - shift) }
        let named = Formula.fraction(.sup(Derivation.e, names.net(l, j)),
                                     Formula.total(terms(count) { k in .sup(Derivation.e, names.net(l, k)) }))
        let withNets = Formula.fraction(power(j), Formula.total(terms(count, power)))
        let values = Formula.fraction(n(exps[j]), Formula.total(terms(count) { k in n(exps[k]) }))
        return [.whole(named), .whole(withNets), .whole(values), .whole(n(pass.out[l][j]))]
    }
}
