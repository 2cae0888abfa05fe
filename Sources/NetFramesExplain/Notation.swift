import NetFramesEngine

/// The names a worked example gives the neurons, weights and values of a network, as
/// Matt Mazur's "A Step by Step Backpropagation Example" (2015) names them: inputs
/// i1, i2, hidden neurons h1, h2, outputs o1, o2; `net` is a neuron's weighted input
/// (NetFrames' z) and `out` its output (NetFrames' a).
///
/// Where Mazur numbers the weights w1 … w8, a worked example names each by its
/// connection, w_{h1→o1}, so any network's weights have names. With several hidden
/// layers, hidden neuron j of layer l is h_{l,j}.
struct Notation: Sendable {
    let shape: NetworkShape

    /// Whether the network has more than one hidden layer.
    private var severalHidden: Bool { shape.layerCount > 3 }

    /// The neuron's name: `i1`, `h2`, `o1`, or `h_{2,1}` with several hidden layers.
    func neuron(_ layer: Int, _ j: Int) -> Formula {
        if layer == 0 { return .row([.variable("i"), .count(j + 1)]) }
        if layer == shape.outputLayer { return .row([.variable("o"), .count(j + 1)]) }
        if severalHidden { return .sub(.variable("h"), .row([.count(layer), .op(.comma), .count(j + 1)])) }
        return .row([.variable("h"), .count(j + 1)])
    }

    /// The neuron's output: the input value itself for layer 0 (`i1`), else `out_{h1}`.
    func out(_ layer: Int, _ j: Int) -> Formula {
        layer == 0 ? neuron(0, j) : .sub(.word("out"), neuron(layer, j))
    }

    /// The neuron's weighted input, `net_{h1}`.
    func net(_ layer: Int, _ j: Int) -> Formula { .sub(.word("net"), neuron(layer, j)) }

    /// The neuron's bias, `b_{h1}`.
    func bias(_ layer: Int, _ j: Int) -> Formula { .sub(.variable("b"), neuron(layer, j)) }

    /// The bias after the update, `b′_{h1}`.
    func newBias(_ layer: Int, _ j: Int) -> Formula { .subSup(.variable("b"), neuron(layer, j), .op(.prime)) }

    /// The weight from neuron `from` of layer `layer − 1` to neuron `to` of `layer`: `w_{h1→o1}`.
    func weight(_ layer: Int, to: Int, from: Int) -> Formula { .sub(.variable("w"), connection(layer, to: to, from: from)) }

    /// That weight after the update, `w′_{h1→o1}`.
    func newWeight(_ layer: Int, to: Int, from: Int) -> Formula {
        .subSup(.variable("w"), connection(layer, to: to, from: from), .op(.prime))
    }

    /// `h1→o1`.
    func connection(_ layer: Int, to: Int, from: Int) -> Formula {
        .row([neuron(layer - 1, from), .op(.arrow), neuron(layer, to)])
    }

    /// Output j's target, `t_{o1}`.
    func target(_ j: Int) -> Formula { .sub(.variable("t"), neuron(shape.outputLayer, j)) }

    /// Output j's share of the error, `E_{o1}`.
    func error(_ j: Int) -> Formula { .sub(.variable("E"), neuron(shape.outputLayer, j)) }

    /// The error of the example (NetFrames' loss L), `E`.
    let total = Formula.variable("E")

    /// The error of example n (from 1) of a batch, `E^{(n)}`.
    func exampleError(_ n: Int) -> Formula { .sup(.variable("E"), .parens(.count(n))) }

    /// The neuron's delta ∂E/∂net, `δ_{h1}`.
    func delta(_ layer: Int, _ j: Int) -> Formula { .sub(.variable("δ"), neuron(layer, j)) }

    /// ∂E/∂`x`.
    func gradient(of x: Formula) -> Formula { .derivative(total, by: x) }

    /// ∂E^{(n)}/∂`x`, example n's own gradient in a batch.
    func exampleGradient(_ n: Int, of x: Formula) -> Formula { .derivative(exampleError(n), by: x) }

    /// "the inputs", "hidden layer 1", "the output layer".
    func layerName(_ layer: Int) -> String {
        if layer == 0 { return "the input layer" }
        if layer == shape.outputLayer { return "the output layer" }
        return severalHidden ? "hidden layer \(layer)" : "the hidden layer"
    }

    /// "Hidden layer 1", "Output layer", for a heading.
    func layerHeading(_ layer: Int) -> String {
        if layer == shape.outputLayer { return "Output layer" }
        return severalHidden ? "Hidden layer \(layer)" : "Hidden layer"
    }
}
