/// Why training stopped early.
public enum TrainingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The loss or a parameter stopped being a finite number.
    case diverged(iteration: Int, what: String)

    /// The message the command prints: the iteration, what stopped being finite, and a remedy.
    public var description: String {
        switch self {
        case let .diverged(iteration, what):
            return "training diverged at iteration \(iteration): \(what) is not a finite number "
                + "(try a smaller learningRate)"
        }
    }
}
