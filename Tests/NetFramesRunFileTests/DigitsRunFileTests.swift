import Foundation
import NetFramesEngine
import NetFramesRun
import NetFramesRunFile
import NetFramesTestSupport
import Testing

/// `data: {builtin: digits}` and examples/digits.yaml, as a user runs them.
@Suite("Digits run files")
struct DigitsRunFileTests {
    /// The share of the data set whose largest output is the one-hot target's digit.
    static func trainingAccuracy(_ run: Run, _ parameters: Parameters) -> Double {
        var evaluator = Evaluator(setup: run.setup)
        let data = run.dataset
        var output: [Double] = []
        var right = 0
        data.inputs.withUnsafeBufferPointer { inputs in
            for i in 0..<data.count {
                let input = UnsafeBufferPointer(rebasing: inputs[(i * data.inputCount)..<((i + 1) * data.inputCount)])
                evaluator.predict(input, parameters: parameters, into: &output)
                let predicted = output.indices.max { output[$0] < output[$1] }!
                let target = data.targets[(i * data.targetCount)..<((i + 1) * data.targetCount)]
                if target[target.startIndex + predicted] == 1 { right += 1 }
            }
        }
        return Double(right) / Double(data.count)
    }

    @Test("examples/digits.yaml: [64, 24, 10], tanh and softmax, at least 90% training accuracy within 10 epochs")
    func exampleLearnsTheDigits() throws {
        let run = try RunFile.load(path: examplePath("digits.yaml"))
        #expect(run.setup.shape.layers == [64, 24, 10])
        #expect(run.setup.hidden == .tanh && run.setup.output == .softmax)
        #expect(run.dataSource == .builtin(.digits, samples: 1797, seed: 1, noise: 0))
        #expect(run.dataset.count == 1797)
        // Within 10 epochs: no more updates than 10 passes over the 1,797 digits.
        #expect(run.iterations * run.setup.batchSize <= 10 * 1797 + run.setup.batchSize)
        let untrained = Self.trainingAccuracy(run, run.initialParameters)
        var discard = DiscardingSink()
        let trained = try run.train(steps: run.iterations, sampling: SamplingPolicy(every: run.iterations), into: &discard)
        let accuracy = Self.trainingAccuracy(run, trained)
        #expect(untrained < 0.3, "untrained accuracy \(untrained)")
        #expect(accuracy >= 0.90, "training accuracy \(accuracy)")
    }

    @Test("digits need a network of 64 inputs and 10 outputs, and take no samples, seed or noise")
    func mistakes() {
        expectMistake("network: {layers: [2, 3, 1]}\ndata: {builtin: digits}\n", path: "data.builtin", line: 2,
                      "'digits' has 64 inputs and 10 targets", "network.layers [2, 3, 1] has 2 inputs and 1 output")
        expectMistake("network: {layers: [64, 10]}\ndata: {builtin: digits, samples: 100}\n", path: "data.samples", line: 2,
                      "'digits' is always the 1,797 digits NetFrames ships", "samples applies to circle, gaussians, spiral and blobs")
        expectMistake("network: {layers: [64, 10], output: softmax}\ndata: {builtin: digits}\n", path: "data.builtin", line: 2,
                      "'digits' has 1797 examples; the limit is 1000", limits: {
                          var limits = Limits()
                          limits.maxExamples = 1000
                          return limits
                      }())
    }

    @Test("blobs: three classes taking turns, one-hot over 3, drawn from the seed")
    func blobs() throws {
        let run = try parsed("network: {layers: [2, 8, 3], output: softmax}\ndata: {builtin: blobs, samples: 30, seed: 2}\n")
        #expect(run.dataset.count == 30 && run.dataset.targetCount == 3)
        for (i, example) in run.dataset.examples.enumerated() {
            var target = [0.0, 0, 0]
            target[i % 3] = 1
            #expect(example.target == target)
        }
        // Each class's points gather around its own centre, a third of a turn from the others.
        for label in 0..<3 {
            let points = run.dataset.examples.enumerated().filter { $0.offset % 3 == label }.map(\.element.input)
            let mean = (points.map { $0[0] }.reduce(0, +) / 10, points.map { $0[1] }.reduce(0, +) / 10)
            let angle = Double.pi / 2 + 2 * Double.pi * Double(label) / 3
            #expect(hypot(mean.0 - 0.55 * cos(angle), mean.1 - 0.55 * sin(angle)) < 0.2, "class \(label): \(mean)")
        }
        #expect(try parsed("network: {layers: [2, 8, 3], output: softmax}\ndata: {builtin: blobs, samples: 30, seed: 3}\n")
            .dataset != run.dataset)
    }

    @Test("netframes finds the shipped digits from any folder, and says what is missing when copied without them")
    func commandFindsTheResource() throws {
        let folder = try TemporaryFolder("digits")
        defer { folder.remove() }
        // A copy of the run file in another folder, run from there: the data comes from
        // beside the program, not from the working directory.
        let runFile = try folder.write("d.yaml", Data(try String(contentsOfFile: examplePath("digits.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "epochs: 10", with: "iterations: 3").utf8))
        let ok = try netframes(["record", runFile, "--out", "t.jsonl"], in: folder)
        #expect(ok.status == 0, "\(ok.stderr)")
        let trace = try String(contentsOfFile: folder.file("t.jsonl"), encoding: .utf8)
        #expect(trace.contains("builtin digits"))
        // The program alone, without its resource bundle: exit 65 and the reason.
        let lone = folder.file("netframes")
        try FileManager.default.copyItem(atPath: try netframesExecutable(), toPath: lone)
        let missing = try runProcess(lone, ["record", runFile, "--out", "u.jsonl"], in: folder.path)
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("d.yaml: data.builtin: 'digits' cannot be read"), "\(missing.stderr)")
        #expect(missing.stderr.contains("NetFrames_NetFramesEngine.resources, which must stay beside the netframes program"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("u.jsonl")))
    }
}
