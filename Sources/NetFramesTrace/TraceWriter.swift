import NetFramesEngine
import NetFramesFiles
import NetFramesRun

/// A snapshot sink that writes a JSON Lines trace, atomically: the file appears under
/// its name only when `finish()` is called, complete.
public final class TraceWriter: SnapshotSink {
    private let file: AtomicFileWriter
    private var line = JSONText(capacity: 1 << 16)
    /// Snapshots written so far.
    public private(set) var count = 0
    /// The loss of the last snapshot that had one.
    public private(set) var lastLoss: Double?

    /// Starts a trace of `run` at `path` and writes its header.
    public init(run: Run, path: String) throws {
        file = try AtomicFileWriter(path: path)
        try file.write(TraceFormat.header(for: run))
        try file.write([UInt8(ascii: "\n")])
    }

    /// Writes `snapshot` as the next line.
    public func receive(_ snapshot: Snapshot) throws {
        line.bytes.removeAll(keepingCapacity: true)
        TraceFormat.append(snapshot, into: &line)
        line.bytes.append(UInt8(ascii: "\n"))
        try file.write(line.bytes)
        count += 1
        if let loss = snapshot.loss { lastLoss = loss }
    }

    /// Completes the file and moves it into place.
    public func finish() throws {
        try file.commit()
    }

    /// Abandons the trace: nothing appears under its name.
    public func discard() {
        file.discard()
    }
}

extension TraceWriter {
    /// Whether the file at `path` is a NetFrames trace (and so may be replaced).
    public static func isTrace(atPath path: String) -> Bool {
        guard let handle = FileHandleLike(path: path) else { return false }
        let prefix = handle.read(64)
        return String(decoding: prefix, as: UTF8.self).hasPrefix("{\"format\":\"\(TraceFormat.name)\"")
    }
}

/// Reads the first bytes of a file.
private struct FileHandleLike {
    let descriptor: Int32
    init?(path: String) {
        // Not blocking: a pipe or FIFO (`--out /dev/stdout`) would wait for ever for bytes to read.
        descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0 { return nil }
    }
    func read(_ n: Int) -> [UInt8] {
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: n)
        let got = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, n) }
        return got > 0 ? Array(buffer[0..<got]) : []
    }
}

#if canImport(Glibc)
import Glibc
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ n: Int) -> Int { Glibc.read(fd, buffer, n) }
#else
import Darwin
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ n: Int) -> Int { Darwin.read(fd, buffer, n) }
#endif
