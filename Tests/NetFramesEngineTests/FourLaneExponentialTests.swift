import CExponential
import Foundation
@testable import NetFramesEngine
import Testing

/// The four-lane exponential (`CExponential`, on CPUs with AVX2 and FMA) must give the C
/// library's bits for every input, so that whether the engine uses it never changes a number.
struct FourLaneExponentialTests {
    /// Inputs from every region the kernel treats apart: the range training meets, the whole
    /// finite range, tiny magnitudes around 2⁻⁵⁴ where glibc answers 1 + x, the edges at ±512,
    /// and ±0, ±∞, NaN, in groups of four that mix them.
    static func inputs() -> [Double] {
        var rng = SplitMix64(seed: 4_242)
        var inputs: [Double] = [0, -0.0, 0x1p-54, -0x1p-54, 0x1.fffffffffffffp-55, 0x1p-1074, -0x1p-1074,
                                511.99999999999994, 512, -512, -511.99999999999994, 709.78, 709.79, -745.13, -745.14,
                                .infinity, -.infinity, .nan, 1, -1, 0.5, -0.5]
        for _ in 0..<400_000 { inputs.append(rng.nextUniform(-40, 40)) }
        for _ in 0..<200_000 { inputs.append(rng.nextUniform(-760, 760)) }
        for _ in 0..<100_000 { inputs.append(rng.nextUniform(-1, 1) * 0x1p-50) }
        for _ in 0..<100_000 { inputs.append(rng.nextUniform(-1, 1) * 1e-3) }
        return inputs
    }

    static func differing(_ a: [Double], _ b: [Double]) -> Int {
        zip(a, b).filter { $0.bitPattern != $1.bitPattern && !($0.isNaN && $1.isNaN) }.count
    }

    @Test("the engine takes exponentials four at a time exactly where the CPU has AVX2 and FMA and they agree with exp")
    func choice() {
        #expect(Exponential.fourLanes == (netframes_exponential_available() != 0 && Exponential.fourLanesAgree()))
        #if arch(x86_64) && canImport(Glibc)
        // glibc runs its FMA variant on such CPUs, which the kernel follows step for step.
        if netframes_exponential_available() != 0 { #expect(Exponential.fourLanes) }
        #endif
    }

    @Test("eˣ, e^(x − m) and 1 / (1 + e^−z) four at a time give exp's bits on 800,022 inputs, at every layer width")
    func bitForBit() throws {
        try #require(netframes_exponential_available() != 0, "the CPU has no AVX2 and FMA: nothing to compare")
        let x = Self.inputs()
        #expect(x.count == 800_022)
        var y = [Double](repeating: 0, count: x.count)
        netframes_exponential(x, &y, x.count)
        #expect(Self.differing(y, x.map { exp($0) }) == 0)

        netframes_logistic(x, &y, x.count)
        #expect(Self.differing(y, x.map { 1 / (1 + exp(-$0)) }) == 0)

        let m = 3.25
        netframes_exponential_shifted(x, m, &y, x.count)
        #expect(Self.differing(y, x.map { exp($0 - m) }) == 0)

        // Every tail: a layer of n neurons ends with n mod 4 lanes, and writes nothing past n.
        for n in 1...13 {
            var out = [Double](repeating: -7, count: n + 3)
            netframes_logistic(Array(x[100..<(100 + n)]), &out, n)
            #expect(Self.differing(Array(out[0..<n]), x[100..<(100 + n)].map { 1 / (1 + exp(-$0)) }) == 0)
            #expect(out[n...].allSatisfy { $0 == -7 })
        }
    }

    @Test("a layer's logistic and softmax are the same bits with and without four lanes")
    func kernelsAgree() throws {
        try #require(netframes_exponential_available() != 0, "the CPU has no AVX2 and FMA: nothing to compare")
        var rng = SplitMix64(seed: 17)
        for n in [1, 2, 3, 4, 5, 8, 11, 16] {
            for scale in [0.0, 1e-20, 1, 30, 800] {
                let z = (0..<n).map { _ in rng.nextUniform(-1, 1) * scale }
                var pairs = [Double](repeating: 0, count: n), lanes = [Double](repeating: 0, count: n)
                NeuronPairs.sigmoid(z, &pairs, count: n, exp: Exponential.function, fourLanes: false)
                NeuronPairs.sigmoid(z, &lanes, count: n, exp: Exponential.function, fourLanes: true)
                #expect(Self.differing(pairs, lanes) == 0, "sigmoid, \(n) neurons, scale \(scale)")
                let logSumPairs = Activation.softmax(z, &pairs, count: n, exp: Exponential.function, fourLanes: false)
                let logSumLanes = Activation.softmax(z, &lanes, count: n, exp: Exponential.function, fourLanes: true)
                #expect(Self.differing(pairs, lanes) == 0, "softmax, \(n) neurons, scale \(scale)")
                #expect(logSumPairs.bitPattern == logSumLanes.bitPattern)
            }
        }
        // A softmax meets NaN and ±∞ once training diverges: both ways must agree there too.
        let special: [[Double]] = [[.nan, 1, 2], [1, .nan], [.infinity, 1, 2], [-.infinity, -.infinity, -.infinity],
                                   [-.infinity, 0.5], [1, 2, 3, 4, .nan], [.infinity, .infinity, 1, 2, 3]]
        for z in special {
            let n = z.count
            var pairs = [Double](repeating: 0, count: n), lanes = [Double](repeating: 0, count: n)
            let logSumPairs = Activation.softmax(z, &pairs, count: n, exp: Exponential.function, fourLanes: false)
            let logSumLanes = Activation.softmax(z, &lanes, count: n, exp: Exponential.function, fourLanes: true)
            #expect(Self.differing(pairs, lanes) == 0, "softmax of \(z)")
            #expect(logSumPairs.bitPattern == logSumLanes.bitPattern || (logSumPairs.isNaN && logSumLanes.isNaN),
                    "log Σ exp of \(z): \(logSumPairs) and \(logSumLanes)")
        }
    }
}
