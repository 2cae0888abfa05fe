import Foundation
import NetFramesEngine

extension Derivation {
    /// One parameter's update: its names, values and the optimizer's state for it.
    struct Parameter {
        var name: Formula
        var newName: Formula
        var value: Double
        var gradient: Double
        var newValue: Double
        var bias: Bool
        /// The optimizer's state for this parameter, by name: before and after the step.
        var before: [String: Double]
        var after: [String: Double]
    }

    /// The parameters of neuron j of layer l: the weights into it (a few, when there
    /// are many) and its bias.
    func parameters(_ l: Int, _ j: Int) -> [Parameter] {
        let fanIn = shape.layers[l - 1]
        let shown = fanIn <= Derivation.longestSum ? Array(0..<fanIn) : [0, 1, 2, fanIn - 1]
        var list = shown.map { k in
            let index = shape.weightOffsets[l - 1] + j * fanIn + k
            return Parameter(name: names.weight(l, to: j, from: k), newName: names.newWeight(l, to: j, from: k),
                             value: step.parameters.weights[index], gradient: step.gradients.weights[index],
                             newValue: step.newParameters.weights[index], bias: false,
                             before: step.stateBefore.mapValues { $0.weights[index] },
                             after: step.stateAfter.mapValues { $0.weights[index] })
        }
        let index = shape.biasOffsets[l - 1] + j
        list.append(Parameter(name: names.bias(l, j), newName: names.newBias(l, j), value: step.parameters.biases[index],
                              gradient: step.gradients.biases[index], newValue: step.newParameters.biases[index], bias: true,
                              before: step.stateBefore.mapValues { $0.biases[index] },
                              after: step.stateAfter.mapValues { $0.biases[index] }))
        return list
    }

    /// Every worked parameter takes its step by the optimizer's rule.
    mutating func update() {
        heading(2, "Update")
        updateIntroduction()
        if !setup.trainBiases {
            paragraph(.t("The biases are not trained in this run, so each keeps its value: "),
                      .m(.equation(.sup(.variable("b"), .op(.prime)), .variable("b"))), .t("."))
        }
        for l in 1...outputLayer {
            heading(3, names.layerHeading(l))
            for j in worked(l) {
                for p in parameters(l, j) where !p.bias || setup.trainBiases { show(p) }
            }
            if summarised(l) || shape.layers[l - 1] > Derivation.longestSum {
                paragraph(.t("The other parameters of \(names.layerName(l)) are updated the same way; the tables list them."))
            }
        }
        figure(FrameMoment(.update), "The update: every weight has taken its step.")
    }

    /// The optimizer's rule, in general.
    mutating func updateIntroduction() {
        let w = Formula.variable("w"), g = Formula.variable("g"), eta = Formula.variable("η")
        let wNew = Formula.sup(w, .op(.prime))
        var prose: Prose
        switch setup.optimizer {
        case .sgd:
            prose = [.t("Gradient descent moves each weight a step against its gradient, the step's size set by the learning rate: "),
                     .m(.equation(wNew, .row([w, .op(.minus), eta, .op(.times), g]))), .t(", where "),
                     .m(.equation(g, names.gradient(of: w))), .t(".")]
        case let .momentum(mu, nesterov):
            let v = Formula.variable("v"), vNew = Formula.sup(v, .op(.prime))
            prose = [.t("Momentum keeps a velocity v for each parameter, 0 before the first step, which gathers the gradients "
                + "with a memory of "), .m(.equation(.variable("μ"), .setting(mu))), .t(": "),
                     .m(.equation(vNew, .row([.variable("μ"), .op(.times), v, .op(.plus), g]))), .t(", then ")]
            prose.append(.m(.equation(wNew, nesterov
                ? .row([w, .op(.minus), eta, .op(.times), .parens(.row([g, .op(.plus), .variable("μ"), .op(.times), vNew]))])
                : .row([w, .op(.minus), eta, .op(.times), vNew]))))
            prose += [.t(nesterov ? " (Nesterov's form looks one step ahead)" : ""), .t(", where "),
                      .m(.equation(g, names.gradient(of: w))), .t(".")]
        case let .rmsprop(alpha, epsilon):
            let s = Formula.variable("s"), sNew = Formula.sup(s, .op(.prime))
            prose = [.t("RMSprop keeps a running mean s of each parameter's squared gradients, 0 before the first step, "
                + "and divides the step by its square root: "),
                     .m(.equation(sNew, .row([.variable("α"), .op(.times), s, .op(.plus),
                                              .parens(.row([.count(1), .op(.minus), .variable("α")])), .op(.times), .sup(g, .count(2))]))),
                     .t(" and "),
                     .m(.equation(wNew, .row([w, .op(.minus), eta, .op(.times),
                                              .fraction(g, .row([.root(sNew), .op(.plus), .variable("ε")]))]))),
                     .t(", with "), .m(.equation(.variable("α"), .setting(alpha))), .t(", "),
                     .m(.equation(.variable("ε"), .setting(epsilon))), .t(" and "), .m(.equation(g, names.gradient(of: w))), .t(".")]
        case let .adam(beta1, beta2, epsilon, decoupled):
            prose = adamIntroduction(beta1: beta1, beta2: beta2, epsilon: epsilon, decoupled: decoupled)
        }
        var rates: Prose = [.t(" Here "), .m(.equation(eta, .setting(setup.learningRate)))]
        if setup.trainBiases && setup.biasLearningRate != setup.learningRate {
            rates += [.t(" for the weights and "), .m(.equation(rate(bias: true).symbol, .setting(setup.biasLearningRate))),
                      .t(" for the biases")]
        }
        rates.append(.t("."))
        if setup.weightDecay > 0 {
            if case .adam(_, _, _, true) = setup.optimizer {
                rates += [.t(" AdamW first shrinks every parameter by "), .m(.row([.count(1), .op(.minus), eta, .op(.times), .variable("λ")])),
                          .t(", with weight decay "), .m(.equation(.variable("λ"), .setting(setup.weightDecay))), .t(".")]
            } else {
                rates += [.t(" With weight decay "), .m(.equation(.variable("λ"), .setting(setup.weightDecay))),
                          .t(" the gradient first gains "), .m(.row([.variable("λ"), .op(.times), w])), .t(": "),
                          .m(.equation(g, .row([names.gradient(of: w), .op(.plus), .variable("λ"), .op(.times), w]))), .t(".")]
            }
        }
        paragraph(prose + rates)
    }

    /// Adam's two running means, their bias corrections and the step.
    func adamIntroduction(beta1: Double, beta2: Double, epsilon: Double, decoupled: Bool) -> Prose {
        let w = Formula.variable("w"), g = Formula.variable("g"), eta = Formula.variable("η")
        let m = Formula.variable("m"), v = Formula.variable("v"), t = Formula.variable("t")
        let b1 = Formula.sub(.variable("β"), .count(1)), b2 = Formula.sub(.variable("β"), .count(2))
        let mNew = Formula.sup(m, .op(.prime)), vNew = Formula.sup(v, .op(.prime))
        return [.t("\(decoupled ? "AdamW" : "Adam") keeps two running means for each parameter, both 0 before the first step: "
            + "m of its gradients and v of their squares, "),
                .m(.equation(mNew, .row([b1, .op(.times), m, .op(.plus), .parens(.row([.count(1), .op(.minus), b1])), .op(.times), g]))),
                .t(" and "),
                .m(.equation(vNew, .row([b2, .op(.times), v, .op(.plus), .parens(.row([.count(1), .op(.minus), b2])), .op(.times), .sup(g, .count(2))]))),
                .t(". Early on they lean towards 0, so each is divided by its correction at step "), .m(.equation(t, .count(step.step))),
                .t(": "), .m(.equation(.hat(m), .fraction(mNew, .row([.count(1), .op(.minus), .sup(b1, t)])))), .t(" and "),
                .m(.equation(.hat(v), .fraction(vNew, .row([.count(1), .op(.minus), .sup(b2, t)])))), .t(". Then "),
                .m(.equation(.sup(w, .op(.prime)), .row([w, .op(.minus), eta, .op(.times),
                                                         .fraction(.hat(m), .row([.root(.hat(v)), .op(.plus), .variable("ε")]))]))),
                .t(", with "), .m(.equation(b1, .setting(beta1))), .t(", "), .m(.equation(b2, .setting(beta2))), .t(", "),
                .m(.equation(.variable("ε"), .setting(epsilon))), .t(" and "), .m(.equation(g, names.gradient(of: w))), .t(".")]
    }

    /// One parameter's update, worked with its numbers.
    mutating func show(_ p: Parameter) {
        let (etaSymbol, eta) = rate(bias: p.bias)
        let lambda = setup.weightDecay
        var decoupled = false
        if case .adam(_, _, _, true) = setup.optimizer { decoupled = true }
        let coupledDecay = lambda > 0 && !decoupled
        let g = p.gradient + (coupledDecay ? lambda * p.value : 0)
        let gSymbol = Formula.variable("g")
        if case .sgd = setup.optimizer {
            if coupledDecay {
                display(p.newName, [.whole(.row([p.name, .op(.minus), etaSymbol, .op(.times),
                                                 .parens(.row([names.gradient(of: p.name), .op(.plus), .variable("λ"), .op(.times), p.name]))])),
                                    .whole(.row([n(p.value), .op(.minus), .setting(eta), .op(.times),
                                                 .parens(.row([n(p.gradient), .op(.plus), .setting(lambda), .op(.times), n(p.value).asFactor]))])),
                                    .whole(n(p.newValue))])
            } else {
                display(p.newName, [.whole(.row([p.name, .op(.minus), etaSymbol, .op(.times), names.gradient(of: p.name)])),
                                    .whole(.row([n(p.value), .op(.minus), .setting(eta), .op(.times), n(p.gradient).asFactor])),
                                    .whole(n(p.newValue))])
            }
            return
        }
        paragraph(.t("For "), .m(p.name), .t(", with "), .m(.equation(p.name, n(p.value))), .t(" and "),
                  .m(.equation(names.gradient(of: p.name), n(p.gradient))), .t(":"))
        if coupledDecay {
            display(gSymbol, [.whole(.row([names.gradient(of: p.name), .op(.plus), .variable("λ"), .op(.times), p.name])),
                              .whole(.row([n(p.gradient), .op(.plus), .setting(lambda), .op(.times), n(p.value).asFactor])),
                              .whole(n(g))])
        }
        let gValue = n(g)
        switch setup.optimizer {
        case .sgd:
            break
        case let .momentum(mu, nesterov):
            let v = Formula.variable("v"), vNew = Formula.sup(v, .op(.prime))
            let before = p.before["velocity"] ?? 0, after = p.after["velocity"] ?? 0
            display(vNew, [.whole(.row([.variable("μ"), .op(.times), v, .op(.plus), gSymbol])),
                           .whole(.row([.setting(mu), .op(.times), n(before).asFactor, .op(.plus), gValue.asFactor])),
                           .whole(n(after))])
            let step: (Formula, Formula) = nesterov
                ? (.parens(.row([gSymbol, .op(.plus), .variable("μ"), .op(.times), vNew])),
                   .parens(.row([gValue, .op(.plus), .setting(mu), .op(.times), n(after).asFactor])))
                : (vNew, n(after).asFactor)
            display(p.newName, [.whole(.row([p.name, .op(.minus), etaSymbol, .op(.times), step.0])),
                                .whole(.row([n(p.value), .op(.minus), .setting(eta), .op(.times), step.1])),
                                .whole(n(p.newValue))])
        case let .rmsprop(alpha, epsilon):
            let s = Formula.variable("s"), sNew = Formula.sup(s, .op(.prime))
            let before = p.before["meanSquare"] ?? 0, after = p.after["meanSquare"] ?? 0
            display(sNew, [.whole(.row([.variable("α"), .op(.times), s, .op(.plus), .parens(.row([.count(1), .op(.minus), .variable("α")])),
                                        .op(.times), .sup(gSymbol, .count(2))])),
                           .whole(.row([.setting(alpha), .op(.times), n(before), .op(.plus), .setting(1 - alpha), .op(.times),
                                        .sup(gValue.asFactor, .count(2))])),
                           .whole(n(after))])
            display(p.newName, [.whole(.row([p.name, .op(.minus), etaSymbol, .op(.times),
                                             .fraction(gSymbol, .row([.root(sNew), .op(.plus), .variable("ε")]))])),
                                .whole(.row([n(p.value), .op(.minus), .setting(eta), .op(.times),
                                             .fraction(gValue, .row([.root(n(after)), .op(.plus), .setting(epsilon)]))])),
                                .whole(n(p.newValue))])
        case let .adam(beta1, beta2, epsilon, decoupled):
            showAdam(p, g: g, eta: (etaSymbol, eta), beta1: beta1, beta2: beta2, epsilon: epsilon, decoupled: decoupled)
        }
    }

    /// Adam's (or AdamW's) update of one parameter.
    private mutating func showAdam(_ p: Parameter, g: Double, eta: (Formula, Double), beta1: Double, beta2: Double,
                                   epsilon: Double, decoupled: Bool) {
        let m = Formula.variable("m"), v = Formula.variable("v"), gSymbol = Formula.variable("g")
        let mNew = Formula.sup(m, .op(.prime)), vNew = Formula.sup(v, .op(.prime))
        let b1 = Formula.sub(.variable("β"), .count(1)), b2 = Formula.sub(.variable("β"), .count(2))
        let mBefore = p.before["m"] ?? 0, mAfter = p.after["m"] ?? 0
        let vBefore = p.before["v"] ?? 0, vAfter = p.after["v"] ?? 0
        display(mNew, [.whole(.row([b1, .op(.times), m, .op(.plus), .parens(.row([.count(1), .op(.minus), b1])), .op(.times), gSymbol])),
                       .whole(.row([.setting(beta1), .op(.times), n(mBefore).asFactor, .op(.plus), .setting(1 - beta1), .op(.times),
                                    n(g).asFactor])),
                       .whole(n(mAfter))])
        display(vNew, [.whole(.row([b2, .op(.times), v, .op(.plus), .parens(.row([.count(1), .op(.minus), b2])), .op(.times),
                                    .sup(gSymbol, .count(2))])),
                       .whole(.row([.setting(beta2), .op(.times), n(vBefore), .op(.plus), .setting(1 - beta2), .op(.times),
                                    .sup(n(g).asFactor, .count(2))])),
                       .whole(n(vAfter))])
        let t = step.step
        let c1 = 1 - pow(beta1, Double(t)), c2 = 1 - pow(beta2, Double(t))
        display(.hat(m), [.whole(.fraction(mNew, .row([.count(1), .op(.minus), .sup(b1, .variable("t"))]))),
                          .whole(.fraction(n(mAfter), .row([.count(1), .op(.minus), .sup(.setting(beta1), .count(t))]))),
                          .whole(n(mAfter / c1))])
        display(.hat(v), [.whole(.fraction(vNew, .row([.count(1), .op(.minus), .sup(b2, .variable("t"))]))),
                          .whole(.fraction(n(vAfter), .row([.count(1), .op(.minus), .sup(.setting(beta2), .count(t))]))),
                          .whole(n(vAfter / c2))])
        let (etaSymbol, etaValue) = eta
        // AdamW shrinks the parameter before its step.
        let shrink: (Formula, Formula) = decoupled && setup.weightDecay > 0
            ? (.row([p.name, .parens(.row([.count(1), .op(.minus), etaSymbol, .op(.times), .variable("λ")]))]),
               .row([n(p.value), .parens(.row([.count(1), .op(.minus), .setting(etaValue), .op(.times), .setting(setup.weightDecay)]))]))
            : (p.name, n(p.value))
        display(p.newName, [.whole(.row([shrink.0, .op(.minus), etaSymbol, .op(.times),
                                         .fraction(.hat(m), .row([.root(.hat(v)), .op(.plus), .variable("ε")]))])),
                            .whole(.row([shrink.1, .op(.minus), .setting(etaValue), .op(.times),
                                         .fraction(n(mAfter / c1), .row([.root(n(vAfter / c2)), .op(.plus), .setting(epsilon)]))])),
                            .whole(n(p.newValue))])
    }
}
