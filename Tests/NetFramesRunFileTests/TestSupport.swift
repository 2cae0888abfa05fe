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

/// A sink that hands each snapshot to two sinks.
struct TeeSink<A: SnapshotSink, B: SnapshotSink>: SnapshotSink {
    var first: A
    var second: B
    mutating func receive(_ snapshot: Snapshot) throws {
        try first.receive(snapshot)
        try second.receive(snapshot)
    }
}
