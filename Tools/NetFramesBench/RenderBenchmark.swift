import Foundation
import NetFramesDiagram
import NetFramesGraphics
import NetFramesRender
import NetFramesRunFile
import NetFramesRun

/// The renderer's figures: 200 PNG frames of a [4, 6, 6, 3] network at 1280x720 with
/// every label on, against a plain C loop that draws a comparable frame with cairo and
/// writes it with cairo_surface_write_to_png, measured in the same run.
enum RenderBenchmark {
    static let frames = 200

    static let runText = """
        name: bench-4663
        network: {layers: [4, 6, 6, 3], hidden: tanh, output: softmax, seed: 5}
        training: {learningRate: 0.1, iterations: 25}
        data:
          - {input: [0.5, -0.25, 0.8, 0.1], target: [0, 1, 0]}
          - {input: [-0.3, 0.6, 0.2, -0.9], target: [1, 0, 0]}
        render: {weightLabels: all}
        """

    static func makeRenderer() throws -> FrameRenderer {
        let run = try Run.parse(runText, file: "bench", directory: URL(fileURLWithPath: "."))
        return FrameRenderer(run: run, style: run.render)
    }

    static func run() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("netframes-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)

        let baseline = try cBaseline(outputFolder: scratch + "/c", drawOnly: false)
        let baselineDraw = try cBaseline(outputFolder: scratch + "/c-draw", drawOnly: true)

        let renderer = try makeRenderer()
        precondition(renderer.expectedFrameCount == frames)
        _ = try renderer.render(to: FrameOutput(folder: scratch + "/warm", jobs: 2))  // warm caches and fonts
        var best1 = 0.0, best2 = 0.0
        for round in 0..<2 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try renderer.render(to: FrameOutput(folder: scratch + "/j1-\(round)", jobs: 1))
            let t1 = DispatchTime.now().uptimeNanoseconds
            _ = try renderer.render(to: FrameOutput(folder: scratch + "/j2-\(round)", jobs: 2))
            let t2 = DispatchTime.now().uptimeNanoseconds
            best1 = max(best1, Double(frames) / (Double(t1 - t0) / 1e9))
            best2 = max(best2, Double(frames) / (Double(t2 - t1) / 1e9))
        }
        let svg = try renderer.render(to: FrameOutput(folder: scratch + "/svg", format: .svg, jobs: 2))
        let pngBytes = folderBytes(scratch + "/j2-0", suffix: ".png")
        let svgBytes = folderBytes(scratch + "/svg", suffix: ".svg")
        let cBytes = folderBytes(scratch + "/c", suffix: ".png")
        let peak = try childPeakMemory()

        print(String(format: "render.c_baseline_fps %.1f   (plain C, cairo_surface_write_to_png, 1 thread)", baseline))
        print(String(format: "render.c_baseline_draw_only_fps %.1f", baselineDraw))
        print(String(format: "render.png_fps_jobs1 %.1f   ([4,6,6,3] 1280x720, every label on, %d frames)", best1, frames))
        print(String(format: "render.png_fps_jobs2 %.1f", best2))
        print(String(format: "render.speedup_over_c %.2f   (jobs 2 / C baseline; target ≥ 8)", best2 / baseline))
        print(String(format: "render.jobs2_over_jobs1 %.2f", best2 / best1))
        print(String(format: "render.png_kb_per_frame %.1f   (fast, the default; the C loop's own, simpler frames: %.1f KB)",
                     Double(pngBytes) / Double(frames) / 1024, Double(cBytes) / Double(frames) / 1024))
        print(String(format: "render.png_bytes_over_c_loop_frames %.3f   (fast against the C loop's own frames, other pixels: fewer colours, no label backdrops)",
                     Double(pngBytes) / Double(cBytes)))
        print(String(format: "render.svg_kb_per_frame %.1f   (%d frames)", Double(svgBytes) / Double(svg.manifest.entries.count) / 1024,
                     svg.manifest.entries.count))
        print(String(format: "render.peak_rss_mb %.1f   (200 PNG frames, jobs 2, in a child process)", peak / 1024))
        try SamePixelsBytes.report(folder: scratch + "/same-pixels")
        try RenderSplit.report(folder: scratch + "/split")
    }

    /// Frames per second of the C baseline, run as a child process.
    static func cBaseline(outputFolder: String, drawOnly: Bool) throws -> Double {
        try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        let output = try runCBaseline([String(frames), outputFolder] + (drawOnly ? ["--draw-only"] : []))
        guard let field = output.split(separator: " ").first(where: { $0.hasPrefix("fps=") }),
              let fps = Double(field.dropFirst(4).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("cairo-baseline printed '\(output)'")
        }
        return fps
    }

    /// Runs the `cairo-baseline` built beside this program and returns what it printed.
    static func runCBaseline(_ arguments: [String]) throws -> String {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("cairo-baseline").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("cairo-baseline not found beside netframes-bench (build it: swift build -c release --product cairo-baseline)")
        }
        return try runChild(binary, arguments)
    }

    /// Peak memory (KiB) of a child that renders the 200 frames with 2 jobs.
    static func childPeakMemory() throws -> Double {
        let text = try runChild(CommandLine.arguments[0], ["--child-render"])
        guard let kib = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("child printed '\(text)'")
        }
        return kib
    }

    /// Run in the child: renders the frames, then prints VmHWM in KiB.
    static func childRender() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netframes-bench-child-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try makeRenderer().render(to: FrameOutput(folder: folder, jobs: 2))
        print(peakResidentKiB())
    }

    static func folderBytes(_ folder: String, suffix: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0)
        }
    }
}

/// Runs a program and returns its standard output; `quietly` drops its standard error.
func runChild(_ path: String, _ arguments: [String], quietly: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    if quietly { process.standardError = FileHandle.nullDevice }
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchError("\(path) exited with status \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}
