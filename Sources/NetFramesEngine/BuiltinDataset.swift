import Foundation

/// Teaching data sets NetFrames generates itself, so a run needs no data file.
///
/// `xor`, `and` and `or` are the four corners of the unit square with one target
/// (0 or 1). `circle`, `gaussians` and `spiral` are two-class sets in the square
/// [−1, 1]², in the spirit of TensorFlow Playground's, with one-hot targets
/// `[1, 0]` and `[0, 1]`; their points are drawn from `seed`, and the classes
/// alternate so that SGD, taking examples in order, sees both from the start.
public enum BuiltinDataset: String, Codable, CaseIterable, Sendable {
    /// Target 1 where exactly one input is 1: the problem one neuron cannot solve.
    case xor
    /// Target 1 where both inputs are 1.
    case and
    /// Target 1 where either input is 1.
    case or
    /// Points inside a circle against points in a ring around it.
    case circle
    /// Two clouds of points, one per class.
    case gaussians
    /// Two interleaved spiral arms, one per class.
    case spiral

    /// Whether the set is drawn at random (and so takes `samples`, `seed` and `noise`).
    public var isGenerated: Bool {
        switch self {
        case .xor, .and, .or: return false
        case .circle, .gaussians, .spiral: return true
        }
    }

    /// Inputs per example.
    public var inputCount: Int { 2 }

    /// Targets per example.
    public var targetCount: Int { isGenerated ? 2 : 1 }

    /// Makes the examples.
    ///
    /// - Parameters:
    ///   - samples: how many points a generated set has (ignored by the logic gates).
    ///   - seed: the seed of the generated points.
    ///   - noise: standard deviation of Gaussian noise added to each coordinate.
    public func examples(samples: Int, seed: UInt64, noise: Double) -> [Example] {
        let corners: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
        switch self {
        case .xor: return corners.map { Example(input: $0, target: [$0[0] != $0[1] ? 1 : 0]) }
        case .and: return corners.map { Example(input: $0, target: [$0[0] == 1 && $0[1] == 1 ? 1 : 0]) }
        case .or: return corners.map { Example(input: $0, target: [$0[0] == 1 || $0[1] == 1 ? 1 : 0]) }
        default: break
        }
        var rng = SplitMix64(seed: seed)
        var result: [Example] = []
        result.reserveCapacity(samples)
        for i in 0..<samples {
            let label = i % 2
            var point: [Double]
            switch self {
            case .circle:
                // class 0 inside radius 0.5, class 1 on a ring from 0.7 to 1.0
                let radius = label == 0 ? rng.nextUniform(0, 0.5) : rng.nextUniform(0.7, 1.0)
                let angle = rng.nextUniform(0, 2 * Double.pi)
                point = [radius * cos(angle), radius * sin(angle)]
            case .gaussians:
                let centre = label == 0 ? 0.45 : -0.45
                point = [centre + 0.2 * rng.nextGaussian(), centre + 0.2 * rng.nextGaussian()]
            case .spiral:
                let k = Double(i / 2) / Double(max(1, (samples + 1) / 2))
                let radius = 0.9 * k + 0.05
                let angle = 1.75 * 2 * Double.pi * k + (label == 0 ? 0 : Double.pi)
                point = [radius * sin(angle), radius * cos(angle)]
            case .xor, .and, .or:
                fatalError("unreachable: logic gates are returned above")
            }
            if noise > 0 {
                point[0] += noise * rng.nextGaussian()
                point[1] += noise * rng.nextGaussian()
            }
            result.append(Example(input: point, target: label == 0 ? [1, 0] : [0, 1]))
        }
        return result
    }
}
