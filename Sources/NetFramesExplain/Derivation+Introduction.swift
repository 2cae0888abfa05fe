import NetFramesEngine

extension Derivation {
    /// What the run is, which example the step takes, and how things are named.
    mutating func introduction() {
        let layers = listed(shape.layers.map(String.init))
        var about: Prose = [.t("This is step \(step.step) of \(step.iterations) of the run \(step.runName), worked through "
            + "by hand with the numbers NetFrames computed (in 64-bit floating point), each printed with \(places) decimals. "
            + "The network's layers have \(layers) neurons: \(shape.inputCount) input\(shape.inputCount == 1 ? "" : "s"), ")]
        if outputLayer > 1 {
            let hidden = shape.layers[1..<outputLayer].map(String.init).joined(separator: " and ")
            about.append(.t("\(outputLayer - 1 == 1 ? "a hidden layer" : "hidden layers") of \(hidden) "
                + "\(setup.hidden.rawValue) neurons and "))
        }
        about.append(.t("\(shape.outputCount) \(setup.output.rawValue) output\(shape.outputCount == 1 ? "" : "s"). "
            + "It learns from the \(lossName) by \(optimizerName)"))
        about += [.t(", with learning rate "), .m(.equation(.variable("η"), .setting(setup.learningRate)))]
        if setup.trainBiases && setup.biasLearningRate != setup.learningRate {
            about += [.t(" for the weights and "), .m(.equation(rate(bias: true).symbol, .setting(setup.biasLearningRate))),
                      .t(" for the biases")]
        }
        if setup.weightDecay > 0 {
            about += [.t(" and weight decay "), .m(.equation(.variable("λ"), .setting(setup.weightDecay)))]
        }
        about.append(.t("."))
        if !setup.trainBiases {
            about += [.t(" The run sets "), .code("trainBiases: false"), .t(", so the biases keep their values.")]
        }
        paragraph(about)
        exampleParagraph()
        notationParagraph()
        if detail == .followed {
            paragraph(.t("Only neuron 1 of each layer, the one the diagram follows, is worked in full here"
                + (shape.layers.contains { $0 > ExplainOptions.widestWorkedLayer } ? " (the network has layers of more than "
                    + "\(ExplainOptions.widestWorkedLayer) neurons)" : "")
                + "; the others work the same way, and the tables at the end give every number."))
        }
        paragraph(.t("Each result is computed from the unrounded numbers, so its last printed digit may differ "
            + "from what the rounded numbers shown would give."))
    }

    /// The loss as prose: "squared error", "cross-entropy".
    var lossName: String {
        switch setup.loss {
        case .mse: return "squared error"
        case .crossEntropy: return setup.output == .softmax ? "cross-entropy" : "binary cross-entropy"
        }
    }

    /// The optimizer as prose.
    var optimizerName: String {
        switch setup.optimizer {
        case .sgd: return "gradient descent (SGD)"
        case .momentum(_, let nesterov): return nesterov ? "gradient descent with Nesterov momentum" : "gradient descent with momentum"
        case .rmsprop: return "RMSprop"
        case .adam(_, _, _, let decoupled): return decoupled ? "AdamW" : "Adam"
        }
    }

    /// The example (or batch) the step trains on, with its numbers.
    mutating func exampleParagraph() {
        var prose: Prose
        if step.examples.count == 1 {
            prose = [.t("The step trains on example \(pass.index + 1) of the data: input ")]
        } else {
            let indices = step.examples.map { String($0.index + 1) }
            prose = [.t("The step trains on a batch of \(step.examples.count) examples (examples "
                + listed(indices) + " of the data). The first is worked through in full, "
                + "and the gradients are then averaged over the batch. The first example's input is ")]
        }
        prose += valueList((0..<shape.inputCount).map { (names.neuron(0, $0), pass.input[$0]) })
        prose.append(.t(" and its target "))
        prose += valueList((0..<shape.outputCount).map { (names.target($0), pass.target[$0]) })
        prose.append(.t(max(shape.inputCount, shape.outputCount) > Derivation.longestSum
            ? " (⋯ stands for the values left out; the tables at the end list them all)." : "."))
        paragraph(prose)
    }

    /// How neurons, values and weights are named.
    mutating func notationParagraph() {
        var prose: Prose = [.t("Names, as in Matt Mazur's \"A Step by Step Backpropagation Example\" (2015): ")]
        prose += members(0, one: "the input", many: "the inputs") + [.t("; ")]
        if outputLayer > 1 {
            prose += members(1, one: "the hidden neuron", many: outputLayer > 2 ? "the neurons of hidden layer 1" : "the hidden neurons")
            if outputLayer > 2 {
                prose += [.t(", and "), .m(.sub(.variable("h"), .row([.variable("l"), .op(.comma), .variable("j")]))),
                          .t(" is neuron "), .m(.variable("j")), .t(" of hidden layer "), .m(.variable("l"))]
            }
            prose.append(.t("; "))
        }
        prose += members(outputLayer, one: "the output", many: "the outputs")
        prose += [.t(". A neuron's "),
                  .m(.word("net")), .t(" is the sum of its weighted inputs and bias (z in NetFrames' diagram), its "),
                  .m(.word("out")), .t(" what its activation makes of it (a in the diagram). "),
                  .m(names.weight(outputLayer, to: 0, from: 0)),
                  .t(" is the weight of the connection from "), .m(names.neuron(outputLayer - 1, 0)), .t(" to "),
                  .m(names.neuron(outputLayer, 0)), .t(", "), .m(names.bias(outputLayer, 0)), .t(" the bias of "),
                  .m(names.neuron(outputLayer, 0)), .t(", and "), .m(names.total),
                  .t(" the error the step minimises (the loss); a prime marks a value after the update.")]
        paragraph(prose)
    }

    /// "i1 is the input", "i1, i2 are the inputs", "h1, h2, … are the hidden neurons".
    func members(_ layer: Int, one: String, many: String) -> Prose {
        let count = shape.layers[layer]
        if count == 1 { return [.m(names.neuron(layer, 0)), .t(" is " + one)] }
        return [.m(names.neuron(layer, 0)), .t(", "), .m(names.neuron(layer, 1)), .t((count > 2 ? ", … are " : " are ") + many)]
    }

    /// "i1 = 0.05, i2 = 0.1".
    func valueList(_ items: [(Formula, Double)]) -> Prose {
        var prose: Prose = []
        let shown = items.count <= Derivation.longestSum ? Array(items) : Array(items.prefix(3)) + [items[items.count - 1]]
        for (i, (name, value)) in shown.enumerated() {
            if i > 0 { prose.append(.t(items.count > Derivation.longestSum && i == 3 ? ", ⋯, " : ", ")) }
            prose.append(.m(.equation(name, n(value))))
        }
        return prose
    }

    /// "1, 2 and 3".
    func listed(_ items: [String]) -> String {
        if items.count > Derivation.longestSum {
            return items.prefix(3).joined(separator: ", ") + ", … and " + items[items.count - 1]
        }
        return items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
