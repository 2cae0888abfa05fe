import Foundation
import NetFramesEngine
@testable import NetFramesRunFile
import NetFramesTestSupport
import Testing
import NetFramesRun

/// `sweep:` expands a run file into one run per combination of the swept values, each
/// named, ordered and checked like a hand-written run file.
@Suite struct SweepTests {
    let base = """
        name: net
        network: {layers: [2, 3, 1], seed: 7}
        data: {builtin: xor}

        """

    func runs(_ text: String, file: String = "net.yaml", limits: Limits = Limits(),
              sourceLocation: SourceLocation = #_sourceLocation) throws -> [SweepRun] {
        do {
            return try RunFile.parseRuns(text, file: file, directory: noFolder, limits: limits)
        } catch {
            Issue.record("expected \(file) to expand, got: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The mistake `parseRuns` reports for `text`.
    func sweepMistake(_ text: String, limits: Limits = Limits(),
                      sourceLocation: SourceLocation = #_sourceLocation) -> RunFileError? {
        do {
            _ = try RunFile.parseRuns(text, file: "net.yaml", directory: noFolder, limits: limits)
            Issue.record("expected a RunFileError, but the sweep was accepted", sourceLocation: sourceLocation)
        } catch let error as RunFileError {
            return error
        } catch {
            Issue.record("expected a RunFileError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    // MARK: The example

    @Test func exampleExpandsIntoNineRunsFirstKeySlowest() throws {
        let runs = try RunFile.loadRuns(path: examplePath("xor-sweep.yaml"))
        #expect(runs.map(\.name) == [
            "xor-sweep-lr0.1-seed1", "xor-sweep-lr0.1-seed2", "xor-sweep-lr0.1-seed3",
            "xor-sweep-lr0.5-seed1", "xor-sweep-lr0.5-seed2", "xor-sweep-lr0.5-seed3",
            "xor-sweep-lr2.0-seed1", "xor-sweep-lr2.0-seed2", "xor-sweep-lr2.0-seed3",
        ])
        #expect(runs.map(\.run.name) == runs.map(\.name))
        #expect(runs[5].settings == [SweepSetting(key: "training.learningRate", value: "0.5"),
                                     SweepSetting(key: "network.seed", value: "3")])
        // The swept values are the ones trained with…
        #expect(runs.map(\.run.setup.learningRate) == [0.1, 0.1, 0.1, 0.5, 0.5, 0.5, 2, 2, 2])
        #expect(runs.map(\.run.setup.biasLearningRate) == [0.1, 0.1, 0.1, 0.5, 0.5, 0.5, 2, 2, 2])
        #expect(runs.map(\.run.initialization.seed) == [1, 2, 3, 1, 2, 3, 1, 2, 3])
        // …the seed draws the starting weights…
        let shape = NetworkShape(layers: [2, 3, 1])
        for run in runs {
            let seed = try #require(run.run.initialization.seed)
            #expect(run.run.initialParameters == Parameters.random(shape: shape, scheme: .xavier, seed: seed))
        }
        #expect(runs[0].run.initialParameters != runs[1].run.initialParameters)
        #expect(runs[0].run.initialParameters == runs[3].run.initialParameters)
        // …and everything else is the file's.
        for run in runs {
            #expect(run.run.iterations == 4000)
            #expect(run.run.setup.hidden == .tanh)
            #expect(run.run.setup.loss == .crossEntropy)
            #expect(run.run.dataset.count == 4)
        }
    }

    @Test func aFileWithoutASweepIsOneRun() throws {
        let runs = try self.runs(base + "training: {learningRate: 0.25}\n")
        #expect(runs.count == 1)
        #expect(runs[0].name == "net")
        #expect(runs[0].settings.isEmpty)
        #expect(runs[0].run.setup.learningRate == 0.25)
    }

    @Test func loadingOneRunFromASweepPointsToBatch() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("grid.yaml", base + "sweep:\n  training.learningRate: [0.1, 0.5]\n")
        #expect(throws: RunFileError(file: path, path: "sweep",
                                     message: "makes this file describe several runs, one per combination of the swept "
                                         + "values; render them all with `netframes batch \(path)`, or remove `sweep:` "
                                         + "for a single run", line: 4)) {
            try RunFile.load(path: path)
        }
        #expect(try RunFile.loadRuns(path: path).map(\.name) == ["net-lr0.1", "net-lr0.5"])
    }

    @Test func jsonRunFilesSweepToo() throws {
        let text = """
            {"network": {"layers": [2, 2, 1]}, "data": {"builtin": "and"},
             "sweep": {"training.iterations": [10, 20], "network.hidden": ["tanh", "relu"]}}
            """
        let runs = try self.runs(text, file: "dir/and.json")
        #expect(runs.map(\.name) == ["and-it10-hidden-tanh", "and-it10-hidden-relu",
                                     "and-it20-hidden-tanh", "and-it20-hidden-relu"])
        #expect(runs.map(\.run.iterations) == [10, 10, 20, 20])
        #expect(runs.map(\.run.setup.hidden) == [.tanh, .relu, .tanh, .relu])
    }

    // MARK: Names and values

    @Test func labelsForListsChoicesAndPlainFields() throws {
        let text = base + """
            sweep:
              network.layers: [[2, 3, 1], [2, 8, 8, 1]]
              network.output: [sigmoid]
              sampling.every: [5]
              render.fontSize: [11.5]

            """
        let runs = try self.runs(text)
        #expect(runs.map(\.name) == ["net-layers2x3x1-out-sigmoid-every5-fontSize11.5",
                                     "net-layers2x8x8x1-out-sigmoid-every5-fontSize11.5"])
        #expect(runs[1].run.setup.shape.layers == [2, 8, 8, 1])
        #expect(runs[1].settings[0] == SweepSetting(key: "network.layers", value: "[2, 8, 8, 1]"))
        #expect(runs[0].run.sampling.every == 5)
        // render: was absent: the sweep made it.
        #expect(runs[0].run.render.fontSize == 11.5)
    }

    @Test func valuesTooLongForANameAreNumbered() throws {
        let text = """
            name: hand
            network: {layers: [2, 1]}
            data: {builtin: and}
            sweep:
              network.weights: [[[[0.125, -0.25]]], [[[0.5, 0.75]]]]
              data.builtin: [or]

            """
        let runs = try self.runs(text)
        #expect(runs.map(\.name) == ["hand-weights1-or", "hand-weights2-or"])
        #expect(runs[1].run.initialParameters.weights == [0.5, 0.75])
        #expect(runs[1].settings[0].value == "[[[0.5, 0.75]]]")
    }

    @Test func repeatedValuesGetDistinctNames() throws {
        let runs = try self.runs(base + "sweep:\n  training.learningRate: [0.5, 0.5, 1, 0.5]\n")
        #expect(runs.map(\.name) == ["net-lr0.5", "net-lr0.5-2", "net-lr1", "net-lr0.5-3"])
        // Names that differ only in case are one folder on some systems; a name taken later stays its own.
        #expect(SweepNaming.unique(["a", "A", "a-2", "b"]) == ["a", "A-3", "a-2", "b"])
    }

    @Test func namesStayShortEnoughForAFolder() throws {
        let long = String(repeating: "w", count: 100)
        let name = SweepNaming.name(base: long, labels: [String(repeating: "x", count: 80), String(repeating: "y", count: 80)],
                                    index: 41)
        #expect(name.utf8.count <= 200)
        #expect(name.hasSuffix("-42"))
        #expect(SweepNaming.label(key: "data.noise", value: "a b/c", index: 0) == "noise-a-b-c")
    }

    // MARK: Mistakes

    @Test func aBadSweptValueNamesTheSweepEntry() {
        let text = base + """
            training:
              learningRate: 0.5
            sweep:
              network.seed: [1, 2]
              training.learningRate: [0.1, 0.5, -1]

            """
        guard let error = sweepMistake(text) else { return }
        #expect(error.description == "net.yaml: sweep.training.learningRate[2]: must be a number above 0 and at most "
            + "1000000 (e.g. 0.5), found -1 (line 8)")
    }

    @Test func aBadValueInsideASweptListNamesItsPlace() {
        guard let error = sweepMistake(base + "sweep:\n  network.layers:\n    - [2, 3, 1]\n    - [2, many, 1]\n") else { return }
        #expect(error.path == "sweep.network.layers[1][1]")
        #expect(error.line == 7)
        #expect(error.message.contains("found 'many'"), "\(error)")
    }

    @Test func unknownFieldsGetSuggestions() {
        guard let field = sweepMistake(base + "sweep:\n  training.learningRat: [0.1, 0.5]\n") else { return }
        #expect(field.path == "sweep.training.learningRat")
        #expect(field.line == 5)
        #expect(field.message.hasPrefix("unknown key 'learningRat' (did you mean 'learningRate'?); allowed here: loss, learningRate"),
                "\(field)")

        guard let section = sweepMistake(base + "sweep:\n  trainng.learningRate: [0.1]\n") else { return }
        #expect(section.path == "sweep.trainng.learningRate")
        #expect(section.line == 5)
        #expect(section.message.hasPrefix("unknown key 'trainng' (did you mean 'training'?)"), "\(section)")
    }

    @Test func pathsThroughValuesAndIntoListsAreRefused() {
        guard let through = sweepMistake(base + "sweep:\n  network.layers.first: [1]\n") else { return }
        #expect(through.description == "net.yaml: sweep.network.layers.first: network.layers is a list of 3 in this "
            + "file, not a section with fields; sweep network.layers as a whole (line 5)")

        guard let element = sweepMistake(base + "sweep:\n  network.layers[1]: [3, 4]\n") else { return }
        #expect(element.path == "sweep.network.layers[1]")
        #expect(element.message.hasPrefix("list elements cannot be swept one at a time"), "\(element)")

        guard let empty = sweepMistake(base + "sweep:\n  training..learningRate: [1]\n") else { return }
        #expect(empty.message.hasPrefix("is not a field path"), "\(empty)")
    }

    @Test func theSweepItselfMustBeMappingOfLists() {
        let cases: [(String, String, Int?, String)] = [
            ("sweep: [0.1, 0.5]\n", "sweep", 4, "expected a mapping from field paths to lists of values to try"),
            ("sweep: {}\n", "sweep", 4, "has no fields"),
            ("sweep:\n  training.learningRate: 0.5\n", "sweep.training.learningRate", 5,
             "expected a list of values to try, e.g. [0.1, 0.5, 2.0], found '0.5'"),
            ("sweep:\n  training.learningRate: []\n", "sweep.training.learningRate", 5, "is an empty list"),
            ("sweep:\n  name: [a, b]\n", "sweep.name", 5, "cannot be swept"),
            ("sweep:\n  network: [{layers: [2, 1]}]\n  network.seed: [1]\n", "sweep.network.seed", 6,
             "overlaps sweep.network"),
        ]
        for (tail, path, line, part) in cases {
            guard let error = sweepMistake(base + tail) else { continue }
            #expect(error.file == "net.yaml")
            #expect(error.path == path, "\(error)")
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(part), "\(error)")
        }
    }

    @Test func aMistakeElsewhereNamesTheRunItHappenedIn() {
        let text = base + "training: {loss: crossEntropy}\nsweep:\n  network.output: [sigmoid, linear]\n"
        guard let error = sweepMistake(text) else { return }
        #expect(error.path == "training.loss")
        #expect(error.line == 4)
        #expect(error.message.hasSuffix("(in the sweep's run net-out-linear)"), "\(error)")
    }

    @Test func theNumberOfRunsIsLimited() throws {
        let values = "[" + (1...20).map(String.init).joined(separator: ", ") + "]"
        let text = base + "sweep:\n  training.learningRate: [0.1, 0.5, 2]\n  network.seed: \(values)\n  data.samples: \(values)\n"
        guard let error = sweepMistake(text) else { return }
        #expect(error.description == "net.yaml: sweep: makes 1200 runs (3 × 20 × 20); the limit is 1000 runs "
            + "(raise it with --allow-large) (line 4)")

        var small = Limits()
        small.maxSweepRuns = 8
        let grid = base + "sweep:\n  training.learningRate: [0.1, 0.5, 2]\n  network.seed: [1, 2, 3]\n"
        #expect(sweepMistake(grid, limits: small)?.message.hasPrefix("makes 9 runs (3 × 3); the limit is 8 runs") == true)
        #expect(try runs(grid, limits: .unlimited).count == 9)
    }

    @Test func csvDataIsReadForEachShapeItServes() throws {
        let folder = try TemporaryFolder()
        try folder.write("points.csv", "x,y,class\n0,0,0\n0,1,1\n1,0,1\n")
        let path = try folder.write("grid.yaml", """
            network: {layers: [2, 3, 1]}
            data: {csv: points.csv}
            sweep:
              network.seed: [1, 2]
              network.layers: [[2, 3, 1], [2, 3, 2]]

            """)
        do {
            _ = try RunFile.loadRuns(path: path)
            Issue.record("a CSV of 3 columns was accepted for a [2, 3, 2] network")
        } catch let error as RunFileError {
            // The CSV is read again for the second shape, and fails there, naming the run.
            #expect(error.file == folder.path + "/points.csv")
            #expect(error.path == "line 2")
            #expect(error.message.hasSuffix("found 3 (in the sweep's run grid-seed1-layers2x3x2)"), "\(error)")
        }
        let one = try folder.write("one.yaml", """
            network: {layers: [2, 3, 1]}
            data: {csv: points.csv}
            sweep: {network.seed: [1, 2]}

            """)
        let runs = try RunFile.loadRuns(path: one)
        #expect(runs.map(\.run.dataset.count) == [3, 3])
        #expect(runs[1].run.dataset.targets == [0, 1, 1])
    }
}
