/// Something that takes the snapshots of a training run as they are made.
///
/// The trainer hands each snapshot over and forgets it, so a run of any length needs
/// only the memory of one step, unless the sink chooses to keep snapshots.
public protocol SnapshotSink {
    mutating func receive(_ snapshot: Snapshot) throws
}

/// A sink that passes each snapshot to a closure.
public struct ClosureSink: SnapshotSink {
    private let body: (Snapshot) throws -> Void
    public init(_ body: @escaping (Snapshot) throws -> Void) { self.body = body }
    public mutating func receive(_ snapshot: Snapshot) throws { try body(snapshot) }
}

/// A sink that keeps every snapshot, for tests and short runs.
public struct CollectingSink: SnapshotSink {
    public private(set) var snapshots: [Snapshot] = []
    public init() {}
    public mutating func receive(_ snapshot: Snapshot) throws { snapshots.append(snapshot) }
}

/// A sink that drops everything: training with recording off.
public struct DiscardingSink: SnapshotSink {
    public init() {}
    @inlinable public mutating func receive(_ snapshot: Snapshot) throws {}
}
