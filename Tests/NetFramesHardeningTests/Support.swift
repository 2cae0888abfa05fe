import Foundation
import NetFramesScene
import Testing

/// A program built beside this test bundle (`netframes`, `netframes-fuzz`).
func builtProduct(_ name: String) throws -> String {
    var folders: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        folders.append((exe as NSString).deletingLastPathComponent)
    }
    folders.append(Bundle.main.bundleURL.path)
    for start in folders {
        var dir = start
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name }
            dir = (dir as NSString).deletingLastPathComponent
        }
    }
    Issue.record("no \(name) beside the test bundle; looked in \(folders)")
    throw CancellationError()
}

/// How a program ended.
struct Finished {
    var status: Int32
    /// Killed by a signal (a trap is signal 4 or 5) rather than exiting.
    var signalled: Bool
    var stdout: String
    var stderr: String
    var seconds: Double
    var timedOut: Bool

    /// The standard error's lines.
    var errorLines: [Substring] { stderr.split(separator: "\n") }
}

/// Runs a built program (or `program`, a path) in `directory`, killing it after `timeout` seconds.
func run(_ product: String, _ arguments: [String], in directory: String, environment: [String: String] = [:],
         timeout: Double = 120, program: String? = nil) throws -> Finished {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try program ?? builtProduct(product))
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let outFile = directory + "/.stdout-\(UUID().uuidString)", errFile = directory + "/.stderr-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: outFile, contents: nil)
    FileManager.default.createFile(atPath: errFile, contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: outFile)
        try? FileManager.default.removeItem(atPath: errFile)
    }
    // Files, not pipes: nothing to drain while waiting, and grandchildren cannot hold us up.
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outFile))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errFile))
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    var timedOut = false
    while process.isRunning {
        if Date().timeIntervalSince(start) > timeout {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
        }
        usleep(10_000)
    }
    process.waitUntilExit()
    let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
    return Finished(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                    stdout: read(outFile), stderr: read(errFile), seconds: Date().timeIntervalSince(start),
                    timedOut: timedOut)
}

/// A fresh folder under the system's temporary folder, removed when the test is done with it.
final class Scratch {
    let path: String

    init(_ label: String) throws {
        path = NSTemporaryDirectory() + "netframes-hardening-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }

    /// The names in a folder below this one (or this one), hidden ones included, sorted.
    func names(_ sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? path : file(sub))) ?? []).sorted()
    }
}

/// The package's root folder, for the example run files.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

extension Rect {
    /// Whether `p` lies inside or on the edge.
    func encloses(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
}
