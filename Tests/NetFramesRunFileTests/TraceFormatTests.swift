import Foundation
import NetFramesEngine
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTrace
import Testing
import NetFramesRun

/// The JSON Lines trace: its header, its snapshot lines and their numbers.
@Suite struct TraceFormatTests {
    /// A [2, 3, 1] network drawn from a seed, four examples, every step recorded.
    let smallRun = """
        name: small
        network: {layers: [2, 3, 1], hidden: tanh, seed: 11}
        training: {learningRate: 0.7, iterations: 6}
        data: {builtin: xor}

        """

    @Test func headerNamesTheFormatAndVersion() throws {
        let folder = try TemporaryFolder()
        let run = try parsed(smallRun)
        let recording = try record(run, to: folder.path + "/trace.jsonl")
        #expect(recording.header.hasPrefix("{\"format\":\"netframes-trace\",\"version\":1,"))
        let header = try JSONDecoder().decode(TraceHeader.self, from: Data(recording.header.utf8))
        #expect(header.format == "netframes-trace")
        #expect(header.version == 1)
        #expect(header.snapshotsPerStep == 6)
        #expect(header.origin == .init(init: "uniform", seed: 11, data: "builtin xor"))
        #expect(recording.lines.count == 1 + 6 * 6)
        #expect(TraceWriter.isTrace(atPath: folder.path + "/trace.jsonl"))
    }

    @Test func headerRunReplaysToTheSameTrace() throws {
        let folder = try TemporaryFolder()
        var run = try RunFile.load(path: examplePath("xor.yaml"))
        run.iterations = 403  // the example's sampling: the first 4, every 40th, and the last (402)
        let original = try record(run, to: folder.path + "/original.jsonl")
        guard let runJSON = runText(ofHeader: original.header) else {
            Issue.record("no run object at the end of the header: \(original.header.prefix(200))")
            return
        }
        let replayPath = try folder.write("replay.json", runJSON)
        let replayRun = try RunFile.load(path: replayPath)
        #expect(replayRun.name == "xor")
        #expect(replayRun.initialParameters == run.initialParameters)
        #expect(replayRun.dataset == run.dataset)
        #expect(replayRun.setup == run.setup)
        #expect(replayRun.sampling == run.sampling)
        #expect(replayRun.iterations == 403)
        #expect(replayRun.dataSource == .inline)
        #expect(replayRun.initialization == Initialization(seed: nil, scheme: .uniform, explicitWeights: true,
                                                           explicitBiases: true))

        let replay = try record(replayRun, to: folder.path + "/replay.jsonl")
        // 0–3, 40, 80, …, 400 and 402: fifteen steps of six snapshots.
        #expect(run.sampling == SamplingPolicy(every: 40, first: 4))
        #expect(original.snapshotLines.count == 15 * 6)
        #expect(replay.snapshotLines == original.snapshotLines)
        // The replay's own header describes the same run, byte for byte.
        #expect(runText(ofHeader: replay.header) == runJSON)
    }

    @Test func snapshotLinesHaveExactlyTheDocumentedFields() throws {
        let folder = try TemporaryFolder()
        let recording = try record(try parsed(smallRun), to: folder.path + "/trace.jsonl")
        for line in recording.snapshotLines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(SnapshotLine.fieldNames))
            // In the documented order, too: a reader may rely on `iteration` coming first.
            let offsets = SnapshotLine.fieldNames.map { line.range(of: "\"\($0)\":")!.lowerBound }
            #expect(offsets == offsets.sorted())
        }
    }

    @Test func layersNotComputedYetAreNull() throws {
        let folder = try TemporaryFolder()
        let lines = try record(try parsed(smallRun), to: folder.path + "/trace.jsonl").snapshotLines.map(SnapshotLine.init)
        let forward1 = lines[0], forward2 = lines[1], loss = lines[2], backward2 = lines[3], backward1 = lines[4]
        let update = lines[5]

        #expect(forward1.phase == "forward" && forward1.layer == 1)
        #expect(forward1.activations[0] == [0, 0])
        #expect(forward1.activations[1]?.count == 3)
        #expect(forward1.activations[2] == nil)
        #expect(forward1.preActivations[0] == nil && forward1.preActivations[2] == nil)
        #expect(forward1.loss == nil)
        #expect(forward1.deltas == [nil, nil, nil])
        #expect(forward1.weightGradients == [nil, nil] && forward1.biasGradients == [nil, nil])

        #expect(forward2.activations[2]?.count == 1 && forward2.loss == nil)
        #expect(loss.phase == "loss" && loss.layer == nil && loss.loss != nil && loss.deltas == [nil, nil, nil])
        #expect(backward2.layer == 2 && backward2.deltas[1] == nil && backward2.deltas[2]?.count == 1)
        #expect(backward2.weightGradients[0] == nil && backward2.weightGradients[1]?.count == 1)
        #expect(backward1.layer == 1 && backward1.deltas[0] == nil && backward1.deltas[1]?.count == 3)
        #expect(backward1.biasGradients[0]?.count == 3)
        #expect(update.phase == "update" && update.layer == nil && update.deltas[0] == nil)
        // Only the update shows new weights.
        #expect(backward1.weights == forward1.weights)
        #expect(update.weights != forward1.weights)
        #expect(lines[6].weights == update.weights && lines[6].biases == update.biases)
    }

    @Test func phasesComeInTheOrderOfAStep() throws {
        let folder = try TemporaryFolder()
        let run = try parsed("network: {layers: [2, 3, 2, 1], seed: 2}\ntraining: {iterations: 3}\ndata: {builtin: or}\n")
        let lines = try record(run, to: folder.path + "/trace.jsonl").snapshotLines.map(SnapshotLine.init)
        let step: [(String, Int?)] = [("forward", 1), ("forward", 2), ("forward", 3), ("loss", nil),
                                      ("backward", 3), ("backward", 2), ("backward", 1), ("update", nil)]
        #expect(lines.count == 3 * step.count)
        for (i, line) in lines.enumerated() {
            let (phase, layer) = step[i % step.count]
            #expect(line.phase == phase && line.layer == layer, "line \(i + 2)")
            #expect(line.iteration == i / step.count && line.example == i / step.count)
        }
    }

    @Test func numbersReadBackToTheEnginesExactValues() throws {
        let folder = try TemporaryFolder()
        // Softmax and cross-entropy, seeded weights: long, unrounded decimals everywhere.
        let run = try parsed("""
            network: {layers: [3, 4, 3], hidden: relu, output: softmax, seed: 2024, init: xavier}
            training: {learningRate: 0.37, iterations: 5}
            data:
              - {input: [0.1, -0.2, 0.30000000000000004], target: [0, 1, 0]}
              - {input: [1e-300, 123456789.123, -5e-324], target: [1, 0, 0]}

            """)
        let recording = try record(run, to: folder.path + "/trace.jsonl")
        #expect(recording.snapshots.count == 5 * 6)
        #expect(recording.snapshotLines.count == recording.snapshots.count)
        for (line, snapshot) in zip(recording.snapshotLines, recording.snapshots) {
            let read = try SnapshotLine(line)
            #expect(read == SnapshotLine(expected: snapshot), "\(line.prefix(80))")
        }
        // Bit for bit, not just ==: -0.0 and 0.0 are equal as Doubles.
        let last = try SnapshotLine(recording.lines.last!)
        let engine = recording.snapshots.last!.parameters.weights
        #expect(last.weights.flatMap { $0.flatMap { $0 } }.map(\.bitPattern) == engine.map(\.bitPattern))
        #expect(recording.snapshotLines.first!.contains("\"input\":[0.1,-0.2,0.30000000000000004]"))
    }
}
