import Foundation

/// Teaching data sets NetFrames generates itself, so a run needs no data file.
///
/// `xor`, `and` and `or` are the four corners of the unit square with one target
/// (0 or 1). `circle`, `gaussians` and `spiral` are two-class sets in the square
/// [−1, 1]², in the spirit of TensorFlow Playground's, with one-hot targets
/// `[1, 0]` and `[0, 1]`; `blobs` is a three-class one, targets one-hot over 3. Their
/// points are drawn from `seed`, and the classes take turns so that SGD, taking
/// examples in order, sees every class from the start.
/// `digits` is real data that NetFrames ships: 1,797 handwritten digits of 8 × 8 pixels.
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
    /// Three clouds of points a third of a turn apart around the centre, one per class.
    case blobs
    /// The 1,797 handwritten digits of UCI's "Optical Recognition of Handwritten Digits"
    /// (E. Alpaydin, C. Kaynak, 1998, DOI 10.24432/C50P49, CC BY 4.0), in the order UCI
    /// gives them (its test part, `optdigits.tes`): 64 inputs, the 8 × 8 pixels row by row
    /// from the top left, each its ink count 0…16 scaled to [0, 1] (divided by 16); targets
    /// one-hot over the digits 0…9.
    case digits

    /// Whether the set is drawn at random (and so takes `samples`, `seed` and `noise`).
    public var isGenerated: Bool {
        switch self {
        case .xor, .and, .or, .digits: return false
        case .circle, .gaussians, .spiral, .blobs: return true
        }
    }

    /// Inputs per example.
    public var inputCount: Int { self == .digits ? DigitsFile.pixels : 2 }

    /// Targets per example.
    public var targetCount: Int {
        switch self {
        case .xor, .and, .or: return 1
        case .circle, .gaussians, .spiral: return 2
        case .blobs: return 3
        case .digits: return DigitsFile.classes
        }
    }

    /// What each output stands for, when the set's classes have names: the digit of
    /// each of `digits`' ten outputs. `nil` where outputs are numbered.
    public var classNames: [String]? {
        self == .digits ? (0..<DigitsFile.classes).map(String.init) : nil
    }

    /// Examples in the set, when it is not generated (a generated set has `samples`).
    public var fixedCount: Int? {
        switch self {
        case .xor, .and, .or: return 4
        case .digits: return DigitsFile.count
        case .circle, .gaussians, .spiral, .blobs: return nil
        }
    }

    /// Makes the examples, or reads them for a set NetFrames ships as a file (`digits`).
    ///
    /// - Throws: `BuiltinDataError` when the shipped file is missing or damaged.
    public func load(samples: Int, seed: UInt64, noise: Double) throws(BuiltinDataError) -> [Example] {
        if self == .digits { return try DigitsFile.examples.get() }
        return examples(samples: samples, seed: seed, noise: noise)
    }

    /// Makes the examples.
    ///
    /// `digits` is read from the file NetFrames ships, once per process; this traps if
    /// that file is missing or damaged, where `load(samples:seed:noise:)` throws.
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
        case .digits:
            switch DigitsFile.examples {
            case .success(let examples): return examples
            case .failure(let error): fatalError("\(error)")
            }
        default: break
        }
        var rng = SplitMix64(seed: seed)
        var result: [Example] = []
        result.reserveCapacity(samples)
        let classes = targetCount
        for i in 0..<samples {
            let label = i % classes
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
            case .blobs:
                // Centres at 90°, 210° and 330°, 0.55 from the middle.
                let angle = Double.pi / 2 + 2 * Double.pi * Double(label) / 3
                point = [0.55 * cos(angle) + 0.22 * rng.nextGaussian(), 0.55 * sin(angle) + 0.22 * rng.nextGaussian()]
            case .xor, .and, .or, .digits:
                fatalError("unreachable: logic gates and digits are returned above")
            }
            if noise > 0 {
                point[0] += noise * rng.nextGaussian()
                point[1] += noise * rng.nextGaussian()
            }
            var target = [Double](repeating: 0, count: classes)
            target[label] = 1
            result.append(Example(input: point, target: target))
        }
        return result
    }
}
