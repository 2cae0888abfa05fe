import Foundation

/// How motion speeds up and slows down between two snapshots.
public enum Easing: String, Codable, CaseIterable, Sendable {
    /// Constant speed.
    case linear
    /// Starts slowly (quadratic).
    case easeIn
    /// Ends slowly (quadratic).
    case easeOut
    /// Starts and ends slowly (cubic), the default: motion a viewer's eye can follow.
    case easeInOut
    /// Smoothstep: gentle at both ends, steeper in the middle than easeInOut's quadratic cousin.
    case smooth
    /// Starts and ends slowly along a sine curve.
    case sine

    /// Maps progress `t` in [0, 1] to eased progress in [0, 1]; monotone, fixing 0 and 1.
    public func callAsFunction(_ t: Double) -> Double {
        let t = min(1, max(0, t))
        switch self {
        case .linear: return t
        case .easeIn: return t * t
        case .easeOut: return t * (2 - t)
        case .easeInOut: return t < 0.5 ? 4 * t * t * t : 1 - pow(-2 * t + 2, 3) / 2
        case .smooth: return t * t * (3 - 2 * t)
        case .sine: return (1 - cos(Double.pi * t)) / 2
        }
    }
}
