import Foundation

/// The cost that training minimises for one example.
///
/// - `mse`: ½ Σ (aᵢ − tᵢ)².
/// - `crossEntropy`: with a softmax output, −Σ tᵢ log aᵢ, computed from the
///   pre-activations as Σt·logsumexp(z) − Σ tᵢ zᵢ so it stays finite however sure the
///   network is. With sigmoid outputs each output is its own yes/no prediction, so the
///   cost is the binary form −Σ [tᵢ log aᵢ + (1 − tᵢ) log(1 − aᵢ)], computed as
///   Σ [tᵢ softplus(−zᵢ) + (1 − tᵢ) softplus(zᵢ)]; the one-sided −Σ t log a would
///   reward pushing every sigmoid towards 1. A linear output has no cross-entropy.
public enum Loss: String, Codable, CaseIterable, Sendable {
    /// Cross-entropy, for sigmoid or softmax outputs.
    case crossEntropy
    /// Squared error, ½ Σ (aᵢ − tᵢ)².
    case mse

    /// The formula as a diagram prints it.
    public func formula(output: Activation) -> String {
        switch (self, output) {
        case (.mse, _): return "L = ½ Σ (a − t)²"
        case (.crossEntropy, .sigmoid): return "L = −Σ [t log a + (1 − t) log(1 − a)]"
        case (.crossEntropy, _): return "L = −Σ t log a"
        }
    }

    /// Whether this loss can be paired with the given output activation.
    public func accepts(output: Activation) -> Bool {
        switch self {
        case .mse: return true
        case .crossEntropy: return output == .softmax || output == .sigmoid
        }
    }

    /// The loss of one example from the output pre-activations `z`, activations `a` and targets `t`.
    @inline(__always)
    func value(z: UnsafePointer<Double>, a: UnsafePointer<Double>, t: UnsafePointer<Double>,
               count: Int, output: Activation) -> Double {
        switch self {
        case .mse:
            var s = 0.0
            for i in 0..<count {
                let d = a[i] - t[i]
                s += d * d
            }
            return 0.5 * s
        case .crossEntropy where output == .sigmoid:
            var s = 0.0
            for i in 0..<count {
                s += t[i] * Loss.softplus(-z[i]) + (1 - t[i]) * Loss.softplus(z[i])
            }
            return s
        case .crossEntropy:
            var m = -Double.infinity
            for i in 0..<count where z[i] > m { m = z[i] }
            var sumExp = 0.0, sumT = 0.0, sumTZ = 0.0
            let exp = Exponential.function
            for i in 0..<count {
                sumExp += exp(z[i] - m)
                sumT += t[i]
                sumTZ += t[i] * z[i]
            }
            return sumT * (m + log(sumExp)) - sumTZ
        }
    }

    /// −Σ t log softmax(z) = Σt · logsumexp(z) − Σ t·z, given logsumexp(z).
    @inline(__always)
    static func softmaxCrossEntropy(z: UnsafePointer<Double>, t: UnsafePointer<Double>, count: Int,
                                    logSumExp: Double) -> Double {
        var sumT = 0.0, sumTZ = 0.0
        for i in 0..<count {
            sumT += t[i]
            sumTZ += t[i] * z[i]
        }
        return sumT * logSumExp - sumTZ
    }

    /// Writes ∂L/∂z for the output layer into `delta`.
    @inline(__always)
    func outputDelta(z: UnsafePointer<Double>, a: UnsafePointer<Double>, t: UnsafePointer<Double>,
                     delta: UnsafeMutablePointer<Double>, count: Int, output: Activation) {
        switch (self, output) {
        case (.crossEntropy, .softmax):
            NeuronPairs.withWidth(count) { count in
                var sumT = 0.0
                for i in 0..<count { sumT += t[i] }
                for i in 0..<count { delta[i] = a[i] * sumT - t[i] }
            }
        case (.crossEntropy, _):
            for i in 0..<count { delta[i] = a[i] - t[i] }
        case (.mse, .softmax):
            // δⱼ = Σᵢ (aᵢ − tᵢ) ∂aᵢ/∂zⱼ = aⱼ [(aⱼ − tⱼ) − Σᵢ (aᵢ − tᵢ) aᵢ]
            var dot = 0.0
            for i in 0..<count { dot += (a[i] - t[i]) * a[i] }
            for j in 0..<count { delta[j] = a[j] * ((a[j] - t[j]) - dot) }
        case (.mse, _):
            for i in 0..<count { delta[i] = (a[i] - t[i]) * output.derivative(z: z[i], a: a[i]) }
        }
    }

    /// log(1 + eˣ) without overflow.
    @inline(__always)
    static func softplus(_ x: Double) -> Double {
        let exp = Exponential.function
        return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
    }
}
