import Testing
import NetFramesRunFile
import NetFramesRun

/// `render.classNames` as the run-file reader reads and refuses it, and the names the
/// built-in digits give their outputs.
@Suite("render.classNames")
struct ClassNamesRunFileTests {
    /// A [2, 3] softmax network with one example.
    let base = "network: {layers: [2, 3], output: softmax}\ntraining: {loss: crossEntropy}\n"
        + "data:\n  - {input: [0, 1], target: [0, 1, 0]}\n"

    @Test func readsNames() throws {
        #expect(try parsed(base).render.classNames == [])
        let style = try parsed(base + "render: {classNames: [cat, dog, \"3\"]}\n").render
        #expect(style.classNames == ["cat", "dog", "3"])
        #expect(style.className(of: 1, outputCount: 3) == "dog")
        // Names that do not match the outputs name none of them.
        #expect(style.className(of: 1, outputCount: 4) == nil)
    }

    @Test("builtin digits names its outputs 0 to 9 unless the file names them")
    func digitsNamesItsOutputs() throws {
        let digits = "network: {layers: [64, 4, 10], output: softmax}\ntraining: {loss: crossEntropy}\n"
            + "data: {builtin: digits}\n"
        #expect(try parsed(digits).render.classNames == (0...9).map(String.init))
        let named = try parsed(digits + "render: {classNames: [zero, one, two, three, four, five, six, seven, eight, nine]}\n")
        #expect(named.render.classNames.first == "zero")
        // Other built-in sets are numbered.
        let blobs = "network: {layers: [2, 4, 3], output: softmax}\ntraining: {loss: crossEntropy}\ndata: {builtin: blobs}\n"
        #expect(try parsed(blobs).render.classNames == [])
    }

    @Test func mistakes() {
        expectMistake(base + "render: {classNames: [cat, dog]}\n", file: "pets.yaml", path: "render.classNames", line: 5,
                      "names 2 classes, but the output layer (the last of network.layers) has 3 neurons")
        expectMistake(base + "render: {classNames: cat}\n", path: "render.classNames", line: 5, "expected a list")
        expectMistake(base + "render: {classNames: [cat, dog, \"\(String(repeating: "x", count: 25))\"]}\n",
                      path: "render.classNames[2]", line: 5, "one line of at most 24 characters")
        expectMistake(base + "render: {classNames: [cat, dog, \"\"]}\n", path: "render.classNames[2]", line: 5,
                      "must not be empty")
    }
}
