import Testing
import NetFramesRunFile
import NetFramesRun

/// `render.weights` and `render.inputImage` as the run-file reader reads and refuses them.
@Suite("render.weights and render.inputImage")
struct WeightViewRunFileTests {
    /// A [4, 2, 1] network (its input a 2×2 image) with one example.
    let base = "network: {layers: [4, 2, 1]}\ndata:\n  - {input: [0, 1, 0.5, 0.25], target: [1]}\n"

    @Test func readsBoth() throws {
        let plain = try parsed(base)
        #expect(plain.render.weights == .auto && plain.render.inputImage == nil)
        for view in WeightView.allCases {
            #expect(try parsed(base + "render: {weights: \(view.rawValue)}\n").render.weights == view)
        }
        let image = try parsed(base + "render:\n  inputImage: {width: 2, height: 2}\n").render.inputImage
        #expect(image == InputImage(width: 2, height: 2))
        #expect(try parsed(base + "render: {inputImage: {width: 4, height: 1}}\n").render.inputImage?.text == "4×1")
    }

    @Test func weightsMistakes() {
        expectMistake(base + "render: {weights: matrix}\n", path: "render.weights", line: 4,
                      "expected one of auto, lines, heatmap, found 'matrix'")
        expectMistake(base + "render: {weights: heatmaps}\n", path: "render.weights", line: 4,
                      "(did you mean 'heatmap'?)")
        expectMistake(base + "render: {weights: [lines]}\n", path: "render.weights", line: 4, "found a list of 1")
    }

    @Test func inputImageMistakes() {
        // The file, the field and both sizes.
        expectMistake(base + "render:\n  inputImage: {width: 3, height: 2}\n", file: "digits.yaml",
                      path: "render.inputImage", line: 5,
                      "is 3×2 = 6 pixels, but the input layer (network.layers[0]) has 4 neurons; width × height must be 4")
        expectMistake(base + "render: {inputImage: {width: 4}}\n", path: "render.inputImage", line: 4,
                      "needs both `width` and `height`")
        expectMistake(base + "render: {inputImage: {width: 0, height: 4}}\n", path: "render.inputImage.width", line: 4,
                      "must be a whole number from 1 to 4096, found 0")
        expectMistake(base + "render: {inputImage: {width: 2, height: 2, depth: 1}}\n", path: "render.inputImage.depth",
                      line: 4, "unknown key 'depth'; allowed here: width, height")
        expectMistake(base + "render: {inputImage: 2x2}\n", path: "render.inputImage", line: 4,
                      "expected a mapping with keys width, height")
    }
}
