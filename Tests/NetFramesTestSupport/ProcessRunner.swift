import Foundation

/// How a program ended and what it printed.
public struct ProcessResult: Sendable {
    public var status: Int32
    /// Killed by a signal (a trap is signal 4 or 5) rather than exiting; `status` is then the signal.
    public var signalled: Bool
    /// Standard output as bytes (raw video frames, JSON).
    public var stdoutBytes: Data
    public var stderr: String
    /// Whether the deadline passed and the program was killed.
    public var timedOut: Bool
    public var seconds: Double

    public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    /// The standard error's lines.
    public var errorLines: [Substring] { stderr.split(separator: "\n") }
}

/// Runs `executable` with `arguments` in `directory` and waits for it, killing it if it
/// still runs after `timeout` seconds. Standard input is empty.
///
/// `environment`, if given, is the program's whole environment; otherwise it inherits
/// this process's. `extraEnvironment` is set on top of either.
///
/// Both outputs go to files, not pipes: nothing has to be drained while waiting, and a
/// grandchild that keeps them open cannot hold the test up.
public func runProcess(_ executable: String, _ arguments: [String], in directory: String? = nil,
                       environment: [String: String]? = nil, extraEnvironment: [String: String] = [:],
                       timeout: Double = 300) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if environment != nil || !extraEnvironment.isEmpty {
        process.environment = (environment ?? ProcessInfo.processInfo.environment).merging(extraEnvironment) { $1 }
    }
    let outputs = try TemporaryFolder("process")
    defer { outputs.remove() }
    let outFile = outputs.file("stdout"), errFile = outputs.file("stderr")
    guard FileManager.default.createFile(atPath: outFile, contents: nil),
          FileManager.default.createFile(atPath: errFile, contents: nil) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: outputs.path])
    }
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outFile))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errFile))
    defer { try? out.close(); try? err.close() }
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    var timedOut = false
    while process.isRunning {
        if !timedOut && Date().timeIntervalSince(start) > timeout {
            timedOut = true
            process.terminate()
            usleep(500_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        usleep(5_000)
    }
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    return ProcessResult(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                         stdoutBytes: FileManager.default.contents(atPath: outFile) ?? Data(),
                         stderr: String(decoding: FileManager.default.contents(atPath: errFile) ?? Data(), as: UTF8.self),
                         timedOut: timedOut, seconds: seconds)
}

/// Runs a program this package builds (see `builtProduct`).
public func runProduct(_ name: String, _ arguments: [String], in directory: String? = nil,
                       environment: [String: String]? = nil, extraEnvironment: [String: String] = [:],
                       timeout: Double = 300) throws -> ProcessResult {
    try runProcess(try builtProduct(name), arguments, in: directory, environment: environment,
                   extraEnvironment: extraEnvironment, timeout: timeout)
}

/// Runs the built `netframes` in `folder`.
public func netframes(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String]? = nil,
                      extraEnvironment: [String: String] = [:], timeout: Double = 300) throws -> ProcessResult {
    try runProduct("netframes", arguments, in: folder.path, environment: environment,
                   extraEnvironment: extraEnvironment, timeout: timeout)
}
