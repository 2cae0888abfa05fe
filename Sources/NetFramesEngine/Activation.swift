import CExponential
import Foundation

/// A neuron's activation function.
///
/// `sigmoid`, `tanh` and `relu` act on each neuron alone; `softmax` acts on a whole
/// layer; `linear` passes the pre-activation through. Hidden layers take `sigmoid`,
/// `tanh` or `relu`; the output layer takes `sigmoid`, `softmax` or `linear`.
public enum Activation: String, Codable, CaseIterable, Sendable {
    /// σ(z) = 1 / (1 + e⁻ᶻ), from 0 to 1.
    case sigmoid
    /// tanh(z), from −1 to 1.
    case tanh
    /// max(0, z).
    case relu
    /// e^zᵢ / Σⱼ e^zⱼ over the layer: outputs that sum to 1 (output layer only).
    case softmax
    /// z itself (output layer only), for regression.
    case linear

    /// Activations a hidden layer may use.
    public static let hiddenChoices: [Activation] = [.sigmoid, .tanh, .relu]
    /// Activations the output layer may use.
    public static let outputChoices: [Activation] = [.sigmoid, .softmax, .linear]

    /// The short name a diagram prints before a neuron's value (`σ=0.731`).
    public var symbol: String {
        switch self {
        case .sigmoid: return "σ"
        case .tanh: return "tanh"
        case .relu: return "relu"
        case .softmax: return "softmax"
        case .linear: return "a"
        }
    }

    /// Applies the activation to `z` and writes the result to `a` (both `count` long), with
    /// `exp` for eˣ and a layer's exponentials four at a time when `fourLanes` (read
    /// `Exponential.function` and `Exponential.fourLanes` once and pass them down a whole pass).
    @inline(__always)
    func apply(_ z: UnsafePointer<Double>, _ a: UnsafeMutablePointer<Double>, count: Int,
               exp: Exponential.Function = Exponential.function, fourLanes: Bool = Exponential.fourLanes) {
        switch self {
        case .sigmoid:
            NeuronPairs.sigmoid(z, a, count: count, exp: exp, fourLanes: fourLanes)
        case .tanh:
            for i in 0..<count { a[i] = Foundation.tanh(z[i]) }
        case .relu:
            for i in 0..<count { a[i] = z[i] > 0 ? z[i] : 0 }
        case .linear:
            for i in 0..<count { a[i] = z[i] }
        case .softmax:
            _ = Activation.softmax(z, a, count: count, exp: exp, fourLanes: fourLanes)
        }
    }

    /// Softmax of `z` into `a`, returning log Σ exp(z), which the cross-entropy needs:
    /// computing both at once saves the loss a second pass of exponentials. With
    /// `fourLanes`, it is one C call (`netframes_softmax`) that does these operations in
    /// this order with the exponentials four at a time, so the bits are the same either way.
    @inline(__always)
    static func softmax(_ z: UnsafePointer<Double>, _ a: UnsafeMutablePointer<Double>, count: Int,
                        exp: Exponential.Function = Exponential.function,
                        fourLanes: Bool = Exponential.fourLanes) -> Double {
        if fourLanes { return netframes_softmax(z, a, count) }
        var m = -Double.infinity
        for i in 0..<count where z[i] > m { m = z[i] }
        var sum = 0.0
        for i in 0..<count {
            let e = exp(z[i] - m)
            a[i] = e
            sum += e
        }
        let inv = 1 / sum
        for i in 0..<count { a[i] *= inv }
        return m + log(sum)
    }

    /// The derivative f′(z) of an element-wise activation, from its input `z` and output `a`.
    ///
    /// Softmax has no element-wise derivative: the loss handles it with the full Jacobian.
    @inline(__always)
    func derivative(z: Double, a: Double) -> Double {
        switch self {
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        case .linear: return 1
        case .softmax: return a * (1 - a)  // diagonal only; see Loss.outputDelta
        }
    }
}
