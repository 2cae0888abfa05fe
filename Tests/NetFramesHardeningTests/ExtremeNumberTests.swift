import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRunFile
import NetFramesScene
import NetFramesRun

/// Numbers at the edges of what a Double holds are printed compactly, inside their label
/// boxes and legibly: never "−0.000", never a label shrunk to a smudge.
@Suite("extreme but legal numbers")
struct ExtremeNumberTests {
    static let extremes: [Double] = [1e300, -1e-300, -0.0, 5e-324, 123456789.123, -1.7976931348623157e308,
                                     2.2250738585072014e-308, -99999.9996, 0.00049999, -0.0004999, 0.731, -12.5]

    @Test("the formats of extreme numbers, digit by digit", arguments: [
        (1e300, "1.00e300"), (-1e-300, "−1e−300"), (1.5e-300, "1.5e−300"), (-0.0, "0.000"), (0.0, "0.000"), (5e-324, "4.9e−324"),
        (-5e-324, "−5e−324"), (123456789.123, "1.23e8"), (-123456789.123, "−1.23e8"), (-1.7976931348623157e308, "−1.8e308"),
        (99999.9996, "1.00e5"), (-99999.9996, "−1.00e5"), (1234.5678, "1234.568"), (-1234.5678, "−1.23e3"),
        (-123.456, "−123.456"), (0.00049999, "5.00e−4"), (-0.0004999, "−5.00e−4"), (0.0005, "0.001"), (-0.0005, "−0.001"),
        (0.731, "0.731"), (-12.5, "−12.500"), (Double.nan, "NaN"), (Double.infinity, "∞"), (-Double.infinity, "−∞"),
    ])
    func threeDigits(_ value: Double, _ expected: String) {
        #expect(NumberFormat(digits: 3)(value) == expected)
    }

    @Test("no number of any size prints as minus zero, loses its sign, or runs long", arguments: 0...8)
    func everyDigitCount(_ digits: Int) {
        let format = NumberFormat(digits: digits)
        var random = SplitMix64(seed: UInt64(digits) + 100)
        for i in 0..<20_000 {
            // Every bit pattern is some double: all exponents, denormals, signs.
            let x = i < Self.extremes.count ? Self.extremes[i] : Double(bitPattern: random.next())
            guard x.isFinite else { continue }
            let text = format(x)
            #expect(!text.contains("-"), "\(x) → \(text): a hyphen, not a minus sign")
            if x != 0 {
                #expect(text.contains { "123456789".contains($0) }, "\(x) → \(text) shows no digit of the number")
                #expect(text.hasPrefix("−") == (x < 0), "\(x) → \(text)")
            } else {
                #expect(!text.hasPrefix("−"), "\(x) → \(text)")
            }
            let shortest = x < 0 ? 7 : 6  // "−5e−324"
            #expect(text.count <= max(format.maxLength, shortest), "\(x) → \(text) (\(text.count) characters)")
            // It reads back as the number: to the decimals shown, or to its leading digit.
            let back = Double(text.replacingOccurrences(of: "−", with: "-")) ?? .nan
            if back.isInfinite {
                // Rounded up past the largest double: "1.8e308".
                #expect(abs(x) > 1e308 && back.sign == x.sign, "\(x) → \(text) reads back as \(back)")
            } else if text.contains("e") {
                #expect(back / x >= 0.5 && back / x <= 2, "\(x) → \(text) reads back as \(back)")
            } else {
                #expect(abs(back - x) <= 0.5 * pow(10, -Double(digits)) * 1.0001, "\(x) → \(text) reads back as \(back)")
            }
        }
    }

    /// The states of a [2, 3, 2] run, every number then replaced with extremes, in turn.
    static func extremeStates(offset: Int) throws -> [DiagramState] {
        let run = try RunFile.parse("""
            name: extremes
            network: {layers: [2, 3, 2], hidden: tanh, output: sigmoid, seed: 4}
            training: {loss: mse, learningRate: 0.1, iterations: 1}
            data: [{input: [0.5, -0.25], target: [1, 0]}]
            """, file: "extremes.yaml", directory: URL(fileURLWithPath: "/nonexistent"))
        var trainer = run.makeTrainer()
        var sink = StateSink(runName: run.name)
        try trainer.train(iterations: 1, sampling: .all, into: &sink)
        var k = offset
        func next() -> Double {
            defer { k += 1 }
            return extremes[k % extremes.count]
        }
        func fill(_ values: [Double]) -> [Double] { values.map { _ in next() } }
        return sink.states.map { original in
            var s = original
            s.input = fill(s.input)
            s.target = fill(s.target)
            s.activations = s.activations.map { $0.map(fill) }
            s.deltas = s.deltas.map { $0.map(fill) }
            s.weights = s.weights.map(fill)
            s.previousWeights = s.previousWeights.map(fill)
            s.biases = s.biases.map(fill)
            s.previousBiases = s.previousBiases.map(fill)
            s.weightGradients = s.weightGradients.map { $0.map(fill) }
            s.loss = s.loss.map { _ in next() }
            return s
        }
    }

    struct StateSink: SnapshotSink {
        let runName: String
        var states: [DiagramState] = []
        mutating func receive(_ snapshot: Snapshot) throws {
            states.append(DiagramState(snapshot: snapshot, runName: runName))
        }
    }

    @Test("every label of every moment fits its box at a legible size, and no two labels overlap",
          arguments: [(1280.0, 720.0), (640, 360), (1920, 1080)])
    func labelsFitTheirBoxes(_ width: Double, _ height: Double) throws {
        let measurer = CairoTextMeasurer()
        var style = DiagramStyle()
        (style.width, style.height) = (width, height)
        style.weightLabels = .all
        let builder = DiagramBuilder(setup: try Self.extremeStates(offset: 0)[0].setup, style: style, measurer: measurer)
        for offset in 0..<Self.extremes.count {
            for state in try Self.extremeStates(offset: offset) {
                let layout = builder.layout(for: state)
                let boxes = layout.allLabelBoxes
                let scene = builder.scene(state)
                var placed: [(String, Rect)] = []
                for case .text(let t) in scene.items {
                    #expect(!t.string.contains("−0.000") && !t.string.contains("-0.0"), "\(t.string)")
                    let extent = measurer.measure(t.string, font: t.font)
                    let drawn = t.box(extent: extent)
                    #expect(scene.bounds.contains(drawn), "\(t.string) leaves the canvas at \(drawn)")
                    // A number label: drawn inside its box, at no less than 70% of the label font.
                    guard let box = boxes.first(where: { $0.contains(t.position) }) else { continue }
                    #expect(drawn.width <= box.width - 2 * layout.labelPadding + 0.01, "\(t.string): \(drawn.width) > \(box.width)")
                    #expect(t.font.size >= layout.labelFont.size * 0.7,
                            "\(t.string) drawn at \(t.font.size), label font \(layout.labelFont.size), \(state.phase)")
                    for (other, r) in placed where r.intersects(drawn) {
                        Issue.record("\(t.string) overlaps \(other) in \(state.phase) \(state.layer ?? -1)")
                    }
                    placed.append((t.string, drawn))
                }
            }
        }
    }

    @Test("a frame full of extreme numbers renders, and its labels can be seen")
    func renderedFrame() throws {
        var style = DiagramStyle()
        (style.width, style.height) = (960, 540)
        let states = try Self.extremeStates(offset: 0)
        let builder = DiagramBuilder(setup: states[0].setup, style: style, measurer: CairoTextMeasurer())
        for state in states {
            let image = try SceneRenderer().rasterize(builder.scene(state))
            #expect(image.width == 960 && image.height == 540)
            // Text is drawn in every weight label (faint, for layers the step has not reached).
            for placement in builder.layout(for: state).weightLabels {
                let box = placement.box
                let inked = (Int(box.minX) + 2..<Int(box.maxX) - 2).flatMap { x in
                    (Int(box.minY) + 2..<Int(box.maxY) - 2).map { image.pixel(x: x, y: $0).g }
                }.filter { $0 < 200 }.count
                #expect(inked > 10, "no text drawn in the weight label at \(box) of \(state.phase)")
            }
        }
        if let folder = ProcessInfo.processInfo.environment["NETFRAMES_LOOK"] {
            for (i, state) in states.enumerated() {
                try Data(SceneRenderer().pngData(builder.scene(state))).write(to: URL(fileURLWithPath: "\(folder)/extreme-\(i).png"))
            }
        }
    }
}
