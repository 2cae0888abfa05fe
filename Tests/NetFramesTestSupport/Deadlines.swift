import Foundation

/// The result of a `withDeadline` body, handed between threads under a lock.
private final class DeadlineBox<T>: @unchecked Sendable {
    let lock = NSLock()
    var result: Result<T, Error>?
}

/// Runs `body` on a thread of its own and waits at most `seconds` for it: `nil` if it
/// is still running then (the thread is left behind, so a hang fails the test instead
/// of stopping the suite), else its result and how long it took.
public func withDeadline<T>(_ seconds: Double,
                            _ body: @escaping @Sendable () throws -> T) -> (result: Result<T, Error>, seconds: Double)? {
    let box = DeadlineBox<T>()
    let done = DispatchSemaphore(value: 0)
    let start = Date()
    Thread.detachNewThread {
        let result = Result { try body() }
        box.lock.withLock { box.result = result }
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success, let result = box.lock.withLock({ box.result }) else {
        return nil
    }
    return (result, Date().timeIntervalSince(start))
}

/// The value of a body that cannot throw, or `nil` if it does not finish within `seconds`.
public func withDeadline<T>(seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
    guard let outcome = withDeadline(seconds, body) else { return nil }
    return try? outcome.result.get()
}
