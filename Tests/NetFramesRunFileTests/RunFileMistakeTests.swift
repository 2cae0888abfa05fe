import Foundation
import NetFramesEngine
@testable import NetFramesRunFile
import Testing

/// One test per kind of mistake in the file's structure, the network and the training
/// section: each names the file, the field path, the line and what is allowed.
@Suite struct RunFileMistakeTests {
    let xorData = "data: {builtin: xor}\n"

    @Test func yamlSyntaxErrorGivesTheLine() {
        let text = """
            network:
              layers: [2, 2, 1]
            data: {builtin: xor
            training: {iterations: 3}

            """
        guard let error = mistake(text) else { return }
        #expect(error.path == "")
        #expect(error.description.hasPrefix("net.yaml: is not valid YAML or JSON: "))
        // The flow mapping opened on line 3 is still open when line 4 starts a new key.
        #expect(error.message.contains("(line 4, column"), "\(error)")

        // Cut short: the problem is at the end, which libyaml puts on a line that is not there.
        for ending in ["\n", "\r\n"] {
            guard let cut = mistake("data: {builtin: xor}\(ending)network:\(ending)  layers: [2, 2\(ending)") else { continue }
            #expect(cut.message.hasSuffix("(at the end of the file, line 3)"), "\(cut)")
        }
    }

    @Test func emptyFile() {
        for text in ["", "\n\n", "# only a comment\n"] {
            guard let error = mistake(text) else { continue }
            #expect(error.description == "net.yaml: is empty; a run file needs at least `network:` and `data:`")
        }
    }

    @Test func topLevelNotAMapping() {
        expectMistake("- 1\n- 2\n", path: "", line: 1,
                      "expected a mapping with keys name, network, training, sampling, data, render, animation, sweep", "found a list of 2")
        expectMistake("just some words\n", path: "", line: 1, "expected a mapping", "found 'just some words'")
    }

    @Test func unknownTopLevelKeySuggestsTheRightOne() {
        let text = "network: {layers: [2, 1]}\ntrainng: {iterations: 3}\n" + xorData
        guard let error = mistake(text) else { return }
        #expect(error.description == "net.yaml: trainng: unknown key 'trainng' (did you mean 'training'?); "
            + "allowed here: name, network, training, sampling, data, render, animation, sweep (line 2)")
    }

    @Test func unknownNestedKey() {
        let text = "network:\n  layer: [2, 1]\n" + xorData
        expectMistake(text, path: "network.layer", line: 2,
                      "unknown key 'layer' (did you mean 'layers'?)",
                      "allowed here: layers, hidden, output, weights, biases, seed, init")
        // Far from every allowed word: no guess, still the list.
        expectMistake("network: {layers: [2, 1], colour: red}\n" + xorData, path: "network.colour", line: 1,
                      "unknown key 'colour'; allowed here: layers")
        // A key pasted by mistake is cut short in the message, path included.
        let pasted = String(repeating: "x", count: 1_000)
        guard let error = mistake("network: {layers: [2, 1]}\n\(pasted): 1\n" + xorData) else { return }
        #expect(error.description.count < 300)
        #expect(error.path == String(repeating: "x", count: 57) + "…")
    }

    @Test func missingSections() {
        guard let noNetwork = mistake(xorData), let noData = mistake("network: {layers: [2, 1]}\n"),
              let noLayers = mistake("network: {hidden: tanh}\n" + xorData) else { return }
        #expect(noNetwork.description == "net.yaml: network: is missing; say at least `network: {layers: [2, 2, 1]}`")
        #expect(noData.description == "net.yaml: data: is missing; give examples, `{csv: FILE}` or `{builtin: xor}`")
        #expect(noLayers.description == "net.yaml: network: needs `layers`, the neurons per layer from input to output, "
            + "e.g. [2, 3, 1] (line 1)")
    }

    @Test func oneLayerIsNotANetwork() {
        expectMistake("network: {layers: [2]}\n" + xorData, path: "network.layers", line: 1,
                      "needs at least 2 layers (input and output), found 1")
    }

    @Test(arguments: [
        ("0", "must be a whole number of neurons, at least 1, found 0"),
        ("-3", "must be a whole number of neurons, at least 1, found -3"),
        ("2.5", "expected a whole number of neurons, at least 1, found '2.5'"),
        ("two", "expected a whole number of neurons, at least 1, found 'two'"),
        ("\"two\"", "expected a whole number of neurons, at least 1, found the text \"two\""),
        ("\"2\"", "expected a whole number of neurons, at least 1, found the text \"2\"; write it without quotes"),
        ("[3]", "expected a whole number of neurons, at least 1, found a list of 1"),
    ])
    func badLayerSize(written: String, message: String) {
        let text = "network:\n  layers: [2, \(written), 1]\n" + xorData
        guard let error = mistake(text) else { return }
        #expect(error.description == "net.yaml: network.layers[1]: \(message) (line 2)")
    }

    @Test func softmaxIsNotAHiddenActivation() {
        expectMistake("network: {layers: [2, 2, 1], hidden: softmax}\n" + xorData, path: "network.hidden", line: 1,
                      "expected one of sigmoid, tanh, relu, found 'softmax'; softmax is for the output layer only")
        expectMistake("network: {layers: [2, 2, 1], hidden: Tanh}\n" + xorData, path: "network.hidden", line: 1,
                      "expected one of sigmoid, tanh, relu, found 'Tanh' (did you mean 'tanh'?)")
    }

    @Test func reluIsNotAnOutputActivation() {
        expectMistake("network: {layers: [2, 2, 1], output: relu}\n" + xorData, path: "network.output", line: 1,
                      "expected one of sigmoid, softmax, linear, found 'relu'; relu is for hidden layers only")
        expectMistake("network: {layers: [2, 2, 1], output: sigmod}\n" + xorData, path: "network.output", line: 1,
                      "found 'sigmod' (did you mean 'sigmoid'?)")
    }

    @Test func crossEntropyNeedsSigmoidOrSoftmax() {
        let text = "network: {layers: [2, 2, 1], output: linear}\ntraining:\n  loss: crossEntropy\n" + xorData
        guard let error = mistake(text) else { return }
        #expect(error.description == "net.yaml: training.loss: crossEntropy needs a sigmoid or softmax output "
            + "(network.output is linear); use mse (line 3)")
    }

    @Test(arguments: [
        ("0", "must be a number above 0 and at most 1000000 (e.g. 0.5), found 0"),
        ("-1", "must be a number above 0 and at most 1000000 (e.g. 0.5), found -1"),
        ("1e7", "must be a number above 0 and at most 1000000 (e.g. 0.5), found 1e7"),
        (".nan", "expected a finite number, found .nan"),
        (".inf", "expected a finite number, found .inf"),
        ("-.inf", "expected a finite number, found -.inf"),
        ("\"0.5\"", "expected a number, found the text \"0.5\"; write it without quotes"),
        ("fast", "expected a number, found 'fast'"),
        ("~", "expected a number, found nothing (null)"),
    ])
    func badLearningRate(written: String, message: String) {
        let text = "network: {layers: [2, 2, 1]}\ntraining:\n  learningRate: \(written)\n" + xorData
        guard let error = mistake(text) else { return }
        #expect(error.description == "net.yaml: training.learningRate: \(message) (line 3)")
    }

    // MARK: weights and biases

    /// A [2, 2, 2] network with `weights` (and `biases`, if given) as written.
    func network(weights: String, biases: String? = nil) -> String {
        """
        network:
          layers: [2, 2, 2]
          weights: \(weights)
        \(biases.map { "  biases: \($0)\n" } ?? "")data: [{input: [1, 2], target: [0, 1]}]

        """
    }

    @Test func wrongNumberOfWeightMatrices() {
        expectMistake(network(weights: "[[[1, 2], [3, 4]]]"), path: "network.weights", line: 3,
                      "expected 2 weight matrices (one between each pair of layers of [2, 2, 2]), found 1")
    }

    @Test func wrongNumberOfWeightRows() {
        expectMistake(network(weights: "[[[1, 2], [3, 4]], [[1, 2]]]"), path: "network.weights[1]", line: 3,
                      "expected 2 rows, one per neuron of layer 2 (2 neurons), found 1")
    }

    @Test func wrongNumberOfWeightColumns() {
        // The example of the issue that asked for these messages.
        guard let error = mistake(network(weights: "[[[1, 2], [3, 4]], [[1, 2, 3], [3, 4]]]")) else { return }
        #expect(error.description == "net.yaml: network.weights[1][0]: expected 2 numbers "
            + "(weights[1] connects layer 1's 2 neurons to layer 2), found 3 (line 3)")
    }

    @Test func nonNumberInsideWeights() {
        expectMistake(network(weights: "[[[1, 2], [3, 4]], [[1, 2], [3, x]]]"), path: "network.weights[1][1][1]",
                      line: 3, "expected a number, found 'x'")
        // In block style the line is the value's own.
        let text = """
            network:
              layers: [2, 2, 2]
              weights:
                - [[1, 2], [3, 4]]
                - - [1, 2]
                  - [3, .nan]
            data: [{input: [1, 2], target: [0, 1]}]

            """
        expectMistake(text, path: "network.weights[1][1][1]", line: 6, "expected a finite number, found .nan")
    }

    @Test func biasesOfTheWrongLength() {
        let weights = "[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]"
        expectMistake(network(weights: weights, biases: "[[1, 2], [3]]"), path: "network.biases[1]", line: 4,
                      "expected 2 numbers (layer 2 has 2 neurons), found 1")
        expectMistake(network(weights: weights, biases: "[[1, 2]]"), path: "network.biases", line: 4,
                      "expected 2 lists of biases (one per layer after the input of [2, 2, 2]), found 1")
    }

    // MARK: training and sampling

    @Test func iterationsAndEpochsTogether() {
        expectMistake("network: {layers: [2, 2, 1]}\ntraining: {iterations: 5, epochs: 2}\n" + xorData,
                      path: "training.epochs", line: 2, "give either iterations or epochs, not both")
    }

    @Test func zeroIterations() {
        expectMistake("network: {layers: [2, 2, 1]}\ntraining: {iterations: 0}\n" + xorData,
                      path: "training.iterations", line: 2, "must be a whole number of steps from 1 to 100000000", "found 0")
    }

    @Test func tooManyEpochsNamesTheLimit() {
        expectMistake("network: {layers: [2, 2, 1]}\ntraining: {epochs: 99999999999}\n" + xorData,
                      path: "training.epochs", line: 2,
                      "makes 99999999999 × 4 steps; the limit is 100000000 (raise it with --allow-large)")
    }

    @Test func samplingEveryZero() {
        expectMistake("network: {layers: [2, 2, 1]}\nsampling: {every: 0}\n" + xorData,
                      path: "sampling.every", line: 2, "must be a whole number of steps, at least 1, found 0")
        expectMistake("network: {layers: [2, 2, 1]}\nsampling: {evry: 10}\n" + xorData,
                      path: "sampling.evry", line: 2, "did you mean 'every'?")
    }

    @Test func renderSettings() {
        let base = "network: {layers: [2, 1]}\n" + xorData
        expectMistake(base + "render: {widht: 800}\n", path: "render.widht", line: 3,
                      "unknown key 'widht' (did you mean 'width'?)")
        expectMistake(base + "render: {width: 10}\n", path: "render.width", line: 3,
                      "must be a whole number of pixels from 16 to 16384, found 10")
        expectMistake(base + "render: {theme: midnight}\n", path: "render.theme", line: 3,
                      "expected one of light, dark, transparent, projector, found 'midnight'")
        expectMistake(base + "render: {theme: projektor}\n", path: "render.theme", line: 3, "(did you mean 'projector'?)")
    }

    @Test func signStyle() {
        let base = "network: {layers: [2, 1]}\n" + xorData
        expectMistake(base + "render: {signStyle: dotted}\n", path: "render.signStyle", line: 3,
                      "expected one of solid, dashed, found 'dotted'")
        expectMistake(base + "render:\n  theme: projector\n  signStyle: dash\n", path: "render.signStyle", line: 5,
                      "expected one of solid, dashed, found 'dash' (did you mean 'dashed'?)")
        expectMistake(base + "render: {signStyle: [dashed]}\n", path: "render.signStyle", line: 3,
                      "expected one of solid, dashed, found a list of 1")
        expectMistake(base + "render: {signstyle: dashed}\n", path: "render.signstyle", line: 3,
                      "unknown key 'signstyle' (did you mean 'signStyle'?)")
    }

    @Test func nameWithASlash() {
        expectMistake("name: runs/first\nnetwork: {layers: [2, 1]}\n" + xorData, path: "name", line: 1,
                      "must be a folder name of at most 100 letters, digits, '-', '_', '.' or '+', found \"runs/first\"")
        expectMistake("name: ..\nnetwork: {layers: [2, 1]}\n" + xorData, path: "name", line: 1, "must be a folder name")
    }
}
