/// Why a built-in set that NetFrames ships as a file could not be read.
public enum BuiltinDataError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file is not where the package's resources are.
    case missing(file: String, searched: [String])
    /// The file is there but is not what NetFrames shipped.
    case damaged(String)

    /// The message a command prints: which file, and where it was looked for or what is wrong.
    public var description: String {
        switch self {
        case let .missing(file, searched):
            return "the built-in data file \(file) is missing: it ships in NetFrames_NetFramesEngine.resources, "
                + "which must stay beside the netframes program (looked in \(searched.joined(separator: ", ")))"
        case let .damaged(reason):
            return "the built-in digits file is damaged: \(reason)"
        }
    }
}
