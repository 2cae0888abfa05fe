#if canImport(Glibc)
import Glibc
#endif
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
enum Exponential {
    /// eˣ as a C function.
    typealias Function = @convention(c) (Double) -> Double

    /// The exponential the kernels call: glibc's core without its errno wrapper, or `exp`.
    nonisolated(unsafe) static let function: Function = resolve()

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
