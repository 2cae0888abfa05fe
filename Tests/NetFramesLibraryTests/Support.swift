import Foundation
import Testing

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init(_ label: String) throws {
        path = NSTemporaryDirectory() + "netframes-library-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The package's root folder (two above this file).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// An executable product built into the same folder as this test bundle.
func builtExecutable(_ name: String) throws -> String {
    var folders: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        folders.append((exe as NSString).deletingLastPathComponent)
    }
    folders += [Bundle.main.bundleURL.path, Bundle.main.bundleURL.deletingLastPathComponent().path]
    for folder in folders {
        // The bundle may sit a few folders below the products (NetFramesPackageTests.xctest/…).
        var dir = folder
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name }
            dir = (dir as NSString).deletingLastPathComponent
        }
    }
    Issue.record("no \(name) executable beside the test bundle; looked in \(folders)")
    throw CancellationError()
}

/// What a finished program left behind.
struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` to the end in `directory`, reading both of its outputs.
func runToEnd(_ executable: String, _ arguments: [String], in directory: String) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardInput = FileHandle.nullDevice
    // Outputs go to files, so a chatty program can never block on a full pipe.
    let out = directory + "/.stdout-\(UUID().uuidString)", err = directory + "/.stderr-\(UUID().uuidString)"
    guard FileManager.default.createFile(atPath: out, contents: nil),
          FileManager.default.createFile(atPath: err, contents: nil) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: directory])
    }
    defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: err) }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    try process.run()
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus,
                   stdout: try String(contentsOfFile: out, encoding: .utf8),
                   stderr: try String(contentsOfFile: err, encoding: .utf8))
}
