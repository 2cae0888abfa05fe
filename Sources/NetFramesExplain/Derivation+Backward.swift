import NetFramesEngine

extension Derivation {
    /// The chain rule, from the output layer back: each worked neuron's δ, then the
    /// gradient of every weight into it and of its bias.
    mutating func backwardPass() {
        heading(2, "Backward pass")
        let w = Formula.variable("w")
        paragraph(.t("Backpropagation finds, for every weight, how the error changes as the weight changes, "),
                  .m(names.gradient(of: w)), .t(". The chain rule splits it into three factors, each known from the forward pass: "),
                  .m(.equation(names.gradient(of: w), .product([names.gradient(of: .word("out")),
                                                                .derivative(.word("out"), by: .word("net")),
                                                                .derivative(.word("net"), by: w)]))),
                  .t(". The first two together are "), .m(.equation(.variable("δ"), names.gradient(of: .word("net")))),
                  .t(", the same for every weight into the neuron; the third is the output the weight multiplies, "
                    + "because net is a sum of weight times output. A bias multiplies 1, so its gradient is "),
                  .m(.variable("δ")), .t(" itself."))
        if step.examples.count > 1 {
            paragraph(.t("These are the first example's gradients; the batch's are their means over its examples."))
        }
        heading(3, names.layerHeading(outputLayer))
        outputLayerDeltas()
        for l in stride(from: outputLayer - 1, through: 1, by: -1) {
            heading(3, names.layerHeading(l))
            hiddenLayerDeltas(l)
        }
    }

    /// δ of each worked output, by the loss and output activation together, then its gradients.
    mutating func outputLayerDeltas() {
        let l = outputLayer
        let a = pass.out[l], t = pass.target
        switch (setup.loss, setup.output) {
        case (.mse, .softmax):
            mseSoftmaxDeltas()
        case (.mse, _):
            paragraph(.t("For the squared error, "), .m(.equation(names.gradient(of: .word("out")),
                                                                  .row([.word("out"), .op(.minus), .variable("t")]))),
                      .t(" for each output; the activation's slope "), .m(.derivative(.word("out"), by: .word("net"))),
                      .t(" follows from its output."))
            for j in worked(l) {
                display(names.gradient(of: names.out(l, j)),
                        [.whole(.row([names.out(l, j), .op(.minus), names.target(j)])),
                         .whole(.row([n(a[j]), .op(.minus), n(t[j]).asFactor])), .whole(n(a[j] - t[j]))])
                slope(l, j)
                display(names.delta(l, j), [.whole(names.gradient(of: names.net(l, j))),
                                            .whole(.product([names.gradient(of: names.out(l, j)),
                                                             .derivative(names.out(l, j), by: names.net(l, j))])),
                                            .whole(.product([n(a[j] - t[j]), slopeFormula(l, j)])),
                                            .whole(n(pass.deltas[l][j]))])
                weightGradients(l, j, threeFactors: true)
            }
        case (.crossEntropy, .softmax):
            let sumT = t.reduce(0, +)
            paragraph(.t("With softmax and cross-entropy the two factors are best taken together. Each output's net moves "
                + "every output, through the softmax's shared sum: "),
                      .m(.derivative(.sub(.word("out"), .row([.variable("o"), .variable("i")])),
                                     by: .sub(.word("net"), .row([.variable("o"), .variable("j")])))),
                      .t(" is "), .m(.row([.sub(.word("out"), .row([.variable("o"), .variable("j")])),
                                           .parens(.row([.count(1), .op(.minus), .sub(.word("out"), .row([.variable("o"), .variable("j")]))]))])),
                      .t(" for "), .m(.equation(.variable("i"), .variable("j"))), .t(" and "), .m(.row([.op(.minus), .sub(.word("out"), .row([.variable("o"), .variable("i")])),
                                                     .sub(.word("out"), .row([.variable("o"), .variable("j")]))])),
                      .t(" otherwise, while "), .m(.equation(.derivative(names.total, by: .sub(.word("out"), .row([.variable("o"), .variable("i")]))),
                                                          .row([.op(.minus), .fraction(.sub(.variable("t"), .row([.variable("o"), .variable("i")])),
                                                                                       .sub(.word("out"), .row([.variable("o"), .variable("i")])))]))),
                      .t(". Summed over the outputs "), .m(.variable("i")), .t(", almost everything cancels: "),
                      .m(.equation(.sub(.variable("δ"), .row([.variable("o"), .variable("j")])),
                                   .row([.sub(.word("out"), .row([.variable("o"), .variable("j")])),
                                         .sum(over: .variable("i"), .sub(.variable("t"), .row([.variable("o"), .variable("i")]))),
                                         .op(.minus), .sub(.variable("t"), .row([.variable("o"), .variable("j")]))]))),
                      .t(sumT == 1 ? ", which is simply " : "."))
            if sumT == 1 {
                // Continues the paragraph above: δ = out − t when the targets add up to 1.
                extendParagraph([.m(.row([.word("out"), .op(.minus), .variable("t")])), .t(", since the targets add up to 1.")])
            }
            for j in worked(l) {
                var parts: [Part] = [.whole(names.gradient(of: names.net(l, j)))]
                if sumT == 1 {
                    parts += [.whole(.row([names.out(l, j), .op(.minus), names.target(j)])),
                              .whole(.row([n(a[j]), .op(.minus), n(t[j]).asFactor]))]
                } else {
                    parts.append(.whole(.row([n(a[j]), .op(.times), n(sumT).asFactor, .op(.minus), n(t[j]).asFactor])))
                }
                parts.append(.whole(n(pass.deltas[l][j])))
                display(names.delta(l, j), parts)
                weightGradients(l, j, threeFactors: false)
            }
        case (.crossEntropy, _):
            paragraph(.t("For the binary cross-entropy, "),
                      .m(.equation(names.gradient(of: .word("out")),
                                   .fraction(.row([.word("out"), .op(.minus), .variable("t")]),
                                             .row([.word("out"), .parens(.row([.count(1), .op(.minus), .word("out")]))])))),
                      .t(", and the sigmoid's slope is "),
                      .m(.equation(.derivative(.word("out"), by: .word("net")), .row([.word("out"), .parens(.row([.count(1), .op(.minus), .word("out")]))]))),
                      .t(": their product cancels to "), .m(.equation(.variable("δ"), .row([.word("out"), .op(.minus), .variable("t")]))), .t("."))
            for j in worked(l) {
                display(names.delta(l, j), [.whole(names.gradient(of: names.net(l, j))),
                                            .whole(.row([names.out(l, j), .op(.minus), names.target(j)])),
                                            .whole(.row([n(a[j]), .op(.minus), n(t[j]).asFactor])),
                                            .whole(n(pass.deltas[l][j]))])
                weightGradients(l, j, threeFactors: false)
            }
        }
        if summarised(l) { paragraph(.t("The other outputs' gradients are worked out the same way; the tables list them.")) }
        figure(FrameMoment(.backward, layer: l), "Backpropagation has reached \(names.layerName(l)).")
    }

    /// Squared error through a softmax: every output's error reaches every net.
    mutating func mseSoftmaxDeltas() {
        let l = outputLayer, a = pass.out[l], t = pass.target
        let s = Formula.variable("S")
        let oi = Formula.row([.variable("o"), .variable("i")]), oj = Formula.row([.variable("o"), .variable("j")])
        paragraph(.t("With softmax outputs each net moves every output, so "), .m(.variable("δ")), .t(" sums the squared error's "),
                  .m(.equation(names.gradient(of: .sub(.word("out"), oi)), .row([.sub(.word("out"), oi), .op(.minus), .sub(.variable("t"), oi)]))),
                  .t(" over the outputs through the softmax's slopes, which gives "),
                  .m(.equation(.sub(.variable("δ"), oj), .row([.sub(.word("out"), oj),
                                                               .parens(.row([.sub(.word("out"), oj), .op(.minus), .sub(.variable("t"), oj),
                                                                             .op(.minus), s]))]))),
                  .t(" with "), .m(.equation(s, .sum(over: .variable("i"), .row([.parens(.row([.sub(.word("out"), oi), .op(.minus),
                                                                                            .sub(.variable("t"), oi)])),
                                                                               .sub(.word("out"), oi)])))),
                  .t(":"))
        var sum = 0.0
        for i in 0..<a.count { sum += (a[i] - t[i]) * a[i] }
        display(s, [.terms(terms(a.count) { i in .product([.parens(.row([n(a[i]), .op(.minus), n(t[i]).asFactor])), n(a[i])]) }),
                    .whole(n(sum))])
        for j in worked(l) {
            display(names.delta(l, j), [.whole(.row([n(a[j]), .parens(.row([n(a[j]), .op(.minus), n(t[j]).asFactor, .op(.minus), n(sum).asFactor]))])),
                                        .whole(n(pass.deltas[l][j]))])
            weightGradients(l, j, threeFactors: false)
        }
    }

    /// A hidden layer: ∂E/∂out summed over the connections out of each worked neuron,
    /// the activation's slope, δ, and the gradients.
    mutating func hiddenLayerDeltas(_ l: Int) {
        let fanOut = shape.layers[l + 1]
        let next = l + 1
        paragraph(.t("A neuron of \(names.layerName(l)) feeds every neuron of \(names.layerName(next)), so the error reaches it "
            + "through each of those connections, and its "), .m(names.gradient(of: .word("out"))),
                  .t(" sums them: the "), .m(.variable("δ")), .t(" of the neuron at the far end times the weight of the connection."))
        if let note = shortenedNote(fanOut, what: "neuron of \(names.layerName(next))") { paragraph(note) }
        for j in worked(l) {
            let contributions = (0..<fanOut).map { pass.deltas[next][$0] * step.parameters.weight(layer: next, to: $0, from: j) }
            let total = contributions.reduce(0, +)
            var parts: [Part] = [
                .terms(terms(fanOut) { o in .product([names.delta(next, o), names.weight(next, to: o, from: j)]) }),
                .terms(terms(fanOut) { o in .product([n(pass.deltas[next][o]), n(step.parameters.weight(layer: next, to: o, from: j))]) })]
            // Each connection's share, then their sum; one connection's share is the sum.
            if fanOut > 1 { parts.append(.terms(terms(fanOut) { o in n(contributions[o]) })) }
            parts.append(.whole(n(total)))
            display(names.gradient(of: names.out(l, j)), parts)
            slope(l, j)
            display(names.delta(l, j), [.whole(.product([names.gradient(of: names.out(l, j)),
                                                         .derivative(names.out(l, j), by: names.net(l, j))])),
                                        .whole(.product([n(total), slopeFormula(l, j)])),
                                        .whole(n(pass.deltas[l][j]))])
            weightGradients(l, j, threeFactors: true, upstream: total)
        }
        if summarised(l) { paragraph(.t("The other neurons of \(names.layerName(l)) are worked out the same way.")) }
        figure(FrameMoment(.backward, layer: l), "Backpropagation has reached \(names.layerName(l)).")
    }

    /// ∂out/∂net of neuron j of layer l, from its activation: shown as a display.
    mutating func slope(_ l: Int, _ j: Int) {
        let out = names.out(l, j), lhs = Formula.derivative(out, by: names.net(l, j))
        let a = pass.out[l][j], z = pass.net[l][j]
        switch setup.activation(layer: l) {
        case .sigmoid, .softmax:
            display(lhs, [.whole(.row([out, .parens(.row([.count(1), .op(.minus), out]))])),
                          .whole(.row([n(a), .parens(.row([.count(1), .op(.minus), n(a).asFactor]))])),
                          .whole(n(slopeValue(l, j)))])
        case .tanh:
            display(lhs, [.whole(.row([.count(1), .op(.minus), .sup(out, .count(2))])),
                          .whole(.row([.count(1), .op(.minus), .sup(n(a).asFactor, .count(2))])),
                          .whole(n(slopeValue(l, j)))])
        case .relu:
            paragraph(.t("The rectifier's slope is 1 where net is above 0 and 0 elsewhere; here "),
                      .m(.equation(names.net(l, j), n(z))), .t(z > 0 ? ", so the error passes through:" : ", so no error passes back through this neuron:"))
            display(lhs, [.whole(.count(z > 0 ? 1 : 0))])
        case .linear:
            display(lhs, [.whole(.count(1))])
        }
    }

    /// ∂out/∂net as a factor: exactly 1 or 0 for a linear or rectified neuron, else its number.
    func slopeFormula(_ l: Int, _ j: Int) -> Formula {
        switch setup.activation(layer: l) {
        case .relu, .linear: return .count(Int(slopeValue(l, j)))
        default: return n(slopeValue(l, j))
        }
    }

    /// The value of ∂out/∂net, as the engine's backward pass uses it.
    func slopeValue(_ l: Int, _ j: Int) -> Double {
        let a = pass.out[l][j], z = pass.net[l][j]
        switch setup.activation(layer: l) {
        case .sigmoid, .softmax: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        case .linear: return 1
        }
    }

    /// The gradients of the weights into neuron j of layer l and of its bias: with three
    /// factors (∂E/∂out, ∂out/∂net, ∂net/∂w) or, where δ came in one piece, two (δ, ∂net/∂w).
    mutating func weightGradients(_ l: Int, _ j: Int, threeFactors: Bool, upstream: Double? = nil) {
        let fanIn = shape.layers[l - 1]
        let shown = fanIn <= Derivation.longestSum ? Array(0..<fanIn) : [0, 1, 2, fanIn - 1]
        let out = names.out(l, j), net = names.net(l, j)
        let first = upstream ?? (pass.out[l][j] - pass.target[j])
        for k in shown {
            let w = names.weight(l, to: j, from: k)
            let named: Formula, numbers: Formula
            if threeFactors {
                named = .product([names.gradient(of: out), .derivative(out, by: net), .derivative(net, by: w)])
                numbers = .product([n(first), slopeFormula(l, j), n(pass.out[l - 1][k])])
            } else {
                named = .product([names.gradient(of: net), .derivative(net, by: w)])
                numbers = .product([n(pass.deltas[l][j]), n(pass.out[l - 1][k])])
            }
            display(names.gradient(of: w), [.whole(named), .whole(numbers), .whole(n(pass.weightGradient(l, to: j, from: k)))])
        }
        if shown.count < fanIn {
            paragraph(.t("The other \(fanIn - shown.count) weights into "), .m(names.neuron(l, j)),
                      .t(" follow the same way, each with the output of its own neuron; the tables list them."))
        }
        let b = names.bias(l, j)
        display(names.gradient(of: b), [.whole(.product([names.delta(l, j), .derivative(net, by: b)])),
                                        .whole(.product([n(pass.deltas[l][j]), .count(1)])),
                                        .whole(n(pass.biasGradients[l][j]))])
    }
}
