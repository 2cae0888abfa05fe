import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRunFile
import NetFramesScene
import NetFramesTimeline
import NetFramesRun

// MARK: Runs

/// Run files for the animation tests: small canvases, low frame rates, short runs.
enum Fixture {
    /// A [2, 2, 1] network with every number given, drawn at 320x180 and 10 fps, with
    /// the default durations (forward 0.6 s, loss 1, backward 0.8, update 1, hold 0.3).
    static func small(name: String = "small", iterations: Int = 2, theme: String = "light",
                      animation: String = "animation: {fps: 10, finalHold: 0.5}") -> String {
        """
        name: \(name)
        network:
          layers: [2, 2, 1]
          hidden: tanh
          output: sigmoid
          weights: [[[0.8, -0.4], [0.3, 0.9]], [[1.1, -0.6]]]
          biases: [[0.1, -0.1], [0.2]]
        training: {loss: mse, learningRate: 0.5, iterations: \(iterations)}
        data:
          - {input: [0.6, -0.3], target: [1]}
        render: {width: 320, height: 180, theme: \(theme)}
        \(animation)
        """
    }

    static func run(_ yaml: String, file: String = "test.yaml") throws -> RunFile {
        try RunFile.parse(yaml, file: file, directory: URL(fileURLWithPath: NSTemporaryDirectory()))
    }

    static func style(width: Double = 320, height: Double = 180, theme: ThemeName = .light) -> DiagramStyle {
        var style = DiagramStyle()
        style.width = width
        style.height = height
        style.theme = theme
        return style
    }
}

/// Feeds a timeline the snapshots it asks for, as the animation renderer does.
struct TimelineFeeder: SnapshotSink {
    let runName: String
    var timeline: Timeline

    mutating func receive(_ snapshot: Snapshot) throws {
        guard timeline.wants(iteration: snapshot.iteration, phase: snapshot.phase) else { return }
        try timeline.push(DiagramState(snapshot: snapshot, runName: runName))
    }
}

/// Collects the states a timeline emits (a class, so the emit closure can append).
final class EmittedStates: @unchecked Sendable {
    var states: [DiagramState] = []
}

/// Trains `run` and returns every state its timeline emits, in order, with the
/// timeline's own frame count.
func timelineStates(_ run: RunFile, settings: AnimationSettings? = nil) throws -> (states: [DiagramState], frameCount: Int) {
    let box = EmittedStates()
    let timeline = Timeline(settings: settings ?? run.animation, iterations: run.iterations) { box.states.append($0) }
    var feeder = TimelineFeeder(runName: run.name, timeline: timeline)
    var trainer = run.makeTrainer()
    try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &feeder)
    try feeder.timeline.finish()
    return (box.states, feeder.timeline.frameCount)
}

// MARK: Pixels

struct RGB: Equatable, CustomStringConvertible {
    var r: Int, g: Int, b: Int, a: Int

    init(r: Int, g: Int, b: Int, a: Int = 255) {
        (self.r, self.g, self.b, self.a) = (r, g, b, a)
    }

    init(_ p: (r: UInt8, g: UInt8, b: UInt8, a: UInt8)) {
        (r, g, b, a) = (Int(p.r), Int(p.g), Int(p.b), Int(p.a))
    }

    init(_ c: Color) {
        let (r, g, b, a) = c.bytes
        self.init((r, g, b, a))
    }

    var channels: [Int] { [r, g, b] }

    /// The largest difference of the colour channels.
    func distance(to o: RGB) -> Int { max(abs(r - o.r), abs(g - o.g), abs(b - o.b)) }

    var description: String { String(format: "#%02X%02X%02X/%d", r, g, b, a) }
}

extension RGBAImage {
    func rgb(_ x: Int, _ y: Int) -> RGB { RGB(pixel(x: x, y: y)) }
    /// The pixel that contains scene point `p` (scale 1).
    func rgb(at p: Point) -> RGB { rgb(Int(p.x.rounded(.down)), Int(p.y.rounded(.down))) }
}

/// Whether `values` run from the first to the last without turning back, allowing
/// `noise` against the direction of travel.
func isMonotone(_ values: [Double], noise: Double = 0) -> Bool {
    guard let first = values.first, let last = values.last else { return true }
    let up = last >= first
    for (a, b) in zip(values, values.dropFirst()) {
        if up ? b < a - noise : b > a + noise { return false }
    }
    return true
}

// MARK: Geometry

extension Point {
    /// Distance to the segment from `a` to `b`.
    func distance(toSegment a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        guard length2 > 0 else { return distance(to: a) }
        let t = max(0, min(1, ((x - a.x) * dx + (y - a.y) * dy) / length2))
        return distance(to: Point(a.x + t * dx, a.y + t * dy))
    }
}

extension Rect {
    func contains(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
    func grown(_ d: Double) -> Rect { Rect(x: x - d, y: y - d, width: width + 2 * d, height: height + 2 * d) }
}

// MARK: Files and processes

/// A fresh empty folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init(_ label: String = "anim-tests") throws {
        path = NSTemporaryDirectory() + "netframes-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Names of the entries in the folder (hidden ones included), sorted.
    func names() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// The result of running a program.
struct ProcessResult {
    var status: Int32
    var stdout: Data
    var stderr: String
    /// Whether the deadline passed and the program was killed.
    var timedOut: Bool
    var seconds: Double

    var output: String { String(decoding: stdout, as: UTF8.self) }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}

/// Runs `executable` with `arguments`, reading both outputs to the end; kills it if it
/// is still running after `timeout` seconds.
func runProcess(_ executable: String, _ arguments: [String], in directory: String? = nil,
                environment: [String: String]? = nil, timeout: Double = 120) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    let errorData = LockedData(), outputData = LockedData()
    Thread.detachNewThread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    Thread.detachNewThread { outputData.set(out.fileHandleForReading.readDataToEndOfFile()) }
    var timedOut = false
    while process.isRunning {
        if Date().timeIntervalSince(start) > timeout {
            timedOut = true
            process.terminate()
            usleep(200_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            break
        }
        usleep(5_000)
    }
    process.waitUntilExit()
    // Grandchildren may hold the pipes open; do not wait for them forever.
    let readDeadline = Date().addingTimeInterval(5)
    while !(errorData.isSet && outputData.isSet) && Date() < readDeadline { usleep(2_000) }
    return ProcessResult(status: process.terminationStatus, stdout: outputData.value,
                         stderr: String(decoding: errorData.value, as: UTF8.self), timedOut: timedOut,
                         seconds: Date().timeIntervalSince(start))
}

/// The full path of a program on PATH, if any.
func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// The `netframes` built beside this test bundle (same build products folder).
func netframesExecutable() throws -> String {
    var folders: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        folders.append((exe as NSString).deletingLastPathComponent)
    }
    folders.append(Bundle.main.bundleURL.path)
    if let first = CommandLine.arguments.first {
        folders.append((first as NSString).deletingLastPathComponent)
    }
    for folder in folders {
        var dir = folder
        for _ in 0..<4 {
            let candidate = dir + "/netframes"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = (dir as NSString).deletingLastPathComponent
        }
    }
    Issue.record("no netframes executable beside the test bundle; looked in \(folders)")
    throw CancellationError()
}

/// Runs the built `netframes` in `folder`.
func netframes(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String]? = nil,
               timeout: Double = 120) throws -> ProcessResult {
    try runProcess(try netframesExecutable(), arguments, in: folder.path, environment: environment, timeout: timeout)
}

// MARK: ffprobe

/// What ffprobe says about a video's first video stream.
struct Probe: CustomStringConvertible {
    var codec: String
    var width: Int
    var height: Int
    var frames: Int
    var pixelFormat: String
    var frameRate: String
    var duration: Double
    var alphaMode: String?

    var description: String {
        "\(codec) \(width)x\(height) \(pixelFormat) \(frames) frames at \(frameRate), \(duration) s"
            + (alphaMode.map { ", alpha_mode=\($0)" } ?? "")
    }

    /// Probes `path`, decoding every frame to count them.
    init(_ path: String) throws {
        let tool = try #require(which("ffprobe"), "ffprobe is not installed")
        let result = try runProcess(tool, [
            "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,width,height,nb_read_frames,pix_fmt,r_frame_rate",
            "-show_entries", "format=duration", "-show_entries", "stream_tags=alpha_mode",
            "-of", "json", path,
        ], timeout: 60)
        try #require(result.status == 0, "ffprobe failed on \(path): \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let stream = try #require((json["streams"] as? [[String: Any]])?.first, "no video stream in \(path)")
        let format = try #require(json["format"] as? [String: Any])
        codec = stream["codec_name"] as? String ?? ""
        width = stream["width"] as? Int ?? -1
        height = stream["height"] as? Int ?? -1
        frames = Int(stream["nb_read_frames"] as? String ?? "") ?? -1
        pixelFormat = stream["pix_fmt"] as? String ?? ""
        frameRate = stream["r_frame_rate"] as? String ?? ""
        duration = Double(format["duration"] as? String ?? "") ?? -1
        alphaMode = (stream["tags"] as? [String: Any])?["alpha_mode"] as? String
    }
}

/// Decodes one frame of a video to straight RGBA with ffmpeg (`decoder` forces one, as
/// libvpx-vp9 must be forced to see a WebM's alpha).
func decodeFrame(_ path: String, index: Int = 0, decoder: String? = nil, width: Int, height: Int) throws -> RGBAImage {
    let tool = try #require(which("ffmpeg"), "ffmpeg is not installed")
    var args = ["-hide_banner", "-loglevel", "error", "-nostdin"]
    if let decoder { args += ["-c:v", decoder] }
    args += ["-i", path, "-vf", "select=eq(n\\,\(index))", "-vsync", "0", "-frames:v", "1",
             "-f", "rawvideo", "-pix_fmt", "rgba", "-"]
    let result = try runProcess(tool, args, timeout: 60)
    try #require(result.status == 0, "ffmpeg could not decode frame \(index) of \(path): \(result.stderr)")
    try #require(result.stdout.count == width * height * 4,
                 "decoded \(result.stdout.count) bytes, expected \(width * height * 4)")
    return RGBAImage(width: width, height: height, bytes: [UInt8](result.stdout))
}

// MARK: Deadlines

final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// Runs `body` on a thread of its own and waits at most `seconds` for it: `nil` if it
/// is still running then (the thread is left behind, so a hang fails the test instead
/// of stopping the suite).
func withDeadline<T>(_ seconds: Double, _ body: @escaping @Sendable () throws -> T) -> (result: Result<T, Error>, seconds: Double)? {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let start = Date()
    Thread.detachNewThread {
        box.result = Result { try body() }
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success, let result = box.result else { return nil }
    return (result, Date().timeIntervalSince(start))
}

/// Writes an executable shell script.
func writeScript(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
}
