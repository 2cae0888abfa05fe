import Foundation
import NetFramesEngine
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTrace
import Testing

/// The `training:` keys of mini-batches and optimizers: how each is read, what each
/// mistake says, and how a run that uses them is written to a trace and replayed.
@Suite struct OptimizerRunFileTests {
    /// A run file on the four XOR examples with `training` holding `lines` (indented by two
    /// spaces by the caller): `training:` is line 3, so the first training line is line 4.
    static func runFile(_ lines: String) -> String {
        "network: {layers: [2, 2, 1]}\ndata: {builtin: xor}\ntraining:\n\(lines)\n"
    }

    // MARK: Reading

    @Test func leftOutEverythingIsPlainSGDOnOneExample() throws {
        let run = try parsed("network: {layers: [2, 1]}\ndata: {builtin: xor}\n")
        #expect(run.setup.optimizer == .sgd)
        #expect(run.setup.batchSize == 1)
        #expect(run.setup.shuffle == false)
        #expect(run.setup.weightDecay == 0)
        #expect(run.setup.isPlainSGD)
        #expect(run.iterations == 4)
    }

    @Test(arguments: [
        ("sgd", Optimizer.sgd),
        ("momentum", .momentum(momentum: 0.9, nesterov: false)),
        ("rmsprop", .rmsprop(alpha: 0.99, epsilon: 1e-8)),
        ("adam", .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decoupled: false)),
    ])
    func eachOptimizerByNameTakesTheDefaults(name: String, expected: Optimizer) throws {
        let run = try parsed(Self.runFile("  optimizer: \(name)"))
        #expect(run.setup.optimizer == expected)
        #expect(run.setup.optimizer.kind.rawValue == name)
        #expect(run.setup.optimizer == Optimizer.defaults(expected.kind))
        // A mapping with only `kind` is the same optimizer.
        let mapped = try parsed(Self.runFile("  optimizer: {kind: \(name)}"))
        #expect(mapped.setup.optimizer == expected)
    }

    @Test(arguments: [
        ("{kind: sgd}", Optimizer.sgd),
        ("{kind: momentum, momentum: 0.5}", .momentum(momentum: 0.5, nesterov: false)),
        ("{kind: momentum, momentum: 0, nesterov: true}", .momentum(momentum: 0, nesterov: true)),
        ("{kind: momentum, nesterov: true}", .momentum(momentum: 0.9, nesterov: true)),
        ("{kind: rmsprop, alpha: 0.9}", .rmsprop(alpha: 0.9, epsilon: 1e-8)),
        ("{kind: rmsprop, alpha: 0, epsilon: 1}", .rmsprop(alpha: 0, epsilon: 1)),
        ("{kind: adam, beta1: 0.8, beta2: 0.99, epsilon: 1.0e-6, decoupled: true}",
         .adam(beta1: 0.8, beta2: 0.99, epsilon: 1e-6, decoupled: true)),
        ("{kind: adam, decoupled: true}", .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decoupled: true)),
        ("{kind: adam, beta2: 0.95}", .adam(beta1: 0.9, beta2: 0.95, epsilon: 1e-8, decoupled: false)),
    ])
    func eachOptimizerAsAMapping(text: String, expected: Optimizer) throws {
        let run = try parsed(Self.runFile("  optimizer: \(text)"))
        #expect(run.setup.optimizer == expected)
    }

    @Test func aBlockMappingReadsLikeAFlowMapping() throws {
        let run = try parsed(Self.runFile("""
              optimizer:
                kind: adam
                beta1: 0.5
                epsilon: 0.001
            """))
        #expect(run.setup.optimizer == .adam(beta1: 0.5, beta2: 0.999, epsilon: 0.001, decoupled: false))
    }

    @Test func theRangesIncludeTheirEnds() throws {
        // β, μ and α just below 1; ε at 1 and at the smallest positive number; batchSize at n.
        let nearOne = Double(1).nextDown
        let adam = try parsed(Self.runFile("  optimizer: {kind: adam, beta1: \(nearOne), beta2: 0, epsilon: 1}"))
        #expect(adam.setup.optimizer == .adam(beta1: nearOne, beta2: 0, epsilon: 1, decoupled: false))
        let tiny = try parsed(Self.runFile("  optimizer: {kind: rmsprop, epsilon: 5e-324}"))
        #expect(tiny.setup.optimizer == .rmsprop(alpha: 0.99, epsilon: 5e-324))
        let full = try parsed(Self.runFile("  batchSize: 4\n  weightDecay: 1000000"))
        #expect(full.setup.batchSize == 4)
        #expect(full.setup.weightDecay == 1_000_000)
    }

    @Test func batchShuffleAndDecayAreRead() throws {
        let run = try parsed("""
            network: {layers: [2, 2, 2], seed: 42}
            data: {builtin: circle, samples: 20}
            training:
              loss: mse
              learningRate: 0.05
              biasLearningRate: 0.01
              batchSize: 8
              shuffle: true
              weightDecay: 0.0001
              optimizer: adam
              iterations: 400

            """)
        #expect(run.setup.optimizer == Optimizer.defaultAdam)
        #expect(run.setup.batchSize == 8)
        #expect(run.setup.shuffle)
        #expect(run.setup.shuffleSeed == 42)
        #expect(run.setup.weightDecay == 0.0001)
        #expect(run.setup.learningRate == 0.05)
        #expect(run.setup.biasLearningRate == 0.01)
        #expect(run.iterations == 400)
        #expect(!run.setup.isPlainSGD)
    }

    @Test func theShuffleSeedIsTheNetworkSeedOrOne() throws {
        let unseeded = try parsed(Self.runFile("  shuffle: true"))
        #expect(unseeded.setup.shuffle)
        #expect(unseeded.setup.shuffleSeed == 1)
        let off = try parsed(Self.runFile("  shuffle: false"))
        #expect(off.setup.shuffle == false)
    }

    /// (examples, batchSize, epochs, expected iterations = ⌈E·n/B⌉).
    @Test(arguments: [(4, 1, 3, 12), (4, 3, 3, 4), (4, 3, 2, 3), (4, 4, 5, 5), (10, 4, 3, 8), (10, 3, 1, 4),
                      (7, 7, 1, 1), (7, 2, 7, 25)])
    func epochsWithABatchSizeRoundUp(examples: Int, batchSize: Int, epochs: Int, expected: Int) throws {
        let run = try parsed("""
            network: {layers: [2, 2]}
            data: {builtin: circle, samples: \(examples)}
            training: {batchSize: \(batchSize), epochs: \(epochs)}

            """)
        #expect(run.dataset.count == examples)
        #expect(run.iterations == expected)
        #expect(run.iterations == (epochs * examples + batchSize - 1) / batchSize)
    }

    /// (examples, batchSize, expected default iterations = ⌈n/B⌉: one pass over the data).
    @Test(arguments: [(4, 1, 4), (4, 2, 2), (4, 3, 2), (4, 4, 1), (10, 3, 4), (10, 10, 1), (9, 2, 5)])
    func iterationsDefaultToOnePassInBatches(examples: Int, batchSize: Int, expected: Int) throws {
        let run = try parsed("""
            network: {layers: [2, 2]}
            data: {builtin: gaussians, samples: \(examples)}
            training: {batchSize: \(batchSize)}

            """)
        #expect(run.iterations == expected)
    }

    @Test func epochsPastTheLimitCountTheBatches() {
        expectMistake(Self.runFile("  batchSize: 3\n  epochs: 100000000"), path: "training.epochs", line: 5,
                      "makes 100000000 × 4 examples in batches of 3 = 133333334 steps; the limit is 100000000",
                      "--allow-large")
        expectMistake(Self.runFile("  batchSize: 2\n  epochs: 9223372036854775807"), path: "training.epochs", line: 5,
                      "makes 9223372036854775807 × 4 examples in batches of 2 = too many steps; the limit is 100000000")
        // One example per step: the message earlier NetFrames gave.
        expectMistake(Self.runFile("  epochs: 100000000"), path: "training.epochs", line: 4,
                      "makes 100000000 × 4 steps; the limit is 100000000 (raise it with --allow-large)")
    }

    // MARK: Mistakes

    /// A bad value, where it stands (every case's `training:` is line 3), and what the
    /// message must say.
    struct Bad: Sendable, CustomTestStringConvertible {
        var lines: String
        var path: String
        var line: Int
        var parts: [String]
        var testDescription: String { lines.trimmingCharacters(in: .whitespaces) }
    }

    static let bad: [Bad] = [
        Bad(lines: "  optimizer: adamm", path: "training.optimizer", line: 4,
            parts: ["expected one of sgd, momentum, rmsprop, adam, found 'adamm'", "(did you mean 'adam'?)"]),
        Bad(lines: "  learningRate: 0.1\n  optimizer: {kind: rmsprp}", path: "training.optimizer.kind", line: 5,
            parts: ["expected one of sgd, momentum, rmsprop, adam, found 'rmsprp'", "(did you mean 'rmsprop'?)"]),
        Bad(lines: "  optimizer: {beta1: 0.9}", path: "training.optimizer", line: 4,
            parts: ["needs `kind`: one of sgd, momentum, rmsprop, adam"]),
        Bad(lines: "  optimizer: {kind: adam, beta1: 1}", path: "training.optimizer.beta1", line: 4,
            parts: ["must be a number from 0 up to but not including 1", "found 1"]),
        Bad(lines: "  optimizer:\n    kind: adam\n    beta2: -0.1", path: "training.optimizer.beta2", line: 6,
            parts: ["must be a number from 0 up to but not including 1", "found -0.1"]),
        Bad(lines: "  optimizer: {kind: momentum, momentum: 1}", path: "training.optimizer.momentum", line: 4,
            parts: ["must be a number from 0 up to but not including 1", "found 1"]),
        Bad(lines: "  optimizer: {kind: rmsprop, alpha: 1.5}", path: "training.optimizer.alpha", line: 4,
            parts: ["must be a number from 0 up to but not including 1", "found 1.5"]),
        Bad(lines: "  optimizer: {kind: adam, epsilon: 0}", path: "training.optimizer.epsilon", line: 4,
            parts: ["must be a number above 0 and at most 1", "found 0"]),
        Bad(lines: "  optimizer: {kind: rmsprop, epsilon: -1.0e-8}", path: "training.optimizer.epsilon", line: 4,
            parts: ["must be a number above 0 and at most 1", "found -1.0e-8"]),
        Bad(lines: "  optimizer: {kind: rmsprop, epsilon: 2}", path: "training.optimizer.epsilon", line: 4,
            parts: ["must be a number above 0 and at most 1", "found 2"]),
        Bad(lines: "  optimizer: {kind: adam, decoupled: 1}", path: "training.optimizer.decoupled", line: 4,
            parts: ["expected true or false, found '1'"]),
        Bad(lines: "  optimizer: {kind: momentum, beta1: 0.9}", path: "training.optimizer.beta1", line: 4,
            parts: ["beta1 is an adam setting; this optimizer is momentum (its settings are momentum, nesterov)"]),
        Bad(lines: "  optimizer:\n    kind: momentum\n    momentum: 0.9\n    epsilon: 1.0e-8",
            path: "training.optimizer.epsilon", line: 7,
            parts: ["epsilon is an rmsprop and adam setting; this optimizer is momentum (its settings are momentum, nesterov)"]),
        Bad(lines: "  optimizer: {kind: sgd, momentum: 0.9}", path: "training.optimizer.momentum", line: 4,
            parts: ["momentum is a momentum setting; this optimizer is sgd (it takes no settings)"]),
        Bad(lines: "  optimizer: {kind: adam, nesterov: true}", path: "training.optimizer.nesterov", line: 4,
            parts: ["nesterov is a momentum setting; this optimizer is adam (its settings are beta1, beta2, epsilon, decoupled)"]),
        Bad(lines: "  optimizer: {kind: adam, beta3: 0.9}", path: "training.optimizer.beta3", line: 4,
            parts: ["unknown key 'beta3' (did you mean 'beta1'?)", "allowed here: kind, momentum"]),
        Bad(lines: "  batchSize: 0", path: "training.batchSize", line: 4,
            parts: ["must be a whole number of examples from 1 to 4 (the number of examples in data), found 0"]),
        Bad(lines: "  batchSize: 5", path: "training.batchSize", line: 4,
            parts: ["must be a whole number of examples from 1 to 4 (the number of examples in data), found 5"]),
        Bad(lines: "  batchSize: 2.5", path: "training.batchSize", line: 4,
            parts: ["expected a whole number of examples from 1 to 4", "found '2.5'"]),
        Bad(lines: "  weightDecay: -0.001", path: "training.weightDecay", line: 4,
            parts: ["must be a number from 0 to 1000000", "found -0.001"]),
        Bad(lines: "  weightDecay: .nan", path: "training.weightDecay", line: 4,
            parts: ["expected a finite number, found .nan"]),
        Bad(lines: "  weightDecay: 1e7", path: "training.weightDecay", line: 4,
            parts: ["must be a number from 0 to 1000000", "found 1e7"]),
        Bad(lines: "  shuffle: sometimes", path: "training.shuffle", line: 4,
            parts: ["expected true or false, found 'sometimes'"]),
        Bad(lines: "  iterations: 10\n  epochs: 2", path: "training.epochs", line: 5,
            parts: ["give either iterations or epochs, not both"]),
    ]

    @Test(arguments: bad)
    func eachMistakeNamesTheFieldAndTheLine(_ bad: Bad) {
        guard let error = mistake(Self.runFile(bad.lines)) else { return }
        #expect(error.file == "net.yaml")
        #expect(error.path == bad.path, "\(error)")
        #expect(error.line == bad.line, "\(error)")
        for part in bad.parts {
            #expect(error.message.contains(part), "message lacks \"\(part)\": \(error)")
        }
        #expect(!error.description.contains("\n"), "one line: \(error)")
        #expect(error.description == "net.yaml: \(bad.path): \(error.message) (line \(bad.line))")
    }

    @Test(arguments: bad)
    func eachMistakeStopsTheCommandWith65AndOneLine(_ bad: Bad) throws {
        let folder = try TemporaryFolder()
        try folder.write("net.yaml", Self.runFile(bad.lines))
        let outcome = try netframes(["record", "net.yaml", "--out", "trace.jsonl"], in: folder)
        // A run file's mistakes exit with 65, as every run-file mistake does (docs/run-file.md).
        #expect(outcome.status == 65, "\(outcome.stderr)")
        #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("error: net.yaml: \(bad.path): "), "\(outcome.stderr)")
        #expect(outcome.stderr.hasSuffix(" (line \(bad.line))\n"), "\(outcome.stderr)")
        for part in bad.parts {
            #expect(outcome.stderr.contains(part), "\(outcome.stderr)")
        }
        #expect(try fileNames(in: folder.path) == ["net.yaml"])
    }

    // MARK: Traces

    /// The header's `run.training` and the version, decoded.
    struct Header: Decodable {
        struct Run: Decodable {
            struct Network: Decodable { var seed: UInt64? }
            struct Training: Decodable {
                var optimizer: [String: OptimizerValue]?
                var batchSize: Int?
                var shuffle: Bool?
                var weightDecay: Double?
                var iterations: Int
            }
            var network: Network
            var training: Training
        }
        var version: Int
        var snapshotsPerStep: Int
        var run: Run
    }

    /// A value of the header's `optimizer` mapping: its kind, a number or a flag.
    enum OptimizerValue: Decodable, Equatable {
        case text(String), number(Double), flag(Bool)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .flag(b) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else { self = .text(try c.decode(String.self)) }
        }
    }

    func header(_ recording: Recording) throws -> Header {
        try JSONDecoder().decode(Header.self, from: Data(recording.header.utf8))
    }

    @Test func anAdamRunIsVersion2() throws {
        let folder = try TemporaryFolder()
        let run = try parsed("""
            name: adam
            network: {layers: [2, 3, 1], seed: 5}
            data: {builtin: xor}
            training: {optimizer: adam, batchSize: 2, learningRate: 0.05, iterations: 3}

            """)
        let recording = try record(run, to: folder.path + "/trace.jsonl")
        #expect(recording.error == nil)
        #expect(recording.header.hasPrefix("{\"format\":\"netframes-trace\",\"version\":2,"))
        let h = try header(recording)
        #expect(h.version == 2)
        #expect(TraceFormat.version(of: run) == 2)
        // B·(2·(layers − 1) + 1) + 1 = 2·5 + 1.
        #expect(h.snapshotsPerStep == 11)
        #expect(recording.snapshotLines.count == 3 * 11)
        #expect(h.run.training.optimizer == ["kind": .text("adam"), "beta1": .number(0.9), "beta2": .number(0.999),
                                             "epsilon": .number(1e-8), "decoupled": .flag(false)])
        #expect(h.run.training.batchSize == 2)
        #expect(h.run.training.shuffle == false)
        #expect(h.run.training.weightDecay == 0)
        #expect(h.run.network.seed == nil, "the seed is written only when it orders shuffled examples")

        // Per-example lines carry their place in the batch; the update carries the optimizer.
        for (i, line) in recording.snapshotLines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let offset = i % 11
            if offset == 10 {
                #expect(object["phase"] as? String == "update")
                #expect(object["batch"] == nil)
                let optimizer = try #require(object["optimizer"] as? [String: Any])
                #expect(optimizer["kind"] as? String == "adam")
                #expect(optimizer["step"] as? Int == i / 11 + 1)
                let state = try #require(optimizer["state"] as? [String: Any])
                #expect(Set(state.keys) == ["m", "v"])
                for entry in state.values {
                    let parts = try #require(entry as? [String: Any])
                    #expect(Set(parts.keys) == ["weights", "biases"])
                }
            } else {
                #expect(object["optimizer"] == nil)
                let batch = try #require(object["batch"] as? [String: Int])
                #expect(batch == ["position": offset / 5, "size": 2])
            }
        }
    }

    @Test func aPlainSGDRunIsVersion1AsBefore() throws {
        let folder = try TemporaryFolder()
        let run = try parsed(Self.runFile("  optimizer: sgd\n  batchSize: 1\n  shuffle: false\n  weightDecay: 0\n  iterations: 3"))
        let recording = try record(run, to: folder.path + "/trace.jsonl")
        let h = try header(recording)
        #expect(h.version == 1)
        #expect(h.snapshotsPerStep == 6)
        #expect(h.run.training.optimizer == nil)
        #expect(h.run.training.batchSize == nil)
        #expect(h.run.training.shuffle == nil)
        #expect(h.run.training.weightDecay == nil)
        #expect(!recording.header.contains("optimizer"))
        for line in recording.snapshotLines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(SnapshotLine.fieldNames))
        }
        // Written out or left out, plain SGD is the same trace.
        let leftOut = try record(try parsed(Self.runFile("  iterations: 3")), to: folder.path + "/left-out.jsonl")
        #expect(leftOut.lines == recording.lines)
    }

    @Test(arguments: ["  optimizer: momentum", "  optimizer: rmsprop", "  batchSize: 2", "  shuffle: true",
                      "  weightDecay: 0.01", "  optimizer: {kind: adam, decoupled: true}"])
    func anyOtherFeatureMakesVersion2(_ lines: String) throws {
        let folder = try TemporaryFolder()
        let run = try parsed(Self.runFile(lines + "\n  iterations: 2"))
        let recording = try record(run, to: folder.path + "/trace.jsonl")
        let h = try header(recording)
        #expect(h.version == 2)
        #expect(h.snapshotsPerStep == run.setup.batchSize * 5 + 1)
        #expect(h.run.training.optimizer?["kind"] == .text(run.setup.optimizer.kind.rawValue))
        #expect(h.run.training.batchSize == run.setup.batchSize)
        #expect(h.run.training.shuffle == run.setup.shuffle)
        #expect(h.run.training.weightDecay == run.setup.weightDecay)
        #expect(h.run.network.seed == (run.setup.shuffle ? 1 : nil))
    }

    /// Replays a version-2 header's run from a file and checks it is the same run.
    func replay(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try TemporaryFolder()
        let run = try parsed(text)
        let original = try record(run, to: folder.path + "/original.jsonl")
        #expect(try header(original).version == 2, sourceLocation: sourceLocation)
        let runJSON = try #require(runText(ofHeader: original.header), sourceLocation: sourceLocation)
        let replayPath = try folder.write("replay.json", runJSON)
        let replayRun = try RunFile.load(path: replayPath)
        #expect(replayRun.setup.optimizer == run.setup.optimizer, sourceLocation: sourceLocation)
        #expect(replayRun.setup.batchSize == run.setup.batchSize, sourceLocation: sourceLocation)
        #expect(replayRun.setup.shuffle == run.setup.shuffle, sourceLocation: sourceLocation)
        #expect(replayRun.setup.weightDecay == run.setup.weightDecay, sourceLocation: sourceLocation)
        #expect(replayRun.setup.learningRate == run.setup.learningRate, sourceLocation: sourceLocation)
        #expect(replayRun.setup.biasLearningRate == run.setup.biasLearningRate, sourceLocation: sourceLocation)
        #expect(replayRun.setup.trainBiases == run.setup.trainBiases, sourceLocation: sourceLocation)
        if run.setup.shuffle {
            #expect(replayRun.setup.shuffleSeed == run.setup.shuffleSeed, sourceLocation: sourceLocation)
        }
        #expect(replayRun.iterations == run.iterations, sourceLocation: sourceLocation)
        #expect(replayRun.initialParameters == run.initialParameters, sourceLocation: sourceLocation)
        #expect(replayRun.dataset == run.dataset, sourceLocation: sourceLocation)

        let replayed = try record(replayRun, to: folder.path + "/replay.jsonl")
        #expect(replayed.snapshotLines == original.snapshotLines, sourceLocation: sourceLocation)
        #expect(runText(ofHeader: replayed.header) == runJSON, sourceLocation: sourceLocation)

        // As a user replays it: `netframes record` on the saved header run.
        let outcome = try netframes(["record", "replay.json", "--out", "cli.jsonl"], in: folder)
        #expect(outcome.status == 0, "\(outcome.stderr)", sourceLocation: sourceLocation)
        let cli = try String(contentsOfFile: folder.file("cli.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(cli.dropFirst() == original.snapshotLines, sourceLocation: sourceLocation)
    }

    @Test func aVersion2HeaderReplaysWithTheSameOptimizerSettings() throws {
        try replay("""
            name: adamw
            network: {layers: [2, 3, 1], hidden: tanh, seed: 9}
            data: {builtin: xor}
            training:
              learningRate: 0.02
              biasLearningRate: 0.01
              batchSize: 3
              shuffle: true
              weightDecay: 0.05
              optimizer: {kind: adam, beta1: 0.8, beta2: 0.99, epsilon: 1.0e-6, decoupled: true}
              epochs: 5

            """)
        try replay("""
            name: nesterov
            network: {layers: [2, 2, 2], seed: 4}
            data: {builtin: circle, samples: 12}
            training:
              trainBiases: false
              batchSize: 4
              weightDecay: 0.001
              optimizer: {kind: momentum, momentum: 0.7, nesterov: true}
              iterations: 7

            """)
        try replay("""
            name: rmsprop
            network: {layers: [2, 2, 2], output: softmax}
            data: {builtin: gaussians, samples: 6}
            training: {optimizer: {kind: rmsprop, alpha: 0.9, epsilon: 0.001}, iterations: 4}

            """)
    }
}
