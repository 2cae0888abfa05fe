import Foundation

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

/// Where a trainer told to train on through divergence writes down the first step at
/// which the loss or a parameter stopped being finite. The trainer writes it, and
/// whoever made it reads it once training returns.
public final class DivergenceLog: @unchecked Sendable {
    private let lock = NSLock()
    private var error: TrainingError?

    /// An empty log, before training.
    public init() {}

    /// The first divergence, if training diverged.
    public var first: TrainingError? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }

    func record(_ e: TrainingError) {
        lock.lock()
        if error == nil { error = e }
        lock.unlock()
    }
}
