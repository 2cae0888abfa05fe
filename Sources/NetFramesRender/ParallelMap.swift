import Dispatch
import Foundation

/// Runs a function over 0..<count on up to `jobs` threads and returns the results in order.
public enum ParallelMap {
    /// `body(0) … body(count − 1)` on up to `jobs` threads (on this one when `jobs` is 1), in order.
    public static func run<T>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        if jobs <= 1 || count <= 1 { return (0..<count).map(body) }
        let box = ResultBox<T>(count: count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
            while true {
                let i = next.take()
                if i >= count { break }
                box.set(i, body(i))
            }
        }
        return box.values()
    }
}

/// Slots written by one thread each, read after all are done.
private final class ResultBox<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.lock(); slots[i] = value; lock.unlock() }
    func values() -> [T] { slots.map { $0! } }
}

/// A shared work counter.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take() -> Int { lock.lock(); defer { value += 1; lock.unlock() }; return value }
}
