import Foundation
import NetFramesEngine

/// The training engine's figures: iterations per second with every snapshot streamed
/// and read, with recording off, their ratio, and peak memory as runs grow.
enum EngineBenchmark {
    static let shape = NetworkShape(layers: [4, 8, 8, 3])

    static func makeTrainer(optimizer: Optimizer = .sgd, batchSize: Int = 1) -> Trainer {
        let setup = TrainingSetup(shape: shape, hidden: .sigmoid, output: .softmax, loss: .crossEntropy,
                                  learningRate: optimizer == .sgd ? 0.1 : 0.01, optimizer: optimizer, batchSize: batchSize)
        var rng = SplitMix64(seed: 42)
        let examples = (0..<64).map { i -> Example in
            var target = [0.0, 0.0, 0.0]
            target[i % 3] = 1
            return Example(input: (0..<4).map { _ in rng.nextUniform(-1, 1) }, target: target)
        }
        return Trainer(setup: setup, parameters: .random(shape: shape, scheme: .xavier, seed: 1),
                       dataset: Dataset(examples: examples))
    }

    static func run() throws {
        let iterations = 100_000
        // Warm up both paths once.
        var warm = makeTrainer()
        var warmSink = ReadingSink()
        try warm.train(iterations: 10_000, into: &warmSink)

        var best = (streamed: 0.0, bare: 0.0, everything: 0.0, adam: 0.0)
        var checksum = 0.0
        var snapshots = 0
        let jaxReason = JaxYardstick.unavailability()
        for _ in 0..<3 {
            var trainer = makeTrainer()
            var sink = ReadingSink()
            let t0 = DispatchTime.now().uptimeNanoseconds
            try trainer.train(iterations: iterations, into: &sink)
            let t1 = DispatchTime.now().uptimeNanoseconds
            var bare = makeTrainer()
            try bare.train(iterations: iterations)
            let t2 = DispatchTime.now().uptimeNanoseconds
            var heavy = makeTrainer()
            var heavySink = ReadingEverythingSink()
            try heavy.train(iterations: iterations, into: &heavySink)
            let t3 = DispatchTime.now().uptimeNanoseconds
            best.streamed = max(best.streamed, Double(iterations) / (Double(t1 - t0) / 1e9))
            best.bare = max(best.bare, Double(iterations) / (Double(t2 - t1) / 1e9))
            best.everything = max(best.everything, Double(iterations) / (Double(t3 - t2) / 1e9))
            // Adam on batches of 8, streamed and read the same way: as many examples as the SGD run.
            var adam = makeTrainer(optimizer: .defaultAdam, batchSize: 8)
            var adamSink = ReadingSink()
            let t4 = DispatchTime.now().uptimeNanoseconds
            try adam.train(iterations: iterations / 8, into: &adamSink)
            let t5 = DispatchTime.now().uptimeNanoseconds
            best.adam = max(best.adam, Double(iterations) / (Double(t5 - t4) / 1e9))
            checksum += adamSink.sum
            checksum += sink.sum + heavySink.sum
            snapshots = sink.snapshots
            precondition(trainer.parameters == bare.parameters, "recording changed training")
        }
        print(String(format: "engine.streamed_iterations_per_s %.0f   ([4,8,8,3] sigmoid/softmax/crossEntropy, %d snapshots, every value read once; checksum %.6g)",
                     best.streamed, snapshots, checksum))
        print(String(format: "engine.bare_iterations_per_s %.0f   (recording off)", best.bare))
        print(String(format: "engine.recording_cost_ratio %.2f   (bare / streamed; target ≤ 2)", best.bare / best.streamed))
        print(String(format: "engine.streamed_rereading_iterations_per_s %.0f   (every snapshot's whole view read, %.1fx the values)",
                     best.everything, 1.0))
        print(String(format: "engine.adam_batch8_examples_per_s %.0f   (streamed and read, optimizer state included)", best.adam))
        print(String(format: "engine.adam_batch8_over_sgd_per_example %.2f   (target ≥ 0.7)", best.adam / best.streamed))
        if let reason = jaxReason {
            print("engine.jax: not measured, \(reason)")
        } else {
            let jax = try JaxYardstick.iterationsPerSecond(iterations: iterations, runs: 3)
            print(String(format: "engine.jax_iterations_per_s %.0f   (the same network and data, jit + lax.scan keeping every step's arrays)", jax))
            print(String(format: "engine.streamed_over_jax %.2f   (streamed / jax; target ≥ 10)", best.streamed / jax))
            let ratios = try pairedRatios(rounds: 7).sorted()
            print(String(format: "engine.streamed_over_jax_paired %.2f   (median of %d rounds, each a streamed run then a JAX run as long; %.2f–%.2f)",
                         ratios[ratios.count / 2], ratios.count, ratios.first!, ratios.last!))
        }
        let small = try childPeakMemory(iterations: 10_000)
        let large = try childPeakMemory(iterations: 1_000_000)
        print(String(format: "engine.peak_rss_mb_10k %.1f", small / 1024))
        print(String(format: "engine.peak_rss_mb_1m %.1f", large / 1024))
        print(String(format: "engine.peak_rss_ratio_1m_over_10k %.2f   (flat is 1.00)", large / small))
    }

    /// Streamed over JAX, one ratio a round: a streamed run of 1,000,000 steps, then
    /// JAX's 100,000 (about as long, at a tenth of the rate), so load that comes and goes
    /// touches both sides of each ratio alike. Each side is warm: the yardstick runs its
    /// loop once before timing it, and so does this side, 10,000 steps, after the last
    /// round's JAX process had the caches.
    static func pairedRatios(rounds: Int) throws -> [Double] {
        try (0..<rounds).map { _ in
            var warm = makeTrainer()
            var warmSink = ReadingSink()
            try warm.train(iterations: 10_000, into: &warmSink)
            var trainer = makeTrainer()
            var sink = ReadingSink()
            let steps = 1_000_000
            let t0 = DispatchTime.now().uptimeNanoseconds
            try trainer.train(iterations: steps, into: &sink)
            let t1 = DispatchTime.now().uptimeNanoseconds
            precondition(sink.sum.isFinite)
            let streamed = Double(steps) / (Double(t1 - t0) / 1e9)
            return streamed / (try JaxYardstick.iterationsPerSecond(iterations: 100_000, runs: 1))
        }
    }

    /// Trains in a child process and returns its peak resident memory in KiB.
    static func childPeakMemory(iterations: Int) throws -> Double {
        let text = try runChild(CommandLine.arguments[0], ["--child-train", String(iterations)])
        guard let kib = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("child printed '\(text)'")
        }
        return kib
    }

    /// Run in the child: trains with every snapshot streamed and read, then prints VmHWM in KiB.
    static func childTrain(iterations: Int) throws {
        var trainer = makeTrainer()
        var sink = ReadingSink()
        try trainer.train(iterations: iterations, into: &sink)
        precondition(sink.sum.isFinite || sink.sum.isNaN == false)
        print(peakResidentKiB())
    }
}

/// Reads every value the stream delivers once: what each moment computed (a forward
/// layer's z and a, the loss, a backward layer's deltas and gradients, the new weights
/// and biases, the update's means and optimizer state), plus each step's input, target
/// and starting parameters. It adds them into one running sum, as a consumer that
/// checksums or accumulates the stream would, rather than totalling each snapshot apart.
struct ReadingSink: SnapshotSink {
    var running = RunningSum()
    var snapshots = 0
    /// The sum of every value read so far.
    var sum: Double { running.total }

    @inline(__always)
    mutating func receive(_ snapshot: Snapshot) throws {
        snapshots += 1
        running.add(Double(snapshot.iteration &+ snapshot.example))
        snapshot.withValues { v in
            running.add(v.computed)
            // Once a step each: out of line, so that this closure stays small enough to be
            // inlined where the trainer hands out each moment.
            if v.phase == .forward && snapshot.layer == 1 {
                addStepInputs(v, to: &running)
            } else if v.phase == .update {
                let rest = v.updateMeansAndState
                if !rest.isEmpty { addOutOfLine(rest, to: &running) }
            }
        }
    }
}

@inline(never)
func addStepInputs(_ v: SnapshotValues, to running: inout RunningSum) {
    let start = v.stepInputs
    running.add(start.example)
    running.add(start.parameters)
}

@inline(never)
func addOutOfLine(_ p: UnsafeBufferPointer<Double>, to running: inout RunningSum) {
    running.add(p)
}

/// A sum of many buffers with four independent pairs of accumulators, so the reads are
/// not bound by the latency of one chain of additions, reduced to one number only when
/// asked: adding a buffer costs its loads and additions and little else.
struct RunningSum {
    var a = SIMD2<Double>(), b = SIMD2<Double>(), c = SIMD2<Double>(), d = SIMD2<Double>()
    var single = 0.0

    var total: Double { ((a + b) + (c + d)).sum() + single }

    @inline(__always)
    mutating func add(_ x: Double) {
        single += x
    }

    /// Adds every value of `p`: eight at a time, then the last zero to seven four, two and
    /// one at a time rather than by a scalar loop.
    @inline(__always)
    mutating func add(_ p: UnsafeBufferPointer<Double>) {
        guard let base = p.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var i = 0
        let n = p.count
        // Wrapping index arithmetic: the counts are small and known not to overflow.
        while i &+ 8 <= n {
            a += raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD2<Double>.self)
            b += raw.loadUnaligned(fromByteOffset: (i &+ 2) &* 8, as: SIMD2<Double>.self)
            c += raw.loadUnaligned(fromByteOffset: (i &+ 4) &* 8, as: SIMD2<Double>.self)
            d += raw.loadUnaligned(fromByteOffset: (i &+ 6) &* 8, as: SIMD2<Double>.self)
            i &+= 8
        }
        if i &+ 4 <= n {
            a += raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD2<Double>.self)
            b += raw.loadUnaligned(fromByteOffset: (i &+ 2) &* 8, as: SIMD2<Double>.self)
            i &+= 4
        }
        if i &+ 2 <= n {
            c += raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD2<Double>.self)
            i &+= 2
        }
        if i < n { single += base[i] }
    }
}

/// Reads every value every snapshot shows, re-reading what earlier snapshots of the step
/// already showed: the heaviest way to consume the stream.
struct ReadingEverythingSink: SnapshotSink {
    var sum = 0.0

    mutating func receive(_ snapshot: Snapshot) throws {
        // A total per snapshot, each buffer summed in registers: many small buffers, so a
        // running sum kept in the sink would cost a load and a store of it for each.
        sum += snapshot.withValues { v in
            var total = (v.loss ?? 0) + sumOf(v.input) + sumOf(v.target)
            for l in 0..<v.layerCount {
                if let a = v.activations(of: l) { total += sumOf(a) }
                if let z = v.preActivations(of: l) { total += sumOf(z) }
                if let d = v.deltas(of: l) { total += sumOf(d) }
                if l >= 1 {
                    if let g = v.weightGradients(into: l) { total += sumOf(g) }
                    if let g = v.biasGradients(of: l) { total += sumOf(g) }
                    total += sumOf(v.weights(into: l)) + sumOf(v.biases(of: l))
                }
            }
            return total
        }
    }
}

/// The sum of one buffer, by `RunningSum`'s accumulators held in registers.
@inline(__always)
func sumOf(_ p: UnsafeBufferPointer<Double>) -> Double {
    var running = RunningSum()
    running.add(p)
    return running.total
}

/// Peak resident set size of this process in KiB (VmHWM).
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
