/// The sizes of a fully connected network's layers, and where each layer's numbers
/// live in the flat arrays the engine keeps.
///
/// Layer 0 is the input. The weights into layer `l` (for `l ≥ 1`) form a matrix of
/// `layers[l]` rows and `layers[l - 1]` columns, stored row-major; run files and traces
/// index them as `weights[l - 1][to][from]`.
public struct NetworkShape: Sendable, Hashable, Codable {
    /// Neurons per layer, input first.
    public let layers: [Int]
    /// Offset of each layer's incoming weight matrix in the flat weight array (index `l - 1`).
    public let weightOffsets: [Int]
    /// Offset of each layer's biases in the flat bias array (index `l - 1`).
    public let biasOffsets: [Int]
    /// Total number of weights.
    public let weightCount: Int
    /// Total number of biases (one per non-input neuron).
    public let biasCount: Int

    /// Creates a shape. Every layer needs at least one neuron, and there must be at least two layers.
    public init(layers: [Int]) {
        precondition(layers.count >= 2 && layers.allSatisfy { $0 >= 1 }, "invalid layer sizes \(layers)")
        self.layers = layers
        var w = 0, b = 0
        var wOffsets: [Int] = [], bOffsets: [Int] = []
        for l in 1..<layers.count {
            wOffsets.append(w)
            bOffsets.append(b)
            w += layers[l] * layers[l - 1]
            b += layers[l]
        }
        weightOffsets = wOffsets
        biasOffsets = bOffsets
        weightCount = w
        biasCount = b
    }

    /// Number of layers, input included.
    public var layerCount: Int { layers.count }
    /// Moments (snapshots) one recorded step has: each forward layer, the loss, each
    /// backward layer, the update. Stills draw one frame per moment.
    public var momentsPerStep: Int { 2 * (layers.count - 1) + 2 }
    /// Number of inputs.
    public var inputCount: Int { layers[0] }
    /// Number of outputs.
    public var outputCount: Int { layers[layers.count - 1] }
    /// Index of the output layer.
    public var outputLayer: Int { layers.count - 1 }
    /// Total neurons over all layers.
    public var neuronCount: Int { layers.reduce(0, +) }

    private enum CodingKeys: String, CodingKey { case layers }
    /// Decodes `{"layers": […]}`, recomputing the offsets.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(layers: try c.decode([Int].self, forKey: .layers))
    }
    /// Encodes the shape as `{"layers": […]}`; the offsets follow from it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(layers, forKey: .layers)
    }
}
