import Foundation
import NetFramesEngine
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTrace
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Which steps a trace keeps, that it is the same every time, and what is left of it
/// when training diverges.
@Suite struct TraceRecordingTests {
    @Test(arguments: [(23, 5, 3), (23, 5, 0), (10, 1, 0), (7, 100, 2), (1, 3, 0), (12, 4, 20)])
    func samplingKeepsTheFirstTheMultiplesAndTheLast(total: Int, every: Int, first: Int) throws {
        let folder = try TemporaryFolder()
        let run = try parsed("""
            network: {layers: [2, 2, 1]}
            training: {iterations: \(total)}
            sampling: {every: \(every), first: \(first)}
            data: {builtin: xor}

            """)
        let lines = try record(run, to: folder.path + "/trace.jsonl").snapshotLines.map(SnapshotLine.init)
        let expected = (0..<total).filter { $0 < first || $0 % every == 0 || $0 == total - 1 }
        var kept: [Int] = []
        for line in lines where kept.last != line.iteration { kept.append(line.iteration) }
        #expect(kept == expected)
        #expect(lines.count == expected.count * 6)
        #expect(lines.last?.phase == "update" && lines.last?.iteration == total - 1)
    }

    @Test func samplingKeptIterationsForTheDocumentedCase() throws {
        // Spelled out once: 23 steps, every 5, first 3.
        let folder = try TemporaryFolder()
        let run = try parsed("network: {layers: [2, 1]}\ntraining: {iterations: 23}\nsampling: {every: 5, first: 3}\n"
            + "data: {builtin: and}\n")
        let lines = try record(run, to: folder.path + "/trace.jsonl").snapshotLines.map(SnapshotLine.init)
        #expect(Set(lines.map(\.iteration)) == [0, 1, 2, 5, 10, 15, 20, 22])
    }

    @Test func theSameRunFileGivesTheSameBytes() throws {
        let folder = try TemporaryFolder()
        var first = try RunFile.load(path: examplePath("spiral.yaml"))
        var second = try RunFile.load(path: examplePath("spiral.yaml"))
        first.iterations = 2_500
        second.iterations = 2_500
        let a = try record(first, to: folder.path + "/a.jsonl")
        let b = try record(second, to: folder.path + "/b.jsonl")
        #expect(a.lines.count == 1 + 5 * 8)  // 0, 1, 1000, 2000 and 2499
        #expect(a.bytes == b.bytes)
    }

    /// Iteration at which a [1, 1] linear network with weight 1, bias 0, input 1000 and
    /// target 0 diverges with rate η, worked out by hand the way the trainer computes.
    func divergenceIteration(rate eta: Double, input x: Double) -> (iteration: Int, what: String) {
        var w = 1.0, b = 0.0
        for i in 0... {
            var z = b
            z += w * x
            let loss = 0.5 * (z * z)
            if !loss.isFinite { return (i, "the loss") }
            let delta = z
            let newW = w - eta * (delta * x), newB = b - eta * delta
            if !(newW + newB).isFinite { return (i, "a weight or bias") }
            (w, b) = (newW, newB)
        }
        fatalError("unreachable")
    }

    @Test func divergenceStopsWithATraceThatEndsInACompleteStep() throws {
        let folder = try TemporaryFolder()
        let run = try parsed("""
            network:
              layers: [1, 1]
              output: linear
              weights: [[[1]]]
            training: {loss: mse, learningRate: 1e6, iterations: 1000}
            data: [{input: [1000], target: [0]}]

            """)
        let path = folder.path + "/diverged.jsonl"
        let recording = try record(run, to: path)
        let (iteration, what) = divergenceIteration(rate: 1e6, input: 1000)
        #expect(iteration > 1 && iteration < 1000)
        #expect(recording.error as? TrainingError == .diverged(iteration: iteration, what: what))
        #expect("\(recording.error!)" == "training diverged at iteration \(iteration): \(what) is not a finite number "
            + "(try a smaller learningRate)")

        // Every line is JSON; the steps before the divergence are all there, complete.
        #expect(recording.lines.count == 1 + iteration * 4)
        for line in recording.lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line.prefix(80))")
        }
        let last = try SnapshotLine(recording.lines.last!)
        #expect(last.phase == "update" && last.iteration == iteration - 1)
        #expect(last.weights[0][0][0].isFinite && last.loss!.isFinite)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == recording.bytes)
        #expect(try fileNames(in: folder.path) == ["diverged.jsonl"])
    }

    @Test func aTraceAppearsOnlyWhenFinished() throws {
        let folder = try TemporaryFolder()
        let run = try parsed("network: {layers: [2, 1]}\ndata: {builtin: or}\n")
        let path = folder.path + "/trace.jsonl"

        let writer = try TraceWriter(run: run, path: path)
        var trainer = run.makeTrainer()
        var sink = writer
        try trainer.train(iterations: 2, sampling: .all, into: &sink)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(writer.count == 8)
        writer.discard()
        #expect(try fileNames(in: folder.path) == [])

        let kept = try record(run, to: path)
        #expect(kept.lines.count == 1 + 4 * 4)
        #expect(try fileNames(in: folder.path) == ["trace.jsonl"])
    }

    @Test func recognisesTraces() throws {
        let folder = try TemporaryFolder()
        let run = try parsed("network: {layers: [2, 1]}\ndata: {builtin: or}\n")
        _ = try record(run, to: folder.path + "/trace.jsonl")
        let notes = try folder.write("notes.txt", "{\"format\":\"something else\"}\n")
        let empty = try folder.write("empty.jsonl", "")
        #expect(TraceWriter.isTrace(atPath: folder.path + "/trace.jsonl"))
        #expect(!TraceWriter.isTrace(atPath: notes))
        #expect(!TraceWriter.isTrace(atPath: empty))
        #expect(!TraceWriter.isTrace(atPath: folder.path + "/missing.jsonl"))
    }

    @Test func aPipeIsNotATraceAndDoesNotBlock() throws {
        // `--out /dev/stdout` in a pipeline: checking the file must not wait for bytes that never come.
        let folder = try TemporaryFolder()
        let fifo = folder.path + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let answer = withDeadline(seconds: 5) { TraceWriter.isTrace(atPath: fifo) }
        #expect(answer == false)
    }
}
