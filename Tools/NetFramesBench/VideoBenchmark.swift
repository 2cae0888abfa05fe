import Foundation
import NetFramesRender
import NetFramesRunFile
import NetFramesTimeline
import NetFramesVideo
import NetFramesRun

/// The animation figures: 200 frames of [4, 6, 6, 3] at 1280x720 straight to MP4,
/// against a plain C program piping raw cairo frames into the same ffmpeg/libx264
/// settings, in the same run; then WebM and GIF.
enum VideoBenchmark {
    static let frames = 200

    /// Four full steps of 48 frames each (0.2 s per moment at 30 fps, no holds) and
    /// an 8-frame final hold: 200 frames.
    static var settings: AnimationSettings {
        var s = AnimationSettings()
        s.fps = 30
        s.durations.forward = 0.2
        s.durations.loss = 0.2
        s.durations.backward = 0.2
        s.durations.update = 0.2
        s.durations.hold = 0
        s.finalHold = 8.0 / 30
        return s
    }

    static func makeRenderer() throws -> AnimationRenderer {
        var run = try RenderBenchmark.makeRenderer().run
        run.iterations = 4
        let renderer = AnimationRenderer(run: run, style: run.render, animation: settings)
        precondition(renderer.plannedFrameCount == frames, "planned \(renderer.plannedFrameCount) frames")
        return renderer
    }

    static func run() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("netframes-video-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let renderer = try makeRenderer()
        let jobs = ProcessInfo.processInfo.activeProcessorCount

        var cBest = 0.0, ourBest = 0.0
        for round in 0..<2 {
            cBest = max(cBest, try cPipeline(output: "\(scratch)/c-\(round).mp4"))
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try renderer.renderVideo(format: .mp4, to: "\(scratch)/nf-\(round).mp4", jobs: jobs)
            ourBest = max(ourBest, Double(frames) / (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9))
        }
        print(String(format: "video.c_pipe_to_x264_fps %.1f   (plain C cairo loop | ffmpeg libx264, preset medium, crf 20)", cBest))
        print(String(format: "video.mp4_fps %.1f   ([4,6,6,3] 1280x720, %d frames, jobs %d)", ourBest, frames, jobs))
        print(String(format: "video.mp4_over_c %.2f   (target ≥ 0.9)", ourBest / cBest))
        print(String(format: "video.mp4_kb %.0f   (C pipeline's: %.0f)", size("\(scratch)/nf-0.mp4"), size("\(scratch)/c-0.mp4")))
        for format in [VideoFormat.webm, .gif] {
            let path = "\(scratch)/nf.\(format.rawValue)"
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try renderer.renderVideo(format: format, to: path, jobs: jobs)
            let fps = Double(frames) / (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            print(String(format: "video.%@_fps %.1f   (%.0f KB)", format.rawValue, fps, size(path)))
        }
    }

    /// Frames per second of `cairo-baseline --raw | ffmpeg`, timed from start to ffmpeg's exit.
    static func cPipeline(output: String) throws -> Double {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("cairo-baseline").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("cairo-baseline not found beside netframes-bench")
        }
        let ffmpeg = try FFmpegEncoder.locate(environment: ProcessInfo.processInfo.environment)
        let command = FFmpegCommand(format: .mp4, width: 1280, height: 720, fps: 30, alpha: false)
        let quoted = ([ffmpeg] + command.arguments(output: output)).map { "'\($0)'" }.joined(separator: " ")
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try runChild("/bin/sh", ["-c", "'\(binary)' \(frames) - --raw 2>/dev/null | \(quoted)"])
        return Double(frames) / (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }

    static func size(_ path: String) -> Double {
        Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1024
    }
}
