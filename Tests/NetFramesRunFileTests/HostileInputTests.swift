import Foundation
import NetFramesEngine
import NetFramesRunFile
import NetFramesTestSupport
import Testing

/// Input that is not a run file at all, or is one made to hurt: each ends in one clear
/// message, quickly, and never in a crash.
@Suite struct HostileInputTests {
    @Test func duplicateKeysNameTheFieldAndBothLines() {
        let topLevel = """
            network: {layers: [2, 1]}
            data: {builtin: xor}
            network: {layers: [2, 3, 1]}

            """
        guard let error = mistake(topLevel) else { return }
        #expect(error.description == "net.yaml: network: is given twice (first on line 1); each key may appear once (line 3)")

        let nested = """
            network:
              layers: [2, 1]
              hidden: tanh
              layers: [2, 2, 1]
            data: {builtin: xor}

            """
        expectMistake(nested, path: "network.layers", line: 4, "is given twice (first on line 2)")
        expectMistake("network: {layers: [2, 1]}\ndata: [{input: [0, 1], target: [1], input: [1, 1]}]\n",
                      path: "data[0].input", line: 2, "is given twice (first on line 2)")
    }

    @Test func jsonWithTheSameMistakesAsYAML() {
        let typo = #"{"network": {"layers": [2, 2, 1]}, "trainng": {"iterations": 3}, "data": {"builtin": "xor"}}"#
        expectMistake(typo, file: "net.json", path: "trainng", line: 1, "unknown key 'trainng' (did you mean 'training'?)")

        let columns = """
            {
              "network": {
                "layers": [2, 2, 2],
                "weights": [[[1, 2], [3, 4]], [[1, 2, 3], [3, 4]]]
              },
              "data": [{"input": [1, 2], "target": [0, 1]}]
            }
            """
        guard let error = mistake(columns, file: "net.json") else { return }
        #expect(error.description == "net.json: network.weights[1][0]: expected 2 numbers "
            + "(weights[1] connects layer 1's 2 neurons to layer 2), found 3 (line 4)")

        expectMistake(#"{"network": {"layers": [2, 1]}, "data": [{"input": [0, 1], "target": [1]}"#, file: "net.json",
                      path: "", line: nil, "is not valid YAML or JSON", "(at the end of the file, line 1)")
        expectMistake(#"{"network": {"layers": [2, "1"]}, "data": {"builtin": "xor"}}"#, file: "net.json",
                      path: "network.layers[1]", line: 1, "found the text \"1\"; write it without quotes")
    }

    @Test func invalidUTF8() throws {
        let folder = try TemporaryFolder()
        var bytes = Data("network: {layers: [2, 1]}\ndata: {builtin: xor}\nname: caf".utf8)
        bytes.append(contentsOf: [0xE9, 0x0A])  // Latin-1 é
        let path = try folder.write("latin1.yaml", bytes)
        #expect(throws: RunFileError(file: path, path: "", message: "is not UTF-8 text; a run file is YAML or JSON")) {
            try RunFile.load(path: path)
        }
    }

    @Test func binaryJunk() throws {
        let folder = try TemporaryFolder()
        var generator = SplitMix64(seed: 42)
        let junk = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        let path = try folder.write("junk.bin", junk)
        #expect(throws: RunFileError.self) { try RunFile.load(path: path) }

        // An executable's first bytes: valid UTF-8, but with NUL bytes.
        let elf = try folder.write("program", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]))
        #expect(throws: RunFileError(file: elf, path: "",
                                     message: "contains NUL bytes; a run file is YAML or JSON text")) {
            try RunFile.load(path: elf)
        }

        // Control characters: libyaml's reason, with the line.
        expectMistake("network: {layers: [2, 1]}\ndata: {builtin: xor}\u{1}\u{2}\n", path: "", line: nil,
                      "could not be read as text: control characters are not allowed (line 2)")
    }

    @Test func unreadableFiles() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path + "/missing.yaml"
        #expect(throws: RunFileError(file: missing, path: "", message: "cannot read the file (no such file)")) {
            try RunFile.load(path: missing)
        }
        #expect(throws: RunFileError(file: folder.path, path: "", message: "cannot read the file (it is a folder)")) {
            try RunFile.load(path: folder.path)
        }
    }

    /// Nested anchors, ten levels of ten: the last one stands for 10¹⁰ values.
    static func billionLaughs(key: Bool) -> String {
        var text = "name: lol\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(refs)]\n"
        }
        // As a key, Yams would hash every one of the 10¹⁰ values to look for repeats.
        text += key ? "? *l9\n: boom\n" : "network: {layers: *l9}\n"
        return text
    }

    @Test(arguments: [false, true])
    func aliasBombEndsQuicklyWithAClearError(asKey: Bool) {
        let text = Self.billionLaughs(key: asKey)
        let outcome = withDeadline(seconds: 10) {
            Result { try RunFile.parse(text, file: "lol.yaml", directory: noFolder) }
        }
        guard let outcome else {
            Issue.record("parsing the alias bomb did not end within 10 seconds")
            return
        }
        guard case .failure(let error as RunFileError) = outcome else {
            Issue.record("expected a RunFileError, got \(outcome)")
            return
        }
        // The fourth alias of l6 takes the file past five million values.
        #expect(error.description == "lol.yaml: l6[3]: the alias *l5 makes the file stand for more than 5000000 values "
            + "(aliases nested in aliases?); NetFrames reads at most a few million (line 8)")
    }

    @Test func aliasesWithinReasonAreFine() throws {
        let text = """
            network: {layers: [2, 1]}
            training: {iterations: 3}
            data:
              - &corner {input: [0, 1], target: [1]}
              - *corner
              - {input: [1, 1], target: [0]}

            """
        let run = try parsed(text)
        #expect(run.dataset.examples == [Example(input: [0, 1], target: [1]), Example(input: [0, 1], target: [1]),
                                         Example(input: [1, 1], target: [0])])
    }

    @Test func deepNesting() {
        let text = "network: {layers: [2, 1]}\ndata: " + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + "\n"
        expectMistake(text, path: "", line: nil, "nests lists or mappings more than 1000 deep (line 2, column")
    }

    @Test func severalDocuments() {
        expectMistake("network: {layers: [2, 1]}\ndata: {builtin: xor}\n---\nname: again\n", path: "", line: nil,
                      "is not valid YAML or JSON: expected a single document in the stream", "(line 3, column 1)")
    }

    @Test func largeLayersNeedAllowLarge() throws {
        let text = "network: {layers: [2, 100000, 2]}\ndata: {builtin: circle, samples: 4}\n"
        expectMistake(text, path: "network.layers[1]", line: 1,
                      "is 100000 neurons; the limit is 4096 per layer (raise it with --allow-large)")
        let run = try parsed(text, limits: .unlimited)
        #expect(run.setup.shape.layers == [2, 100_000, 2])
        #expect(run.initialParameters.weights.count == 400_000)

        expectMistake("network: {layers: [4000, 4000, 4000]}\ndata: {builtin: circle}\n", path: "network.layers", line: 1,
                      "makes 32000000 weights; the limit is 4000000 (raise it with --allow-large)")
    }

    @Test func layerSizesBeyondCountingAreRefusedEvenWhenUnlimited() {
        // 3037000500² overflows Int: the check must not trap.
        expectMistake("network: {layers: [2, 3037000500, 3037000500, 2]}\ndata: {builtin: circle}\n",
                      path: "network.layers", line: 1, "makes more weights than a computer can count",
                      limits: .unlimited)
    }
}
