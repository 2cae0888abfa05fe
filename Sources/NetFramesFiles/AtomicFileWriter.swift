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
    private var finished = false

    /// Opens a temporary file beside `path`.
    public init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.chunkSize = chunkSize
        let (directory, name) = AtomicFileWriter.split(path)
        temporaryPath = "\(directory)/.\(name).partial-\(getpid())"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw FileError.system(path, "creating a temporary file beside it", errno: errno) }
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
            let n = buffer.withUnsafeBytes { raw in
                Glibc_write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.system(path, "writing", errno: errno)
            }
            offset += n
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
            throw FileError.system(path, "closing", errno: code)
        }
        if rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw FileError.system(path, "moving the finished file into place", errno: code)
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
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let writer = try AtomicFileWriter(path: path, chunkSize: max(1, bytes.count))
        try writer.write(bytes)
        try writer.commit()
    }

    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
