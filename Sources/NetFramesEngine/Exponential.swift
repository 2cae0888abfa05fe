#if canImport(Glibc)
import Glibc
#endif
import CExponential
import Foundation

/// The C library's eˣ as a function pointer, resolved once, for the step kernels' exponentials.
///
/// On glibc, `exp` is a wrapper: it calls the library's exponential core and then sets
/// `errno` on overflow and underflow, which NetFrames never reads. glibc still exports that
/// core as `__exp_finite` (version GLIBC_2.15; `dlvsym` finds it, the linker no longer does).
/// Calling it directly gives the very numbers `exp` gives, bit for bit (the same function
/// computes them, picked for the CPU the same way), and saves the wrapper's instructions:
/// about 16 of the 50 each exponential took (callgrind, glibc 2.36 on x86-64). Where it
/// cannot be found (another C library, another glibc), the pointer is `exp` itself.
@usableFromInline
enum Exponential {
    /// eˣ as a C function.
    @usableFromInline typealias Function = @convention(c) (Double) -> Double

    /// The exponential the kernels call: glibc's core without its errno wrapper, or `exp`.
    @usableFromInline nonisolated(unsafe) static let function: Function = resolve()

    /// Whether the kernels take a layer's exponentials four at a time (`CExponential`): on
    /// CPUs with AVX2 and FMA, once those give `function`'s very bits on `checkInputs`.
    ///
    /// Either way every exponential has the same value, so this choice never changes a
    /// number the engine records; it only makes a layer's exponentials cheaper.
    @usableFromInline static let fourLanes: Bool = netframes_exponential_available() != 0 && fourLanesAgree()

    /// Whether the four-lane exponential gives `function`'s bits on every one of `checkInputs`.
    ///
    /// It is glibc's own method, so this holds wherever glibc runs its FMA variant; the
    /// check keeps another C library, or another glibc, from ever changing a number.
    static func fourLanesAgree() -> Bool {
        let inputs = checkInputs()
        var results = [Double](repeating: 0, count: inputs.count)
        netframes_exponential(inputs, &results, inputs.count)
        for (x, y) in zip(inputs, results) where function(x).bitPattern != y.bitPattern { return false }
        return true
    }

    /// Inputs for `fourLanesAgree`: every 1/64 from −40 to 40, where training's
    /// exponentials live, then 4,096 spread over the whole range −745 … 710 and the edges
    /// where glibc leaves its main path (0 and ±tiny, which give 1 + x; ±512, ±∞ and NaN,
    /// which the kernel hands to the C library).
    static func checkInputs() -> [Double] {
        var inputs = (-2_560...2_560).map { Double($0) / 64 }
        var random = SplitMix64(seed: 0x6578_7034)
        inputs += (0..<4_096).map { _ in random.nextUniform(-745, 710) }
        inputs += [0, -0.0, 0x1p-60, -0x1p-60, 0x1p-54, 511.9, 512, -512, 709.7, -745.2, .infinity, -.infinity, .nan]
        return inputs
    }

    /// Whether `function` is glibc's unwrapped core rather than `exp`.
    static var isUnwrapped: Bool {
        unsafeBitCast(function, to: UnsafeRawPointer.self) != unsafeBitCast(wrapped, to: UnsafeRawPointer.self)
    }

    /// `exp` itself, as a C function pointer.
    private static let wrapped: Function = { x in Foundation.exp(x) }

    private static func resolve() -> Function {
        #if canImport(Glibc)
        typealias VersionedSymbol = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>,
                                                    UnsafePointer<CChar>) -> UnsafeMutableRawPointer?
        // dlvsym is a GNU extension that Swift's Glibc module leaves out; dlsym finds it.
        guard let handle = dlopen(nil, RTLD_NOW), let dlvsymAddress = dlsym(handle, "dlvsym") else { return wrapped }
        let dlvsym = unsafeBitCast(dlvsymAddress, to: VersionedSymbol.self)
        for version in ["GLIBC_2.15", "GLIBC_2.17"] {
            if let core = dlvsym(handle, "__exp_finite", version) {
                return unsafeBitCast(core, to: Function.self)
            }
        }
        #endif
        return wrapped
    }
}
