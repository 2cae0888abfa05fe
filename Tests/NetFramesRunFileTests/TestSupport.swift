import Foundation
import NetFramesEngine
import NetFramesRunFile
import Testing
import NetFramesRun

/// The folder tests pass as the run file's directory when they name no data file.
let noFolder = URL(fileURLWithPath: "/nonexistent-netframes-test-folder")

/// Parses `text` as the run file `file`; fails the test if it does not parse.
func parsed(_ text: String, file: String = "net.yaml", directory: URL = noFolder,
            limits: Limits = Limits(), sourceLocation: SourceLocation = #_sourceLocation) throws -> RunFile {
    do {
        return try RunFile.parse(text, file: file, directory: directory, limits: limits)
    } catch {
        Issue.record("expected \(file) to parse, got: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The `RunFileError` that parsing `text` throws, or `nil` (and a recorded issue) when it
/// parses or throws something else.
func mistake(_ text: String, file: String = "net.yaml", directory: URL = noFolder, limits: Limits = Limits(),
             sourceLocation: SourceLocation = #_sourceLocation) -> RunFileError? {
    do {
        _ = try RunFile.parse(text, file: file, directory: directory, limits: limits)
        Issue.record("expected a RunFileError, but \(file) was accepted", sourceLocation: sourceLocation)
        return nil
    } catch let error as RunFileError {
        return error
    } catch {
        Issue.record("expected a RunFileError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Checks a mistake's file, field path and line, and that its message holds every one of
/// `parts` (what is wrong and what is allowed).
func expectMistake(_ text: String, file: String = "net.yaml", path: String, line: Int?, _ parts: String...,
                   directory: URL = noFolder, limits: Limits = Limits(),
                   sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error = mistake(text, file: file, directory: directory, limits: limits,
                              sourceLocation: sourceLocation) else { return }
    #expect(error.file == file, sourceLocation: sourceLocation)
    #expect(error.path == path, "\(error)", sourceLocation: sourceLocation)
    #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
    let prefix = path.isEmpty ? "\(file): " : "\(file): \(path): "
    #expect(error.description.hasPrefix(prefix), "\(error)", sourceLocation: sourceLocation)
    for part in parts {
        #expect(error.message.contains(part), "message lacks \"\(part)\": \(error)", sourceLocation: sourceLocation)
    }
}

/// A folder of its own under the system's temporary folder, removed when dropped.
final class TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("netframes-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` in the folder and returns the file's path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file.path
    }

    /// The names of the files in the folder, hidden ones included.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

/// The package's root folder, for the example run files.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The path of `examples/NAME`.
func example(_ name: String) -> String {
    packageRoot.appendingPathComponent("examples").appendingPathComponent(name).path
}

/// A sink that hands each snapshot to two sinks.
struct TeeSink<A: SnapshotSink, B: SnapshotSink>: SnapshotSink {
    var first: A
    var second: B
    mutating func receive(_ snapshot: Snapshot) throws {
        try first.receive(snapshot)
        try second.receive(snapshot)
    }
}

/// Runs `body` on a thread of its own and waits at most `seconds` for it: a test of
/// something that must not hang fails instead of hanging with it.
func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
    let box = DeadlineBox<T>()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        let value = body()
        box.lock.withLock { box.value = value }
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    return box.lock.withLock { box.value }
}

/// The result of a `withDeadline` body, handed between threads under a lock.
private final class DeadlineBox<T>: @unchecked Sendable {
    let lock = NSLock()
    var value: T?
}
