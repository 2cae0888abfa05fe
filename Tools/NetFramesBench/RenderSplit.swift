import Foundation
import NetFramesBatch
import NetFramesFiles
import NetFramesGraphics
import NetFramesRender
import NetFramesRun
import NetFramesScene

/// Where a PNG frame's time goes, one stage at a time on one thread: building the scene
/// (training included, a small share), cairo drawing, PNG encoding, and writing the file
/// with its digest as a render does. Stages are timed over all of scene A's frames.
enum RenderSplit {
    struct Figures {
        var scene = 0.0, draw = 0.0, encode = 0.0, write = 0.0
        var total: Double { scene + draw + encode + write }
    }

    /// A sink that keeps the scenes the pipeline builds.
    struct SceneCollector: FrameSink {
        var scenes: [Scene] = []
        func draw(_ frame: PipelineFrame) throws -> Scene { frame.scene }
        mutating func receive(_ drawn: Scene) throws { scenes.append(drawn) }
    }

    /// Milliseconds per frame for each stage at `scale`, best of `rounds`.
    static func measure(scale: Double, compression: PNGCompression = .fast, folder: String,
                        rounds: Int = 2) throws -> Figures {
        let renderer = try RenderBenchmark.makeRenderer()
        var style = renderer.style
        style.scale = scale
        var best = Figures(scene: .infinity, draw: .infinity, encode: .infinity, write: .infinity)
        for _ in 0..<rounds {
            let pipeline = FramePipeline(run: renderer.run, style: style, jobs: 1)
            var collector = SceneCollector()
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try pipeline.run(into: &collector)
            let t1 = DispatchTime.now().uptimeNanoseconds
            var draw: UInt64 = 0, encode: UInt64 = 0, write: UInt64 = 0
            for (index, scene) in collector.scenes.enumerated() {
                let a = DispatchTime.now().uptimeNanoseconds
                let raster = try SceneRenderer().raster(scene, scale: scale)
                let b = DispatchTime.now().uptimeNanoseconds
                let bytes = try raster.pngData(compression: compression)
                let c = DispatchTime.now().uptimeNanoseconds
                try AtomicFileWriter.write(bytes, to: folder + "/frame_\(index).png")
                _ = ContentDigest.sha256(bytes)
                let d = DispatchTime.now().uptimeNanoseconds
                draw += b - a
                encode += c - b
                write += d - c
            }
            let frames = Double(collector.scenes.count)
            func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 / frames }
            best.scene = min(best.scene, ms(t1 - t0))
            best.draw = min(best.draw, ms(draw))
            best.encode = min(best.encode, ms(encode))
            best.write = min(best.write, ms(write))
        }
        return best
    }

    /// Draws and encodes `frames` of scene A's frames (every `stride`-th) with `.fast` on
    /// reused canvases, as a render does, and prints the bytes written: the workload
    /// profiled by `--child-frames` (compare two counts of frames to leave out start-up).
    static func drawAndEncode(frames: Int, stride: Int) throws {
        let renderer = try RenderBenchmark.makeRenderer()
        let pipeline = FramePipeline(run: renderer.run, style: renderer.style, jobs: 1)
        var collector = SceneCollector()
        _ = try pipeline.run(into: &collector, frames: 0..<min(frames * stride, renderer.expectedFrameCount), stride: stride)
        var bytes = 0
        let canvases = FrameCanvasPool()
        for scene in collector.scenes {
            bytes += try SceneRenderer().pngData(scene, canvases: canvases).count
        }
        print("frames=\(collector.scenes.count) bytes=\(bytes)")
    }

    /// Prints the split for scene A at 1x and 2x.
    static func report(folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for scale in [1.0, 2.0] {
            let f = try measure(scale: scale, folder: folder)
            let label = scale == 1 ? "1x" : "2x"
            print(String(format: "render.split_%@_ms scene %.2f  draw %.2f  encode %.2f  write %.2f  total %.2f   (per frame, 1 thread)",
                         label, f.scene, f.draw, f.encode, f.write, f.total))
        }
        try PNGPages.report(folder: folder)
    }
}

/// The two other places PNGs are written: the HTML player's PNG mode (scene A) and a
/// batch's contact sheet (the 9-run sweep), each timed and sized.
enum PNGPages {
    static func report(folder: String) throws {
        let renderer = try RenderBenchmark.makeRenderer()
        let player = HTMLPlayer(run: renderer.run, style: renderer.style)
        var bestPlayer = Double.infinity
        var page: HTMLPlayerSummary?
        for round in 0..<2 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            page = try player.render(to: HTMLPlayerOutput(folder: folder + "/player-\(round)", name: "player",
                                                          encoding: .png, jobs: 1))
            bestPlayer = min(bestPlayer, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        let frames = Double(page?.frames ?? 0), pageBytes = Double(page?.bytes ?? 0)
        print(String(format: "render.html_png_fps_jobs1 %.1f   (scene A as one player page, PNG frames; %.1f KB/frame)",
                     frames / bestPlayer, pageBytes / frames / 1024))

        let path = folder + "/sweep.yaml"
        try BatchBenchmark.sweep.write(toFile: path, atomically: true, encoding: .utf8)
        let plan = try BatchPlan.load(paths: [path])
        let batch = try BatchRunner(plan: plan, settings: BatchSettings(folder: folder + "/sweep", jobs: 2)).run()
        var bestSheet = Double.infinity
        var bytes = 0
        for _ in 0..<3 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            bytes = try BatchSummary.contactSheet(batch.outcomes, folder: folder + "/sweep", title: "sweep").count
            bestSheet = min(bestSheet, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        print(String(format: "render.contact_sheet_ms %.1f   (9 runs; %.1f KB)", bestSheet, Double(bytes) / 1024))
    }
}
