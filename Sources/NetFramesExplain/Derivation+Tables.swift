import NetFramesEngine

extension Derivation {
    /// Every number of the step, a table per layer: its neurons, then the weights into it.
    mutating func tables() {
        heading(2, "All the numbers")
        let batch = step.examples.count > 1
        paragraph(.t(batch
            ? "The tables list every number of the step. Inputs, targets, nets, outputs and deltas are the first example's; "
                + "the gradients are the batch's means, which the update used."
            : "The tables list every number of the step, layer by layer."))
        table(NumberTable(caption: "The input layer", header: [[.t("Input")], [.t("Value")]],
                          rows: (0..<shape.inputCount).map { [[.m(names.neuron(0, $0))], [.m(n(pass.input[$0]))]] }))
        let stateNames = setup.optimizer.stateNames
        for l in 1...outputLayer {
            neuronTable(l, stateNames: stateNames)
            weightTable(l, stateNames: stateNames)
        }
    }

    /// The state's symbol: v (momentum's velocity), s (RMSprop's mean square), m and v (Adam's).
    func stateSymbol(_ name: String) -> Formula {
        switch name {
        case "velocity": return .sup(.variable("v"), .op(.prime))
        case "meanSquare": return .sup(.variable("s"), .op(.prime))
        default: return .sup(.variable(name), .op(.prime))
        }
    }

    /// A layer's neurons: bias, net, out (with target and error share for outputs), δ,
    /// ∂E/∂b, the optimizer's state and the new bias.
    private mutating func neuronTable(_ l: Int, stateNames: [String]) {
        let output = l == outputLayer
        let shares = output ? outputShares() : []
        let header: Prose = [.t("Neuron")]
        var columns: [Prose] = [[.m(.variable("b"))], [.m(.word("net"))], [.m(.word("out"))]]
        if output { columns += [[.m(.variable("t"))], [.m(.sub(.variable("E"), .variable("o")))]] }
        columns += [[.m(.variable("δ"))], [.m(names.gradient(of: .variable("b")))]]
        if setup.trainBiases { columns += stateNames.map { [.m(stateSymbol($0))] } }
        columns.append([.m(.sup(.variable("b"), .op(.prime)))])
        let rows: [[Prose]] = (0..<shape.layers[l]).map { j in
            let index = shape.biasOffsets[l - 1] + j
            var row: [Prose] = [[.m(names.neuron(l, j))], [.m(n(step.parameters.biases[index]))],
                                [.m(n(pass.net[l][j]))], [.m(n(pass.out[l][j]))]]
            if output { row += [[.m(n(pass.target[j]))], [.m(n(shares[j]))]] }
            row += [[.m(n(pass.deltas[l][j]))], [.m(n(step.gradients.biases[index]))]]
            if setup.trainBiases { row += stateNames.map { [.m(n(step.stateAfter[$0]?.biases[index] ?? 0))] } }
            row.append([.m(n(step.newParameters.biases[index]))])
            return row
        }
        table(NumberTable(caption: "The neurons of \(names.layerName(l))", header: [header] + columns, rows: rows))
    }

    /// The weights into a layer: value, gradient, the optimizer's state and the new value.
    private mutating func weightTable(_ l: Int, stateNames: [String]) {
        var header: [Prose] = [[.t("Weight")], [.m(.variable("w"))], [.m(names.gradient(of: .variable("w")))]]
        header += stateNames.map { [.m(stateSymbol($0))] }
        header.append([.m(.sup(.variable("w"), .op(.prime)))])
        let fanIn = shape.layers[l - 1]
        var rows: [[Prose]] = []
        for j in 0..<shape.layers[l] {
            for k in 0..<fanIn {
                let index = shape.weightOffsets[l - 1] + j * fanIn + k
                var row: [Prose] = [[.m(names.weight(l, to: j, from: k))], [.m(n(step.parameters.weights[index]))],
                                    [.m(n(step.gradients.weights[index]))]]
                row += stateNames.map { [.m(n(step.stateAfter[$0]?.weights[index] ?? 0))] }
                row.append([.m(n(step.newParameters.weights[index]))])
                rows.append(row)
            }
        }
        table(NumberTable(caption: "The weights into \(names.layerName(l))", header: header, rows: rows))
    }
}
