import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRunFile
import NetFramesScene
import NetFramesRun

/// Runs built from YAML text, their snapshots and diagram states.
enum Fixture {
    /// A [2, 2, 2] run with every number given. The weights out of input 1 are ±2.5, so
    /// those two connections are drawn thick (about 4.7 px at 1280x720) in clear colours.
    static let colours = """
        name: colours
        network:
          layers: [2, 2, 2]
          hidden: tanh
          output: sigmoid
          weights: [[[2.5, 0.3], [-2.5, 0.2]], [[1.2, -0.7], [-1.5, 0.4]]]
          biases: [[0.1, -0.2], [0.05, 0.0]]
        training: {loss: mse, learningRate: 0.1, iterations: 1}
        data:
          - {input: [0.6, 0.2], target: [1, 0]}
        """

    /// A copy of `netframes demo`'s run file (the 2015 post's [3, 2, 3] scenario): two
    /// steps, 12 frames. Copied because the demo lives in the executable target.
    static let demo = """
        name: demo
        network:
          layers: [3, 2, 3]
          hidden: sigmoid
          output: softmax
          seed: 2015
          init: uniform
        training:
          loss: crossEntropy
          learningRate: 0.3
          biasLearningRate: 0.1
          iterations: 2
        data:
          - {input: [0.5, -0.2, 0.8], target: [0, 1, 0]}
        """

    /// A run of `layers` with tanh hidden layers and a softmax output (the widest
    /// activation symbol), random weights from a fixed seed and one example whose
    /// inputs alternate in sign, so negative numbers (the widest texts) appear.
    ///
    /// A single output takes sigmoid instead: run files refuse a softmax over one neuron
    /// (it is always 1, so nothing could be learned).
    static func shaped(_ layers: [Int], output: String = "softmax", iterations: Int = 1, name: String = "shaped") -> String {
        let n = layers[0], m = layers[layers.count - 1]
        let output = m == 1 ? "sigmoid" : output
        let input = (0..<n).map { (i: Int) -> String in
            let sign: Double = i % 2 == 0 ? 0.75 : -0.6
            let value: Double = sign * Double(i % 5 + 1) / 5
            return String(format: "%.3f", value)
        }
        let target = (0..<m).map { $0 == m - 1 ? "1" : "0" }
        return """
            name: \(name)
            network:
              layers: [\(layers.map(String.init).joined(separator: ", "))]
              hidden: tanh
              output: \(output)
              seed: 11
              init: xavier
            training: {loss: crossEntropy, learningRate: 0.5, iterations: \(iterations)}
            data:
              - {input: [\(input.joined(separator: ", "))], target: [\(target.joined(separator: ", "))]}
            """
    }

    static func run(_ yaml: String, file: String = "test.yaml") throws -> RunFile {
        try RunFile.parse(yaml, file: file, directory: URL(fileURLWithPath: NSTemporaryDirectory()))
    }

    /// Every snapshot the run records, in order.
    static func snapshots(_ run: RunFile) throws -> [Snapshot] {
        var trainer = run.makeTrainer()
        var sink = CollectingSink()
        try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &sink)
        return sink.snapshots
    }

    static func states(_ run: RunFile) throws -> [DiagramState] {
        try snapshots(run).map { DiagramState(snapshot: $0, runName: run.name) }
    }

    /// The first state of `phase` (and `layer`, if given).
    static func state(_ states: [DiagramState], _ phase: Phase, layer: Int? = nil) throws -> DiagramState {
        try #require(states.first { $0.phase == phase && (layer == nil || $0.layer == layer) },
                     "no \(phase) state\(layer.map { " for layer \($0)" } ?? "")")
    }

    static func style(theme: ThemeName = .light, width: Double = 1280, height: Double = 720,
                      scale: Double = 1) -> DiagramStyle {
        var style = DiagramStyle()
        style.theme = theme
        style.width = width
        style.height = height
        style.scale = scale
        return style
    }
}

// MARK: Pixels

struct RGB: CustomStringConvertible {
    var r: Int, g: Int, b: Int, a: Int

    init(_ p: (r: UInt8, g: UInt8, b: UInt8, a: UInt8)) {
        (r, g, b, a) = (Int(p.r), Int(p.g), Int(p.b), Int(p.a))
    }

    init(_ c: Color) {
        let (r, g, b, a) = c.bytes
        self.init((r, g, b, a))
    }

    /// The largest difference of the colour channels.
    func distance(to o: RGB) -> Int { max(abs(r - o.r), abs(g - o.g), abs(b - o.b)) }

    var description: String { String(format: "#%02X%02X%02X/%d", r, g, b, a) }
}

extension RGBAImage {
    func rgb(_ x: Int, _ y: Int) -> RGB { RGB(pixel(x: x, y: y)) }
    /// The pixel that contains scene point `p` at `scale`.
    func rgb(at p: Point, scale: Double = 1) -> RGB {
        rgb(Int((p.x * scale).rounded(.down)), Int((p.y * scale).rounded(.down)))
    }
}

/// How two same-sized images differ.
struct ImageDifference: CustomStringConvertible {
    /// Mean absolute difference over every channel of every pixel, in 0...255.
    var meanAbsolute: Double
    /// Fraction of pixels whose channels all differ by at most the threshold.
    var fractionClose: Double
    var largest: Int

    init(_ a: RGBAImage, _ b: RGBAImage, threshold: Int) {
        precondition(a.width == b.width && a.height == b.height)
        var sum = 0, close = 0, largest = 0
        a.bytes.withUnsafeBufferPointer { pa in
            b.bytes.withUnsafeBufferPointer { pb in
                var i = 0
                while i < pa.count {
                    var worst = 0
                    for c in 0..<4 {
                        let d = abs(Int(pa[i + c]) - Int(pb[i + c]))
                        sum += d
                        worst = max(worst, d)
                    }
                    if worst <= threshold { close += 1 }
                    largest = max(largest, worst)
                    i += 4
                }
            }
        }
        meanAbsolute = Double(sum) / Double(a.bytes.count)
        fractionClose = Double(close) / Double(a.width * a.height)
        self.largest = largest
    }

    var description: String {
        String(format: "mean |Δ| %.3f/255 per channel, %.3f%% of pixels within threshold, largest %d",
               meanAbsolute, fractionClose * 100, largest)
    }
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
    /// The rectangle grown by `d` on every side.
    func grown(_ d: Double) -> Rect { Rect(x: x - d, y: y - d, width: width + 2 * d, height: height + 2 * d) }
}

/// Every `.text` item of a scene with the box it covers as cairo measures it.
func textBoxes(of scene: Scene, measurer: CairoTextMeasurer = CairoTextMeasurer()) -> [(text: TextItem, box: Rect)] {
    scene.items.compactMap { item in
        guard case .text(let t) = item else { return nil }
        return (t, t.box(extent: measurer.measure(t.string, font: t.font)))
    }
}

// MARK: Files and processes

/// A fresh empty folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init(_ label: String = "render-tests") throws {
        path = NSTemporaryDirectory() + "netframes-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The result of running a program.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments` and waits for it; output is read to the end.
func runProcess(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently, so a chatty child cannot fill one and block.
    let errorData = LockedData()
    let reader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.isSet { usleep(1000) }
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outputData, as: UTF8.self),
                         stderr: String(decoding: errorData.value, as: UTF8.self))
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
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

/// Rasterises an SVG file with librsvg at exactly `width`x`height` pixels.
func rsvgConvert(_ svgPath: String, width: Int, height: Int, to pngPath: String) throws -> RGBAImage {
    let tool = try #require(which("rsvg-convert"), "rsvg-convert (librsvg2-bin) is not installed")
    let result = try runProcess(tool, ["-w", "\(width)", "-h", "\(height)", "-o", pngPath, svgPath])
    try #require(result.status == 0, "rsvg-convert failed: \(result.stderr)")
    return try RGBAImage(pngData: readBytes(pngPath))
}

/// The page count `pdfinfo` reports for a PDF.
func pdfPageCount(_ path: String) throws -> Int {
    let tool = try #require(which("pdfinfo"), "pdfinfo (poppler-utils) is not installed")
    let result = try runProcess(tool, [path])
    try #require(result.status == 0, "pdfinfo failed on \(path): \(result.stderr)")
    let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") },
                            "pdfinfo printed no Pages: line")
    return try #require(Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)))
}

/// Names of the regular files in a folder, sorted.
func fileNames(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
}
