#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// An error that knows the exit status `netframes` ends with when it stops a command.
///
/// Every error NetFrames throws conforms, so a command maps any error to its exit
/// status in one step, without a ladder of casts.
public protocol ExitStatusError: Error, CustomStringConvertible {
    /// The process exit status: 64 for a command-line mistake, 65 for bad input, 70 for
    /// divergence, 73 for output that cannot be written, 75 for an incomplete assembly,
    /// 128 + N after signal N.
    var exitStatus: Int32 { get }
}

/// A problem with a file or folder NetFrames reads or writes, or with a command line:
/// the path, what is wrong, and what kind of problem it is (which sets the exit status).
///
/// Its message is one line a person can act on; `description` is `path: message`.
public struct NetFramesError: ExitStatusError, Equatable, Sendable {
    /// What kind of problem it is.
    public enum Kind: Sendable, Hashable {
        /// An output file or folder cannot be written: exit 73.
        case cannotWrite
        /// A file NetFrames reads (a manifest, plan, batch record or run) is wrong or missing: exit 65.
        case badInput
        /// A command-line value or combination is not allowed: exit 64.
        case invalidOption
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// The file or folder, as named; empty for a command-line mistake.
    public var path: String
    /// What is wrong and what is allowed.
    public var message: String

    /// An error about `path`.
    public init(_ kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// Output that cannot be written (exit 73).
    public static func cannotWrite(_ path: String, _ message: String) -> NetFramesError {
        NetFramesError(.cannotWrite, path: path, message: message)
    }

    /// A file read that is wrong (exit 65).
    public static func badInput(_ path: String, _ message: String) -> NetFramesError {
        NetFramesError(.badInput, path: path, message: message)
    }

    /// A command-line mistake (exit 64), said the way ArgumentParser says its own.
    public static func invalidOption(_ message: String) -> NetFramesError {
        NetFramesError(.invalidOption, path: "", message: message)
    }

    /// `path: message`, or the message alone.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    /// 73, 65 or 64.
    public var exitStatus: Int32 {
        switch kind {
        case .cannotWrite: return 73
        case .badInput: return 65
        case .invalidOption: return 64
        }
    }

    /// A failed system call on `path`, with the system's reason.
    static func system(_ path: String, _ action: String, errno code: Int32) -> NetFramesError {
        .cannotWrite(path, "\(action) failed: \(String(cString: strerror(code)))")
    }
}
