import Foundation
import NetFramesGraphics
import NetFramesScene

let testFont = Font(family: "DejaVu Sans", size: 24)

/// A small white scene holding `items`.
func whiteScene(_ items: [SceneItem], width: Double = 200, height: Double = 100) -> Scene {
    Scene(width: width, height: height, background: .white, items: items, title: "test", summary: "a test scene")
}

/// Decodes the PNG our renderer makes for `scene`.
func renderedPNG(_ scene: Scene, scale: Double = 1,
                 compression: PNGCompression = .fast) throws -> RGBAImage {
    try RGBAImage(pngData: SceneRenderer().pngData(scene, scale: scale, compression: compression))
}

/// Whether two 8-bit channel values differ by at most `tolerance`.
func close(_ a: UInt8, _ b: UInt8, within tolerance: Int) -> Bool {
    abs(Int(a) - Int(b)) <= tolerance
}

/// A fresh empty directory under the system's temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("netframes-graphics-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The full path of an executable on `PATH`, if there is one.
func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Runs a program to completion; returns its exit status and standard error.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
