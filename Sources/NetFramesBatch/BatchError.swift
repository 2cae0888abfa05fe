/// Something a batch was given that cannot be used: a path that does not exist, a folder
/// without run files, an outcome file that cannot be read back.
public struct BatchError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The path as the user (or the batch folder) named it.
    public var path: String
    /// What is wrong and what would do.
    public var message: String

    /// An error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, as NetFrames prints it.
    public var description: String { "\(path): \(message)" }
}
