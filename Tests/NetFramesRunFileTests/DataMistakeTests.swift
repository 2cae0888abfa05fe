import Foundation
import NetFramesEngine
import NetFramesRunFile
import Testing

/// Mistakes in `data:` written in the run file or naming a built-in set.
@Suite struct DataMistakeTests {
    let network = "network: {layers: [2, 2, 1]}\n"

    @Test func emptyList() {
        guard let error = mistake(network + "data: []\n") else { return }
        #expect(error.description
            == "net.yaml: data: has no examples; give at least one {input: […], target: […]} (line 2)")
    }

    @Test func inputOfTheWrongLength() {
        let text = network + """
            data:
              - {input: [0, 0], target: [0]}
              - {input: [0, 1], target: [1]}
              - {input: [1, 0, 1], target: [1]}

            """
        guard let error = mistake(text) else { return }
        #expect(error.description == "net.yaml: data[2].input: expected 2 numbers (network.layers[0] is 2), found 3 (line 5)")
    }

    @Test func targetOfTheWrongLength() {
        expectMistake(network + "data: [{input: [0, 1], target: [0, 1]}]\n", path: "data[0].target", line: 2,
                      "expected 1 number (the output layer has 1 neuron), found 2")
    }

    @Test func missingTarget() {
        guard let error = mistake(network + "data:\n  - {input: [0, 1]}\n") else { return }
        #expect(error.description == "net.yaml: data[0]: needs `target`, a list of 1 number (line 3)")
        expectMistake("network: {layers: [2, 3]}\ndata: [{target: [0, 1, 0]}]\n", path: "data[0]", line: 2,
                      "needs `input`, a list of 2 numbers")
    }

    @Test func notANumberInTheInput() {
        expectMistake(network + "data: [{input: [.nan, 1], target: [0]}]\n", path: "data[0].input[0]", line: 2,
                      "expected a finite number, found .nan")
        expectMistake(network + "data: [{input: [1, .Inf], target: [0]}]\n", path: "data[0].input[1]", line: 2,
                      "expected a finite number, found .Inf")
        expectMistake(network + "data: [{input: [1, 1e999], target: [0]}]\n", path: "data[0].input[1]", line: 2,
                      "expected a finite number, found 1e999")
    }

    @Test func unknownKeyInAnExample() {
        expectMistake(network + "data: [{input: [0, 1], taget: [1]}]\n", path: "data[0].taget", line: 2,
                      "unknown key 'taget' (did you mean 'target'?); allowed here: input, target")
    }

    @Test func dataOfTheWrongKind() {
        expectMistake(network + "data: xor\n", path: "data", line: 2,
                      "expected a list of examples, {csv: FILE} or {builtin: NAME}, found 'xor'")
        expectMistake(network + "data: {}\n", path: "data", line: 2,
                      "needs `csv: FILE` or `builtin: NAME` (one of xor, and, or, circle, gaussians, spiral, blobs, digits)")
        expectMistake(network + "data: {csv: a.csv, builtin: xor}\n", path: "data.builtin", line: 2,
                      "give either csv or builtin, not both")
    }

    @Test func unknownBuiltinSuggestsTheRightOne() {
        guard let error = mistake(network + "data: {builtin: xr}\n") else { return }
        #expect(error.description == "net.yaml: data.builtin: expected one of xor, and, or, circle, gaussians, spiral, blobs, digits, "
            + "found 'xr' (did you mean 'xor'?) (line 2)")
        expectMistake(network + "data: {builtin: spirals}\n", path: "data.builtin", line: 2, "(did you mean 'spiral'?)")
    }

    @Test func builtinThatDoesNotFitTheNetwork() {
        guard let error = mistake("network: {layers: [2, 2, 2]}\ndata: {builtin: xor}\n") else { return }
        #expect(error.description == "net.yaml: data.builtin: 'xor' has 2 inputs and 1 target, "
            + "but network.layers [2, 2, 2] has 2 inputs and 2 outputs (line 2)")
        expectMistake("network: {layers: [3, 2]}\ndata: {builtin: circle}\n", path: "data.builtin", line: 2,
                      "'circle' has 2 inputs and 2 targets", "[3, 2] has 3 inputs and 2 outputs")
    }

    @Test func samplesOnALogicGate() {
        expectMistake(network + "data: {builtin: xor, samples: 100}\n", path: "data.samples", line: 2,
                      "'xor' is always its four corners; samples applies to circle, gaussians, spiral and blobs")
        expectMistake(network + "data: {builtin: and, noise: 0.1}\n", path: "data.noise", line: 2,
                      "'and' is always its four corners; noise applies")
    }

    @Test func badSettingsOfAGeneratedSet() {
        let net = "network: {layers: [2, 2]}\n"
        expectMistake(net + "data: {builtin: circle, samples: 1}\n", path: "data.samples", line: 2,
                      "must be a whole number from 2 to 1000000, found 1")
        expectMistake(net + "data: {builtin: circle, noise: -0.5}\n", path: "data.noise", line: 2,
                      "must be a number from 0 to 10, found -0.5")
        expectMistake(net + "data: {builtin: circle, seed: -1}\n", path: "data.seed", line: 2,
                      "expected a seed (a whole number from 0 to 18446744073709551615), found '-1'")
    }
}
