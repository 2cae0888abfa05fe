/// Something that takes the snapshots of a training run as they are made.
///
/// The trainer hands each snapshot over and forgets it, so a run of any length needs
/// only the memory of one step, unless the sink chooses to keep snapshots.
public protocol SnapshotSink {
    /// Takes the next snapshot. Throwing stops training, and the error reaches the caller of `train`.
    mutating func receive(_ snapshot: Snapshot) throws
    /// Whether the sink has all it needs: training stops after the step that made it so,
    /// as when a shard's last frame has been drawn. Asked only after recorded steps.
    var isSatisfied: Bool { get }
}

extension SnapshotSink {
    /// A sink takes every snapshot of the run unless it says otherwise.
    @inlinable public var isSatisfied: Bool { false }
}

/// A sink that passes each snapshot to a closure.
public struct ClosureSink: SnapshotSink {
    private let body: (Snapshot) throws -> Void
    /// A sink calling `body` with each snapshot; errors `body` throws stop training.
    public init(_ body: @escaping (Snapshot) throws -> Void) { self.body = body }
    /// Passes `snapshot` to the closure.
    public mutating func receive(_ snapshot: Snapshot) throws { try body(snapshot) }
}

/// A sink that keeps every snapshot, for tests and short runs.
public struct CollectingSink: SnapshotSink {
    /// Every snapshot received, in order.
    public private(set) var snapshots: [Snapshot] = []
    /// An empty collector.
    public init() {}
    /// Keeps `snapshot`.
    public mutating func receive(_ snapshot: Snapshot) throws { snapshots.append(snapshot) }
}

/// A sink that drops everything: training with recording off.
public struct DiscardingSink: SnapshotSink {
    /// A sink that keeps nothing.
    public init() {}
    /// Drops `snapshot`.
    @inlinable public mutating func receive(_ snapshot: Snapshot) throws {}
}
