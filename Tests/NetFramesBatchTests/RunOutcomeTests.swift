import Foundation
import NetFramesBatch
import NetFramesEngine
import NetFramesRunFile
import Testing
import NetFramesFiles

/// A run's final loss and accuracy, worked by hand, and its outcome file read back.
@Suite struct RunOutcomeTests {
    func run(_ text: String) throws -> RunFile {
        try RunFile.parse(text, file: "net.yaml", directory: URL(fileURLWithPath: "/"))
    }

    @Test func sigmoidAccuracyComparesEachOutputWithOneHalf() throws {
        // z = x0 − x1: outputs σ(2), σ(−2), σ(0) = 0.5 (counted as 1), σ(−1).
        let run = try run("""
            network: {layers: [2, 1], output: sigmoid, weights: [[[1, -1]]], biases: [[0]]}
            training: {loss: mse}
            data:
              - {input: [2, 0], target: [1]}
              - {input: [0, 2], target: [0]}
              - {input: [1, 1], target: [1]}
              - {input: [0, 1], target: [1]}
            """)
        let (loss, accuracy) = RunOutcome.evaluate(run: run, finalParameters: run.initialParameters)
        func sigma(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        let squares = [pow(sigma(2) - 1, 2), pow(sigma(-2), 2), pow(0.5 - 1, 2), pow(sigma(-1) - 1, 2)]
        #expect(abs(loss - squares.reduce(0, +) / 2 / 4) < 1e-15)
        #expect(abs(loss - 0.101608165) < 1e-9)
        #expect(accuracy == 0.75)
    }

    @Test func softmaxAccuracyComparesTheLargest() throws {
        // z = (x0, x1, 0): the second example picks class 1 for a class-2 target; a tie picks the first.
        let run = try run("""
            network:
              layers: [2, 3]
              output: softmax
              weights: [[[1, 0], [0, 1], [0, 0]]]
              biases: [[0, 0, 0]]
            data:
              - {input: [2, 0], target: [1, 0, 0]}
              - {input: [0, 2], target: [0, 0, 1]}
              - {input: [0, 0], target: [1, 0, 0]}
              - {input: [-1, -1], target: [0, 0, 1]}
            """)
        let (loss, accuracy) = RunOutcome.evaluate(run: run, finalParameters: run.initialParameters)
        let e = exp(1.0)
        let crossEntropies = [log(e * e + 2) - 2, log(e * e + 2), log(3), log(2 / e + 1)]
        #expect(abs(loss - crossEntropies.reduce(0, +) / 4) < 1e-12)
        #expect(accuracy == 0.75)
    }

    @Test func linearOutputsHaveNoAccuracy() throws {
        let run = try run("""
            network: {layers: [1, 1], output: linear, weights: [[[2]]], biases: [[1]]}
            data: [{input: [1], target: [3]}, {input: [2], target: [4]}]
            """)
        let (loss, accuracy) = RunOutcome.evaluate(run: run, finalParameters: run.initialParameters)
        #expect(loss == (0 + 0.5) / 2)  // predictions 3 and 5
        #expect(accuracy == nil)
    }

    @Test func anOutcomeFromARunTakesItsSettings() throws {
        let runs = try RunFile.parseRuns("""
            name: grid
            network: {layers: [2, 2, 1], seed: 5}
            data: {builtin: xor}
            sweep: {training.learningRate: [0.25]}
            """, file: "grid.yaml", directory: URL(fileURLWithPath: "/"))
        let parameters = runs[0].run.initialParameters
        let outcome = RunOutcome(run: runs[0], runFile: "sweeps/grid.yaml", finalParameters: parameters, diverged: nil,
                                 frames: 12, files: ["grid-lr0.25/manifest.json"], thumbnail: nil)
        #expect(outcome.name == "grid-lr0.25")
        #expect(outcome.settings == [SweepSetting(key: "training.learningRate", value: "0.25")])
        #expect(outcome.layers == [2, 2, 1])
        #expect(outcome.hidden == "sigmoid" && outcome.output == "sigmoid" && outcome.loss == "mse")
        #expect(outcome.learningRate == 0.25 && outcome.iterations == 4 && outcome.seed == 5)
        let evaluated = RunOutcome.evaluate(run: runs[0].run, finalParameters: parameters)
        #expect(outcome.finalLoss == evaluated.loss)
        #expect(outcome.accuracy == evaluated.accuracy)

        // Parameters that went to infinity leave no loss to report.
        var broken = parameters
        broken.weights[0] = .infinity
        broken.weights[1] = -.infinity
        let diverged = RunOutcome(run: runs[0], runFile: "grid.yaml", finalParameters: broken,
                                  diverged: "training diverged at iteration 3", frames: 0, files: [], thumbnail: nil)
        #expect(diverged.finalLoss == nil)
        #expect(diverged.diverged == "training diverged at iteration 3")
    }

    // MARK: outcome.json

    @Test func jsonReadsBackExactly() throws {
        let awkward = sampleOutcome("lr\"quoted\"-ünï") {
            $0.learningRate = 0.1 + 0.2
            $0.finalLoss = 1e-300
            $0.accuracy = 2.0 / 3.0
            $0.seed = UInt64.max
            $0.runFile = "runs/a \\ b\n.yaml"
        }
        #expect(try RunOutcome(json: awkward.json, file: "o.json") == awkward)
        let sparse = sampleOutcome("broken") {
            $0.settings = []
            $0.seed = nil
            $0.finalLoss = nil
            $0.accuracy = nil
            $0.diverged = "training diverged at iteration 7: the loss is not a finite number"
            $0.files = []
            $0.thumbnail = nil
        }
        #expect(try RunOutcome(json: sparse.json, file: "o.json") == sparse)
    }

    @Test func jsonIsReadableText() {
        #expect(sampleOutcome("a").json == """
            {
              "format":"netframes-outcome",
              "version":1,
              "name":"a",
              "runFile":"examples/xor-sweep.yaml",
              "settings":[{"key":"training.learningRate", "value":"0.5"},{"key":"network.seed", "value":"2"}],
              "layers":[2,3,1],
              "hidden":"tanh",
              "output":"sigmoid",
              "loss":"crossEntropy",
              "learningRate":0.5,
              "iterations":4000,
              "seed":2,
              "finalLoss":0.0123,
              "accuracy":1.0,
              "diverged":null,
              "frames":18,
              "files":["a/frame_000001.png","a/manifest.json"],
              "thumbnail":"a/final.png"
            }

            """)
    }

    @Test func unreadableOutcomesNameTheFileAndTheField() {
        let good = sampleOutcome("a").json
        let cases: [(String, String)] = [
            ("not json at all", "is not valid JSON"),
            ("[1, 2]", "is not a JSON object; an outcome file is one object"),
            (good.replacingOccurrences(of: "netframes-outcome", with: "netframes-frames"),
             "is not a NetFrames run outcome (its format is \"netframes-frames\", expected \"netframes-outcome\")"),
            (good.replacingOccurrences(of: "\"version\":1", with: "\"version\":2"),
             "is version 2 of the outcome format, written by a newer NetFrames; this one reads version 1"),
            (good.replacingOccurrences(of: "\"frames\":18,", with: ""),
             "lacks \"frames\"; an outcome file has every field NetFrames writes"),
            (good.replacingOccurrences(of: "[2,3,1]", with: "[2,\"three\",1]"), "layers[1]: expected a whole number"),
        ]
        for (text, message) in cases {
            #expect(throws: NetFramesError(.badInput, path: "run/outcome.json", message: message)) {
                try RunOutcome(json: text, file: "run/outcome.json")
            }
        }
    }
}
