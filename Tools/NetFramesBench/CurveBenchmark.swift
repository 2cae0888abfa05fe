import Foundation
import NetFramesEngine

/// The training curve's cost: a 1M-step run recorded every 1,000th step, trained with
/// its curve measured (1,001 points over all 64 examples) and without, alternately in
/// one process; and peak memory of a curve-measuring run as it grows.
enum CurveBenchmark {
    /// Passes a curve's points on, reading the snapshots as the engine benchmark does.
    struct ReadingCurveSink: CurveSink {
        var reading = ReadingSink()
        var points = 0
        var lossSum = 0.0
        mutating func receive(_ snapshot: Snapshot) throws { try reading.receive(snapshot) }
        mutating func receive(_ point: CurvePoint) throws {
            points += 1
            lossSum += point.loss
        }
    }

    static let sampling = SamplingPolicy(every: 1000)

    /// Trains `iterations` steps of the engine benchmark's network with the curve measured.
    static func trainWithCurve(iterations: Int) throws -> (Trainer, ReadingCurveSink, TrainingCurve) {
        var trainer = EngineBenchmark.makeTrainer()
        var recorder = CurveRecorder(setup: trainer.setup, dataset: trainer.dataset, total: iterations)
        var sink = ReadingCurveSink()
        try recorder.train(&trainer, iterations: iterations, sampling: sampling, runEnd: iterations, into: &sink)
        return (trainer, sink, recorder.curve)
    }

    static func run() throws {
        let iterations = 1_000_000
        var best = (with: Double.infinity, without: Double.infinity)
        var points = 0
        for _ in 0..<3 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            var plain = EngineBenchmark.makeTrainer()
            var sink = ReadingSink()
            try plain.train(iterations: iterations, sampling: sampling, into: &sink)
            let t1 = DispatchTime.now().uptimeNanoseconds
            let (curved, curveSink, curve) = try trainWithCurve(iterations: iterations)
            let t2 = DispatchTime.now().uptimeNanoseconds
            precondition(curved.parameters == plain.parameters, "measuring the curve changed training")
            precondition(curveSink.reading.sum == sink.sum, "measuring the curve changed the snapshots")
            points = curve.points.count
            best.without = min(best.without, Double(t1 - t0) / 1e9)
            best.with = min(best.with, Double(t2 - t1) / 1e9)
        }
        print(String(format: "curves.seconds_1m_without %.3f   ([4,8,8,3] on 64 examples, recorded every 1,000th, every value read)",
                     best.without))
        print(String(format: "curves.seconds_1m_with %.3f   (the same, with the curve's %d points over all 64 examples)",
                     best.with, points))
        print(String(format: "curves.cost_ratio %.3f   (with / without; target ≤ 1.10)", best.with / best.without))
        let small = try childPeak(iterations: 10_000)
        let large = try childPeak(iterations: iterations)
        print(String(format: "curves.peak_rss_mb_10k %.1f", small / 1024))
        print(String(format: "curves.peak_rss_mb_1m %.1f   (target ≤ 100)", large / 1024))
        print(String(format: "curves.peak_rss_ratio_1m_over_10k %.2f   (flat is 1.00)", large / small))
        // The whole pipeline: the loss panel drawn from the curve, curves.csv written.
        let drawn = try BatchBenchmark.childStream(iterations: iterations)
        print(String(format: "curves.pipeline_peak_rss_mb_1m %.1f   (%d frames drawn, every 1,000th of 1,000,000 steps, loss panel and curves.csv; target ≤ 100; %.1f s)",
                     drawn.kib / 1024, drawn.frames, drawn.seconds))
    }

    static func childPeak(iterations: Int) throws -> Double {
        let text = try runChild(CommandLine.arguments[0], ["--child-curves", String(iterations)])
        guard let kib = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("child printed '\(text)'")
        }
        return kib
    }

    /// Run in the child: trains with the curve measured, then prints VmHWM in KiB.
    static func childTrain(iterations: Int) throws {
        let (_, sink, curve) = try trainWithCurve(iterations: iterations)
        precondition(curve.isComplete && sink.points == curve.points.count)
        print(peakResidentKiB())
    }
}
