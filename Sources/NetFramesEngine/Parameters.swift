/// A network's weights and biases, flat, in the order `NetworkShape` describes.
public struct Parameters: Sendable, Equatable {
    /// The network these parameters belong to.
    public let shape: NetworkShape
    /// All weights, layer after layer, each matrix row-major `[to][from]`.
    public var weights: [Double]
    /// All biases of layers 1 and up, layer after layer.
    public var biases: [Double]

    /// Creates parameters from flat arrays; their counts must match the shape.
    public init(shape: NetworkShape, weights: [Double], biases: [Double]) {
        precondition(weights.count == shape.weightCount && biases.count == shape.biasCount)
        self.shape = shape
        self.weights = weights
        self.biases = biases
    }

    /// Creates parameters from nested arrays, `weights[l][to][from]` and `biases[l][to]`,
    /// where `l` counts weight layers from 0 (the matrix into neuron layer `l + 1`).
    ///
    /// The nested shapes must already be checked against `shape`.
    public init(shape: NetworkShape, nestedWeights: [[[Double]]], nestedBiases: [[Double]]) {
        self.init(shape: shape,
                  weights: nestedWeights.flatMap { $0.flatMap { $0 } },
                  biases: nestedBiases.flatMap { $0 })
    }

    /// The weights as `[layer][to][from]`.
    public var nestedWeights: [[[Double]]] {
        (1..<shape.layerCount).map { l in
            let rows = shape.layers[l], cols = shape.layers[l - 1], base = shape.weightOffsets[l - 1]
            return (0..<rows).map { r in Array(weights[(base + r * cols)..<(base + (r + 1) * cols)]) }
        }
    }

    /// The biases as `[layer][to]`.
    public var nestedBiases: [[Double]] {
        (1..<shape.layerCount).map { l in
            let base = shape.biasOffsets[l - 1]
            return Array(biases[base..<(base + shape.layers[l])])
        }
    }

    /// The weight from neuron `from` of layer `layer - 1` to neuron `to` of `layer`.
    public func weight(layer: Int, to: Int, from: Int) -> Double {
        weights[shape.weightOffsets[layer - 1] + to * shape.layers[layer - 1] + from]
    }

    /// The bias of neuron `neuron` of `layer` (1 or more).
    public func bias(layer: Int, neuron: Int) -> Double {
        biases[shape.biasOffsets[layer - 1] + neuron]
    }
}

/// How random initial weights and biases are drawn.
public enum InitScheme: String, Codable, CaseIterable, Sendable {
    /// Weights and biases uniform in (−1, 1), as the 2015 sketch drew them.
    case uniform
    /// Glorot/Xavier: weights uniform in ±√(6 / (fan-in + fan-out)), biases 0.
    case xavier
}

extension Parameters {
    /// Draws initial parameters from a seeded generator: the same seed gives the same
    /// numbers on every machine.
    public static func random(shape: NetworkShape, scheme: InitScheme, seed: UInt64) -> Parameters {
        var rng = SplitMix64(seed: seed)
        var weights: [Double] = []
        var biases: [Double] = []
        weights.reserveCapacity(shape.weightCount)
        biases.reserveCapacity(shape.biasCount)
        for l in 1..<shape.layerCount {
            let fanIn = shape.layers[l - 1], fanOut = shape.layers[l]
            let limit: Double
            switch scheme {
            case .uniform: limit = 1
            case .xavier: limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
            }
            for _ in 0..<(fanIn * fanOut) { weights.append(rng.nextUniform(-limit, limit)) }
            for _ in 0..<fanOut {
                biases.append(scheme == .uniform ? rng.nextUniform(-1, 1) : 0)
            }
        }
        return Parameters(shape: shape, weights: weights, biases: biases)
    }
}
