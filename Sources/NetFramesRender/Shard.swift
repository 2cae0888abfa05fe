/// One of `count` equal parts of a render, for spreading work over a cluster's job array.
///
/// Parts are contiguous and as equal as possible: part `index` of `count` over `total`
/// items is `index·total/count ..< (index+1)·total/count`. Every item belongs to exactly
/// one part, for any `count`, so the parts together are the whole render.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// From 0.
    public let index: Int
    /// How many parts the render is split into.
    public let count: Int

    /// Part `index` (from 0) of `count`.
    ///
    /// - Throws: `ShardError` unless `count` is 1 or more and `index` is in `0..<count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw ShardError("the number of shards must be 1 or more, not \(count)") }
        guard (0..<count).contains(index) else {
            throw ShardError("shard \(index + 1) of \(count) does not exist; shards are numbered 1 to \(count)")
        }
        self.index = index
        self.count = count
    }

    /// Shard `K/N` as the command line writes it, K from 1 to N.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError("--shard takes K/N, the K-th of N parts with K from 1 to N (e.g. 2/8), not '\(text)'")
        }
        try self.init(index: k - 1, count: n)
    }

    /// The shard a cluster job array gives this process, or `nil` outside one.
    ///
    /// Slurm: `SLURM_ARRAY_TASK_ID` less `SLURM_ARRAY_TASK_MIN`, of `SLURM_ARRAY_TASK_COUNT`.
    /// Kubernetes Indexed Jobs: `JOB_COMPLETION_INDEX` (from 0), of `countOverride` or
    /// `NETFRAMES_SHARD_COUNT` (an Indexed Job does not tell its pods how many there are).
    public static func fromEnvironment(_ environment: [String: String], countOverride: Int? = nil) throws -> Shard? {
        func integer(_ name: String) throws -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw ShardError("\(name) is '\(text)', not a whole number")
            }
            return value
        }
        if let id = try integer("SLURM_ARRAY_TASK_ID") {
            guard let count = try countOverride ?? integer("SLURM_ARRAY_TASK_COUNT") else {
                throw ShardError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; give --shard K/N")
            }
            let first = try integer("SLURM_ARRAY_TASK_MIN") ?? 0
            return try Shard(index: id - first, count: count)
        }
        if let index = try integer("JOB_COMPLETION_INDEX") {
            guard let count = try countOverride ?? integer("NETFRAMES_SHARD_COUNT") else {
                throw ShardError("JOB_COMPLETION_INDEX is set but the number of shards is not; "
                    + "give --shard-count N or set NETFRAMES_SHARD_COUNT (the Job's completions)")
            }
            return try Shard(index: index, count: count)
        }
        return nil
    }

    /// This shard's part of `total` items.
    public func range(of total: Int) -> Range<Int> {
        Self.bound(index, count, total)..<Self.bound(index + 1, count, total)
    }

    private static func bound(_ k: Int, _ n: Int, _ total: Int) -> Int {
        // k·total/n without overflow for any total a render can have.
        let (high, low) = k.multipliedFullWidth(by: total)
        return n.dividingFullWidth((high, low)).quotient
    }

    /// `K/N`, counting from 1, as `--shard` takes it.
    public var description: String { "\(index + 1)/\(count)" }
}

/// Thrown inside a render to stop training once a shard's last frame is drawn.
struct EndOfShare: Error {}

/// A shard that cannot be: its message says what is allowed.
public struct ShardError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and what is allowed.
    public var description: String
    init(_ description: String) { self.description = description }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation
