import Foundation

/// How the steps of a stretch of training are spread: evenly, or geometrically (a
/// time-lapse that slows for the early steps, where most happens).
public enum SamplingSchedule: Sendable, Hashable, Codable {
    /// Every N-th step: 0, N, 2N, … (N ≥ 1).
    case every(Int)
    /// About `frames` steps spaced geometrically over a stretch of T steps: step
    /// `round(T^(k/(frames−1))) − 1` for k = 0 … frames−1, so the first (0) and the last
    /// (T−1) are always in and the number of steps done grows by the same factor from
    /// one to the next. Steps that round to the same one are kept once, so a short
    /// stretch keeps fewer than `frames` (`frames` ≥ 2).
    case log(frames: Int)

    /// The N of `every(N)`; `nil` for a log schedule.
    public var spacing: Int? {
        if case .every(let n) = self { return n }
        return nil
    }

    /// Whether offset `offset` (from 0) of a stretch of `length` steps is one the schedule keeps.
    /// O(1) for both schedules.
    public func keeps(_ offset: Int, length: Int) -> Bool {
        switch self {
        case .every(let n): return offset % n == 0
        case .log(let frames): return LogSpacing(length: length, frames: frames).contains(offset)
        }
    }

    /// The first offset after `offset` that the schedule keeps in a stretch of `length`
    /// steps; `Int.max` when there is none. Amortised O(1) when walked in order.
    public func next(after offset: Int, length: Int) -> Int {
        switch self {
        case .every(let n):
            let (next, overflow) = (offset - offset % n).addingReportingOverflow(n)
            return overflow ? Int.max : next
        case .log(let frames): return LogSpacing(length: length, frames: frames).next(after: offset)
        }
    }
}

/// The steps of a log schedule: `round(T^(k/(n−1))) − 1` for k = 0 … n−1 over a stretch of T steps.
public struct LogSpacing: Sendable, Hashable {
    /// Steps in the stretch.
    public let length: Int
    /// Steps asked for, before duplicates are removed (2 or more).
    public let frames: Int

    /// The spacing of `frames` steps over `length` steps.
    public init(length: Int, frames: Int) {
        self.length = length
        self.frames = max(2, frames)
    }

    /// The k-th step (0 for k = 0, `length − 1` for k = `frames − 1`).
    public func member(_ k: Int) -> Int {
        guard length > 1 else { return 0 }
        if k <= 0 { return 0 }
        if k >= frames - 1 { return length - 1 }
        let done = pow(Double(length), Double(k) / Double(frames - 1)).rounded()
        return min(length - 1, max(0, Int(done) - 1))
    }

    /// A k at or below the first whose step is `offset` or more: the start of a short
    /// search (a step is `offset` only if T^(k/(n−1)) ≥ offset + ½).
    private func guess(_ offset: Int) -> Int {
        guard length > 1, offset > 0 else { return 0 }
        let k = Double(frames - 1) * log(Double(offset) + 0.5) / log(Double(length))
        return min(frames - 1, max(0, Int(k.rounded(.down)) - 1))
    }

    /// Whether `offset` is one of the steps.
    public func contains(_ offset: Int) -> Bool {
        guard offset >= 0 && offset < max(1, length) else { return false }
        var k = guess(offset)
        while k < frames {
            let m = member(k)
            if m == offset { return true }
            if m > offset { return false }
            k += 1
        }
        return false
    }

    /// The first step after `offset`; `Int.max` when none is.
    public func next(after offset: Int) -> Int {
        guard offset < length - 1 else { return Int.max }
        var k = guess(max(0, offset))
        while k < frames {
            let m = member(k)
            if m > offset { return m }
            k += 1
        }
        return Int.max
    }

    /// The steps in order, each once.
    public var members: [Int] {
        var result: [Int] = []
        for k in 0..<frames {
            let m = member(k)
            if result.last != m { result.append(m) }
            if length <= 1 { break }
        }
        return result
    }
}
