#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Writes a file under a temporary name and renames it into place only when complete,
/// so an interrupted write never leaves a truncated file under the final name.
///
/// Bytes are buffered and written in large chunks. If the writer is dropped without
/// `commit()`, the temporary file is removed.
public final class AtomicFileWriter {
    /// The final name, which the file takes only when `commit()` succeeds.
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private let sink: any ByteSink
    private var finished = false

    /// Opens a temporary file beside `path`.
    ///
    /// - Parameter sink: what writes the bytes out: the file system, or in tests a
    ///   stand-in that fails as a full disk would.
    public init(path: String, chunkSize: Int = 1 << 20, sink: any ByteSink = SystemByteSink()) throws {
        self.path = path
        self.chunkSize = chunkSize
        self.sink = sink
        let (directory, name) = AtomicFileWriter.split(path)
        temporaryPath = "\(directory)/.\(name).partial-\(getpid())"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw NetFramesError.system(path, "creating a temporary file beside it", errno: errno) }
        buffer.reserveCapacity(chunkSize)
    }

    deinit {
        if !finished { discard() }
    }

    /// Appends bytes.
    public func write<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Appends the UTF-8 of a string.
    public func write(_ string: String) throws {
        try write(string.utf8)
    }

    /// Writes out what is buffered.
    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                sink.write(descriptor, UnsafeRawBufferPointer(rebasing: raw[offset...]))
            }
            switch written {
            case .success(let n): offset += n
            case .failure(let error) where error.code == EINTR: continue
            case .failure(let error): throw NetFramesError.system(path, "writing", errno: error.code)
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Finishes the file and moves it to its final name.
    public func commit() throws {
        precondition(!finished, "committed twice")
        try flush()
        finished = true
        if close(descriptor) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw NetFramesError.system(path, "closing", errno: code)
        }
        if rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw NetFramesError.system(path, "moving the finished file into place", errno: code)
        }
    }

    /// Abandons the file: the temporary is removed and nothing appears under `path`.
    public func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporaryPath)
    }

    /// Writes a whole file atomically.
    public static func write(_ bytes: [UInt8], to path: String, sink: any ByteSink = SystemByteSink()) throws {
        let writer = try AtomicFileWriter(path: path, chunkSize: max(1, bytes.count), sink: sink)
        try writer.write(bytes)
        try writer.commit()
    }

    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}

/// Where an `AtomicFileWriter`'s bytes go once buffered.
public protocol ByteSink: Sendable {
    /// Writes some of `bytes` to the open file `descriptor`: how many were written, or
    /// why none could be.
    func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<Int, SystemError>
}

/// The file system itself.
public struct SystemByteSink: ByteSink {
    /// The sink every writer uses unless told otherwise.
    public init() {}

    /// `write(2)`, with its `errno` when it fails.
    public func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<Int, SystemError> {
        guard let base = bytes.baseAddress else { return .success(0) }
        #if canImport(Glibc)
        let n = Glibc.write(descriptor, base, bytes.count)
        #else
        let n = Darwin.write(descriptor, base, bytes.count)
        #endif
        return n >= 0 ? .success(n) : .failure(SystemError(code: errno))
    }
}

/// A failed system call's `errno`.
public struct SystemError: Error, Equatable, Sendable {
    /// The `errno` value, e.g. `ENOSPC`.
    public var code: Int32
    /// The failure with `errno` value `code`.
    public init(code: Int32) { self.code = code }
}
