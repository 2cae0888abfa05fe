/// A failure to write NetFrames' output, naming the path and what to do.
public struct FileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file or folder, as the user named it.
    public var path: String
    /// What is wrong and, where there is one, what to do.
    public var message: String

    /// An error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, as the command prints it.
    public var description: String { "\(path): \(message)" }

    /// An error from a failed system call, with the system's reason.
    static func system(_ path: String, _ action: String, errno code: Int32) -> FileError {
        FileError(path: path, message: "\(action) failed: \(String(cString: strerror(code)))")
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
