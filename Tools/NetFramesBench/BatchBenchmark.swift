import Foundation
import NetFramesBatch
import NetFramesRender
import NetFramesRunFile
import NetFramesRun

/// Batch figures: memory of a long run streamed to frames, and a 9-run sweep's
/// throughput with 1 and 2 jobs, measured in the same run.
enum BatchBenchmark {
    /// XOR on [2, 3, 1]; `iterations` steps, a frame set every 1,000th.
    static func longRun(iterations: Int) -> String {
        """
        name: long-\(iterations)
        network: {layers: [2, 3, 1], hidden: tanh, output: sigmoid, seed: 3}
        training: {loss: crossEntropy, learningRate: 0.5, iterations: \(iterations)}
        sampling: {every: 1000}
        data: {builtin: xor}
        render: {panels: {loss: true}}
        """
    }

    /// A small sweep: 3 learning rates × 3 seeds, 2,000 steps each, every 100th drawn.
    static let sweep = """
        name: sweep
        network: {layers: [2, 3, 1], hidden: tanh, output: sigmoid, seed: 1}
        training: {loss: crossEntropy, learningRate: 0.5, iterations: 2000}
        sampling: {every: 100}
        data: {builtin: xor}
        sweep:
          training.learningRate: [0.1, 0.5, 2.0]
          network.seed: [1, 2, 3]
        """

    static func run() throws {
        try memory()
        try sweepThroughput()
    }

    /// Peak memory of a short and a long run, each streamed to frames in a child process.
    static func memory() throws {
        // Memory: each length in a child process of its own, so each peak is its own.
        let short = try childStream(iterations: 10_000)
        let long = try childStream(iterations: 1_000_000)
        print(String(format: "batch.stream_peak_rss_mb_10k %.1f   (%d frames, 1280x720 PNG, every 1000th of 10,000 steps, jobs 2)",
                     short.kib / 1024, short.frames))
        print(String(format: "batch.stream_peak_rss_mb_1m %.1f   (%d frames, every 1000th of 1,000,000 steps; limit 100)",
                     long.kib / 1024, long.frames))
        print(String(format: "batch.stream_rss_1m_over_10k %.2f   (%.1f s for the 1M run)", long.kib / short.kib, long.seconds))
    }

    /// The same 9-run sweep with 1 job and with 2, then again into the finished folder.
    static func sweepThroughput() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("netframes-bench-sweep-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let path = scratch + "/sweep.yaml"
        try sweep.write(toFile: path, atomically: true, encoding: .utf8)
        let plan = try BatchPlan.load(paths: [path])
        precondition(plan.entries.count == 9)
        _ = try BatchRunner(plan: plan, settings: BatchSettings(folder: scratch + "/warm", jobs: 2)).run()
        var best1 = Double.infinity, best2 = Double.infinity
        var frames = 0
        for round in 0..<2 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let one = try BatchRunner(plan: plan, settings: BatchSettings(folder: scratch + "/j1-\(round)", jobs: 1)).run()
            let t1 = DispatchTime.now().uptimeNanoseconds
            _ = try BatchRunner(plan: plan, settings: BatchSettings(folder: scratch + "/j2-\(round)", jobs: 2)).run()
            let t2 = DispatchTime.now().uptimeNanoseconds
            best1 = min(best1, Double(t1 - t0) / 1e9)
            best2 = min(best2, Double(t2 - t1) / 1e9)
            frames = one.frames
        }
        let same = try folderContents(scratch + "/j1-0") == folderContents(scratch + "/j2-0")
        print(String(format: "batch.sweep_fps_jobs1 %.1f   (9 runs of [2,3,1], %d frames in all, 1280x720 PNG + summary)",
                     Double(frames) / best1, frames))
        print(String(format: "batch.sweep_fps_jobs2 %.1f", Double(frames) / best2))
        print(String(format: "batch.jobs2_over_jobs1 %.2f   (target ≥ 1.8)", best1 / best2))
        print(String(format: "batch.sweep_runs_per_minute_jobs2 %.1f   (jobs 1: %.1f)", 9 * 60 / best2, 9 * 60 / best1))
        print("batch.jobs1_equals_jobs2 \(same)   (every file byte for byte)")
        // Resume: the same batch again into a finished folder.
        let t0 = DispatchTime.now().uptimeNanoseconds
        let again = try BatchRunner(plan: plan, settings: BatchSettings(folder: scratch + "/j2-0", jobs: 2)).run()
        let resumed = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        print(String(format: "batch.resume_finished_over_fresh %.2f   (%d of %d frames kept)", resumed / best2,
                     again.framesKept, again.frames))
    }

    /// Peak memory (KiB), frames and seconds of a child rendering the long run.
    static func childStream(iterations: Int) throws -> (kib: Double, frames: Int, seconds: Double) {
        let text = try runChild(CommandLine.arguments[0], ["--child-stream", String(iterations)])
        let fields = text.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard fields.count == 3, let kib = Double(fields[0]), let frames = Int(fields[1]), let seconds = Double(fields[2]) else {
            throw BenchError("child printed '\(text)'")
        }
        return (kib, frames, seconds)
    }

    /// Run in the child: renders the long run's frames with 2 jobs, then prints VmHWM (KiB), frames and seconds.
    static func streamInChild(iterations: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netframes-bench-stream-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Run.parse(longRun(iterations: iterations), file: "long", directory: URL(fileURLWithPath: "."))
        let t0 = DispatchTime.now().uptimeNanoseconds
        let summary = try FrameRenderer(run: run, style: run.render).render(to: FrameOutput(folder: folder, jobs: 2))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        print("\(peakResidentKiB()) \(summary.manifest.entries.count) \(seconds)")
    }

    static func folderContents(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let names = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) }
        }
        return files
    }
}
