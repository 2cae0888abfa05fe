import NetFramesFiles
import NetFramesRun
/// A mistake in a run file, or in a file it names, said the way a person can act on.
///
/// The message names the file, the field path and what is allowed:
/// `net.yaml: network.weights[1][0]: expected 2 numbers (…), found 3 (line 7)`.
public struct RunFileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file as the user named it.
    public var file: String
    /// The field path, e.g. `training.learningRate` or `data[3].input`; empty for the whole file.
    public var path: String
    /// What is wrong and what is allowed.
    public var message: String
    /// 1-based line of the offending value, when known.
    public var line: Int?

    /// An error about the value at `path` in `file`.
    public init(file: String, path: String, message: String, line: Int? = nil) {
        self.file = file
        self.path = path
        self.message = message
        self.line = line
    }

    /// `file: path: message (line N)`, as the command prints it.
    public var description: String {
        var text = file + ": "
        if !path.isEmpty { text += path + ": " }
        text += message
        if let line { text += " (line \(line))" }
        return text
    }
}

extension RunFileError: ExitStatusError {
    /// 65: a run file, or a file it names, is wrong.
    public var exitStatus: Int32 { 65 }
}
