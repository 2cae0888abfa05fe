import Foundation
import Testing

/// The full path of a program on PATH, if any.
public func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// A program this package builds (`netframes`, `netframes-fuzz`, `netframes-example`),
/// found in the build products folder the test bundle runs from. Records an issue and
/// throws if it is not there.
public func builtProduct(_ name: String) throws -> String {
    var folders: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        folders.append((exe as NSString).deletingLastPathComponent)
    }
    if let url = Bundle.main.executableURL { folders.append(url.deletingLastPathComponent().path) }
    folders += [Bundle.main.bundleURL.path, Bundle.main.bundleURL.deletingLastPathComponent().path]
    if let first = CommandLine.arguments.first { folders.append((first as NSString).deletingLastPathComponent) }
    for folder in folders {
        // The bundle may sit a few folders below the products (NetFramesPackageTests.xctest/…).
        var dir = folder
        for _ in 0..<4 {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = (dir as NSString).deletingLastPathComponent
        }
    }
    Issue.record("no \(name) executable beside the test bundle; looked in \(folders)")
    throw CancellationError()
}

/// The `netframes` built beside this test bundle.
public func netframesExecutable() throws -> String { try builtProduct("netframes") }
