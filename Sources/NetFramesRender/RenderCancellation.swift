import Foundation

/// A request to stop a render early, set from another thread (a signal handler's queue,
/// say) and checked by the render between batches of frames.
///
/// A render that sees it finishes the frames it is writing, records them in its
/// manifest, and throws `RenderInterrupted`, so nothing is left half-written and a
/// re-run resumes where it stopped.
public final class RenderCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var signal: Int32?

    /// A cancellation nobody has asked for yet.
    public init() {}

    /// Asks every render holding this to stop; `signal` is reported in the error.
    public func cancel(signal: Int32) {
        lock.lock()
        if self.signal == nil { self.signal = signal }
        lock.unlock()
    }

    /// The signal that asked for the stop, if one did.
    public var requested: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return signal
    }

    /// Throws `RenderInterrupted` once a stop has been asked for.
    public func check() throws {
        if let signal = requested { throw RenderInterrupted(signal: signal) }
    }
}

/// A render stopped on request; what it finished is on disk and in its manifest.
public struct RenderInterrupted: Error, CustomStringConvertible, Sendable {
    /// The signal that asked for the stop.
    public var signal: Int32
    /// Frames finished (or found complete) before the stop.
    public var framesDone: Int = 0

    /// The error for a stop asked for by `signal`.
    public init(signal: Int32, framesDone: Int = 0) {
        self.signal = signal
        self.framesDone = framesDone
    }

    /// The message the command prints: the signal, the frames finished, and how to finish.
    public var description: String {
        let name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
        return "interrupted by \(name) after \(framesDone) frame\(framesDone == 1 ? "" : "s"); "
            + "run the same command again to finish"
    }
}
