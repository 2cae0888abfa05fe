import Foundation
@testable import NetFramesEngine
import Testing

/// The kernels' exponential (glibc's core without its errno wrapper, where glibc has it)
/// must give `exp`'s numbers bit for bit, over the whole range a step meets.
struct ExponentialTests {
    @Test("Exponential.function gives exp's bits from underflow to overflow, and at ±0, ±∞ and NaN")
    func exponentialEqualsExpBitForBit() {
        var rng = SplitMix64(seed: 2_718)
        var inputs: [Double] = [0, -0.0, 1, -1, .infinity, -.infinity, .nan, 709.78, 709.79, -708.39, -745.13, -745.14,
                                .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        for _ in 0..<200_000 { inputs.append(rng.nextUniform(-760, 760)) }
        for _ in 0..<100_000 { inputs.append(rng.nextUniform(-1, 1) * 1e-3) }
        var differing = 0
        for x in inputs {
            let fast = Exponential.function(x), reference = exp(x)
            if fast.bitPattern != reference.bitPattern && !(fast.isNaN && reference.isNaN) { differing += 1 }
        }
        #expect(inputs.count == 300_016)
        #expect(differing == 0)
    }

    #if canImport(Glibc) && arch(x86_64)
    @Test("on glibc the kernels call the exponential core directly, not exp's wrapper")
    func glibcCoreIsFound() {
        #expect(Exponential.isUnwrapped)
    }
    #endif
}
