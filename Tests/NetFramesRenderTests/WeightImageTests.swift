import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesFiles
import NetFramesRender
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

/// Weights drawn as images, read back from the pixels: the weight-matrix heatmap of a
/// wide pair of layers, the input image and the receptive fields beside the first
/// hidden layer's neurons; in PNG, and in SVG as librsvg draws it.
@Suite("Heatmaps and receptive fields")
struct WeightImageTests {
    let measurer = CairoTextMeasurer()

    /// A [3, 2, 2] network whose first weights are +2, −2 and 0 into neuron 1 and +1, −1,
    /// 0 into neuron 2 (largest |w| 2), drawn with `weights`.
    static func known(weights: String) -> String {
        """
        name: known
        network:
          layers: [3, 2, 2]
          hidden: tanh
          output: softmax
          weights: [[[2.0, -2.0, 0.0], [1.0, -1.0, 0.0]], [[0.5, -0.5], [0.25, 0.75]]]
          biases: [[0.0, 0.0], [0.0, 0.0]]
        training: {loss: crossEntropy, learningRate: 0.1, iterations: 1}
        data:
          - {input: [0.5, -0.5, 1.0], target: [1, 0]}
        render: {weights: \(weights)}
        """
    }

    /// A 4×4 image into [16, 3, 2]: pixel values 0, 1, 0.5, 0.25, then 0; neuron 1's
    /// weights +1, −1, 0, +0.5 from the first four pixels and 0.1 elsewhere; the other
    /// neurons' weights within ±0.5, so the layer's largest |w| is 1.
    static func image(theme: String = "light") -> String {
        let input: [Double] = [0, 1, 0.5, 0.25] + Array(repeating: 0.0, count: 12)
        let first: [Double] = [1.0, -1.0, 0.0, 0.5] + Array(repeating: 0.1, count: 12)
        let others: [[Double]] = (1...2).map { (k: Int) -> [Double] in
            (0..<16).map { (i: Int) -> Double in Double((i * 7 + k * 3) % 11 - 5) / 10 }
        }
        func list(_ xs: [Double]) -> String { "[" + xs.map { String($0) }.joined(separator: ", ") + "]" }
        return """
            name: picture
            network:
              layers: [16, 3, 2]
              hidden: tanh
              output: softmax
              weights: [[\(list(first)), \(list(others[0])), \(list(others[1]))], [[0.5, -0.5, 0.2], [0.1, 0.3, -0.4]]]
              biases: [[0.0, 0.0, 0.0], [0.0, 0.0]]
            training: {loss: crossEntropy, learningRate: 0.5, iterations: 1}
            data:
              - {input: \(list(input)), target: [1, 0]}
            render: {inputImage: {width: 4, height: 4}, theme: \(theme)}
            """
    }

    func frame(_ yaml: String, _ phase: Phase, layer: Int? = nil) throws -> (DiagramLayout, DiagramState, Scene, Theme) {
        let run = try Fixture.run(yaml)
        let builder = DiagramBuilder(setup: run.setup, style: run.render, measurer: measurer)
        let state = try Fixture.state(try Fixture.states(run), phase, layer: layer)
        return (builder.layout(for: state), state, builder.scene(state), builder.theme)
    }

    /// The centre of cell (`row`, `column`) of a `rows` × `columns` grid filling `box`.
    func cellCentre(_ box: Rect, row: Int, column: Int, rows: Int, columns: Int) -> Point {
        Point(box.minX + (Double(column) + 0.5) * box.width / Double(columns),
              box.minY + (Double(row) + 0.5) * box.height / Double(rows))
    }

    @Test("a heatmap's cells: full blue at the largest positive weight, full orange at the most negative, the empty fill at 0")
    func heatmapCells() throws {
        let (layout, _, scene, theme) = try frame(Self.known(weights: "heatmap"), .loss)
        let box = try #require(layout.heatmapBoxes[1], "weights: heatmap draws the first pair as a heatmap")
        #expect(layout.heatmapBoxes[2] != nil)
        let image = try SceneRenderer().rasterize(scene)
        func cell(_ row: Int, _ column: Int) -> RGB {
            image.rgb(at: cellCentre(box, row: row, column: column, rows: 2, columns: 3))
        }
        #expect(cell(0, 0).distance(to: RGB(theme.positive)) <= 2, "w = +2: \(cell(0, 0))")
        #expect(cell(0, 1).distance(to: RGB(theme.negative)) <= 2, "w = −2: \(cell(0, 1))")
        #expect(cell(0, 2).distance(to: RGB(theme.neuronZero)) <= 2, "w = 0: \(cell(0, 2))")
        // Half the scale: half-way from the empty fill to the hue; blue stays bluish, orange orange.
        let half = cell(1, 0), minusHalf = cell(1, 1)
        #expect(half.distance(to: RGB(theme.neuronZero.mixed(with: theme.positive, 0.5))) <= 2, "w = +1: \(half)")
        #expect(half.b > half.r + 40, "w = +1 reads blue: \(half)")
        #expect(minusHalf.r > minusHalf.b + 40, "w = −1 reads orange: \(minusHalf)")
        // No connection line is drawn between the columns of a heatmap pair, and no weight label.
        #expect(layout.weightLabels.isEmpty)
        let a = layout.slots[0][0].center, b = layout.slots[1][0].center
        let lines = scene.items.filter { item in
            if case let .line(from, to, _) = item { return from == a && to == b }
            return false
        }
        #expect(lines.isEmpty)
    }

    @Test("the followed neuron's row is outlined in the phase colour while the moment is about its layer")
    func followedRow() throws {
        let (layout, _, scene, theme) = try frame(Self.known(weights: "heatmap"), .forward, layer: 1)
        let box = try #require(layout.heatmapBoxes[1])
        let image = try SceneRenderer().rasterize(scene)
        let unit = max(1, layout.lineUnit)
        // Just above row 1 (the followed neuron's), away from the note centred above the heatmap.
        let above = image.rgb(at: Point(box.minX + box.width * 0.15, box.minY - unit * 1.1))
        #expect(above.distance(to: RGB(theme.forward)) <= 30, "above the followed row: \(above)")
        // Below row 2, the last row: no outline there.
        let below = image.rgb(at: Point(box.minX + box.width * 0.15, box.maxY + unit * 1.1))
        #expect(below.distance(to: RGB(theme.forward)) > 60, "below the last row: \(below)")
        // Between rows 1 and 2 the outline's lower edge runs across the cells.
        let between = image.rgb(at: Point(box.minX + box.width / 6, box.minY + box.height / 2 - unit * 0.6))
        #expect(between.distance(to: RGB(theme.forward)) <= 40, "the followed row's lower edge: \(between)")
    }

    @Test("the input image's pixels are grey by value, paper at 0 and ink at 1, in light and dark themes",
          arguments: ["light", "dark"])
    func inputPixels(theme name: String) throws {
        let (layout, _, scene, theme) = try frame(Self.image(theme: name), .forward, layer: 1)
        let box = try #require(layout.imageBox, "inputImage draws the input layer as an image")
        #expect(layout.slots[0].isEmpty, "no input neurons are drawn")
        let image = try SceneRenderer().rasterize(scene)
        func pixel(_ i: Int) -> RGB { image.rgb(at: cellCentre(box, row: i / 4, column: i % 4, rows: 4, columns: 4)) }
        #expect(pixel(0).distance(to: RGB(theme.neuronZero)) <= 2, "0: \(pixel(0))")
        #expect(pixel(1).distance(to: RGB(theme.text)) <= 2, "1: \(pixel(1))")
        #expect(pixel(2).distance(to: RGB(theme.neuronZero.mixed(with: theme.text, 0.5))) <= 2, "0.5: \(pixel(2))")
        // Ink is darker than paper on light themes, lighter on dark ones.
        let ink = pixel(1).channels.reduce(0, +), paper = pixel(0).channels.reduce(0, +)
        #expect(name == "light" ? ink < paper - 300 : ink > paper + 300, "ink \(pixel(1)) on paper \(pixel(0))")
    }

    @Test("each first-layer neuron's receptive field shows its weights: blue, orange and the empty fill")
    func receptiveFields() throws {
        let (layout, _, scene, theme) = try frame(Self.image(), .loss)
        let field = try #require(layout.receptiveFieldBoxes.first ?? nil, "the first neuron has a receptive field")
        #expect(layout.receptiveFieldBoxes.compactMap { $0 }.count == 3)
        let image = try SceneRenderer().rasterize(scene)
        func pixel(_ i: Int) -> RGB { image.rgb(at: cellCentre(field, row: i / 4, column: i % 4, rows: 4, columns: 4)) }
        #expect(pixel(0).distance(to: RGB(theme.positive)) <= 2, "w = +1: \(pixel(0))")
        #expect(pixel(1).distance(to: RGB(theme.negative)) <= 2, "w = −1: \(pixel(1))")
        #expect(pixel(2).distance(to: RGB(theme.neuronZero)) <= 2, "w = 0: \(pixel(2))")
        #expect(pixel(3).distance(to: RGB(theme.neuronZero.mixed(with: theme.positive, 0.5))) <= 2, "w = 0.5: \(pixel(3))")
        // Fields stand left of their neurons, clear of the image, level with the neuron.
        let neuron = layout.slots[1][0].center
        let imageBox = try #require(layout.imageBox)
        #expect(field.maxX < neuron.x - layout.radius && field.minX > imageBox.maxX)
        #expect(abs(field.center.y - neuron.y) < 0.5)
    }

    @Test("the update shows the followed neuron's change Δw beside its field; backprop shows its ∂L/∂w")
    func companion() throws {
        let yaml = Self.image()
        let (layout, state, scene, theme) = try frame(yaml, .update)
        let box = try #require(layout.companionFieldBox)
        let image = try SceneRenderer().rasterize(scene)
        // The largest |Δw| of neuron 1 is drawn in full colour, its sign by hue.
        let change = (0..<16).map { state.weights[1][$0] - state.previousWeights[1][$0] }
        let k = try #require(change.indices.max { abs(change[$0]) < abs(change[$1]) })
        #expect(change[k] != 0)
        let pixel = image.rgb(at: cellCentre(box, row: k / 4, column: k % 4, rows: 4, columns: 4))
        #expect(pixel.distance(to: RGB(change[k] > 0 ? theme.positive : theme.negative)) <= 2, "Δw = \(change[k]): \(pixel)")
        #expect(textBoxes(of: scene).contains { $0.text.string.hasPrefix("Δw ±") })
        let backward = try frame(yaml, .backward, layer: 1)
        #expect(textBoxes(of: backward.2).contains { $0.text.string.hasPrefix("∂L/∂w ±") })
        // Forward frames show no companion.
        let forward = try frame(yaml, .forward, layer: 1)
        #expect(!textBoxes(of: forward.2).contains { $0.text.string.hasPrefix("Δw") || $0.text.string.hasPrefix("∂L/∂w ±") })
    }

    @Test("SVG as librsvg draws it has the same heatmap, image and field colours as the PNG")
    func svgMatches() throws {
        for (yaml, phase) in [(Self.known(weights: "heatmap"), Phase.loss), (Self.image(), .update)] {
            let (layout, _, scene, _) = try frame(yaml, phase)
            let png = try SceneRenderer().rasterize(scene)
            let theirs = try withTemporaryFolder("weight-images") { folder in
                try writeBytes(SceneRenderer().svgData(scene), to: folder.file("frame.svg"))
                return try rsvgConvert(folder.file("frame.svg"), width: png.width, height: png.height,
                                       to: folder.file("rsvg.png"))
            }
            var grids: [(Rect, Int, Int)] = []
            if let box = layout.heatmapBoxes[1] { grids.append((box, 2, 3)) }
            if let box = layout.imageBox { grids.append((box, 4, 4)) }
            for box in layout.receptiveFieldBoxes.compactMap({ $0 }) { grids.append((box, 4, 4)) }
            if let box = layout.companionFieldBox { grids.append((box, 4, 4)) }
            #expect(grids.count >= 1)
            for (box, rows, columns) in grids {
                for r in 0..<rows {
                    for c in 0..<columns {
                        let p = cellCentre(box, row: r, column: c, rows: rows, columns: columns)
                        #expect(png.rgb(at: p).distance(to: theirs.rgb(at: p)) <= 3, "cell \(r),\(c) of \(box)")
                    }
                }
            }
        }
    }

    @Test("auto draws a heatmap exactly where lines would cross closer than 3 line widths apart",
          arguments: [[2, 8, 8, 2], [3, 2, 2], [10, 10], [12, 8], [20, 10], [64, 24, 10], [16, 16, 3], [2, 30, 1]])
    func autoChoice(shape: [Int]) throws {
        let run = try Fixture.run(Fixture.shaped(shape))
        for size in [(1280.0, 720.0), (854.0, 480.0), (1920.0, 1080.0)] {
            let style = Fixture.style(width: size.0, height: size.1)
            let layout = DiagramLayout(setup: run.setup, style: style, labelSet: .values, measurer: measurer)
            for l in 1..<shape.count {
                func span(_ column: [Slot]) -> Double { (column.last?.center.y ?? 0) - (column.first?.center.y ?? 0) }
                let spacing = (span(layout.slots[l - 1]) + span(layout.slots[l])) / 2 / Double(shape[l] * shape[l - 1] - 1)
                let crowded = spacing < DiagramLayout.heatmapSpacing * layout.lineUnit
                #expect((layout.heatmapBoxes[l] != nil) == crowded,
                        "\(shape) at \(size), pair \(l): lines \(spacing / layout.lineUnit) widths apart")
            }
        }
        // The examples' shapes keep their lines; wide ones do not.
        let layout = DiagramLayout(setup: run.setup, style: Fixture.style(), labelSet: .values, measurer: measurer)
        let heatmaps = layout.heatmapBoxes.compactMap { $0 }.count
        switch shape {
        case [2, 8, 8, 2], [3, 2, 2], [2, 30, 1], [10, 10], [12, 8]: #expect(heatmaps == 0, "\(shape)")
        case [20, 10], [16, 16, 3]: #expect(heatmaps == 1, "\(shape)")
        default: #expect(heatmaps == 2, "\(shape)")
        }
    }

    @Test("weights: lines draws every pair as lines, heatmap every pair as a heatmap, whatever the shape")
    func forcedViews() throws {
        for (view, expected) in [(WeightView.lines, 0), (.heatmap, 2)] {
            var style = Fixture.style()
            style.weights = view
            let run = try Fixture.run(Fixture.shaped([64, 24, 10]))
            let layout = DiagramLayout(setup: run.setup, style: style, labelSet: .values, measurer: measurer)
            #expect(layout.heatmapBoxes.compactMap { $0 }.count == expected, "\(view)")
        }
        // The folded column keeps its "⋮ +N", with the heatmap holding every row.
        let run = try Fixture.run(Fixture.shaped([64, 24, 10]))
        let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(), measurer: measurer)
        let state = try Fixture.state(try Fixture.states(run), .loss)
        let texts = textBoxes(of: builder.scene(state)).map(\.text.string)
        #expect(texts.contains(DiagramLayout.ellipsisText(16)) && texts.contains(DiagramLayout.ellipsisText(56)), "\(texts)")
        #expect(texts.contains("w: 24 × 64") && texts.contains("w: 10 × 24"))
    }

    @Test("a heatmap's and an image's texts stay inside the canvas and clear of each other and of the neurons",
          arguments: [(1280.0, 720.0), (1920.0, 1080.0), (854.0, 480.0)], [ThemeName.light, .projector])
    func noOverlap(size: (Double, Double), theme: ThemeName) throws {
        for yaml in [Fixture.shaped([64, 24, 10]), Self.image(), Self.known(weights: "heatmap")] {
            var run = try Fixture.run(yaml)
            run.render.width = size.0
            run.render.height = size.1
            run.render.theme = theme
            let builder = DiagramBuilder(setup: run.setup, style: run.render, measurer: measurer)
            for phase in [Phase.forward, .backward, .update] {
                let state = try Fixture.state(try Fixture.states(run), phase)
                let scene = builder.scene(state)
                let layout = builder.layout(for: state)
                let boxes = textBoxes(of: scene)
                let pictures = (layout.heatmapBoxes.compactMap { $0 } + [layout.imageBox].compactMap { $0 }
                    + layout.receptiveFieldBoxes.compactMap { $0 } + [layout.companionFieldBox].compactMap { $0 })
                for (text, box) in boxes {
                    #expect(box.minX >= -0.5 && box.maxX <= size.0 + 0.5 && box.minY >= -0.5 && box.maxY <= size.1 + 0.5,
                            "\(text.string) at \(box)")
                    for picture in pictures {
                        #expect(!picture.insetBy(1).intersects(box), "\(text.string) at \(box) covers \(picture)")
                    }
                }
                for a in pictures {
                    for b in pictures where a != b { #expect(!a.intersects(b), "\(a) and \(b) overlap") }
                    for column in layout.slots {
                        for slot in column where slot.neuronIndex != nil {
                            let c = slot.center, r = layout.radius
                            #expect(!a.intersects(Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r)),
                                    "\(a) covers a neuron at \(c)")
                        }
                    }
                }
            }
        }
    }

    @Test("the alt text and caption speak of the image's pixels, not of 16 numbers")
    func words() throws {
        let run = try Fixture.run(Self.image())
        let builder = DiagramBuilder(setup: run.setup, style: run.render, measurer: measurer)
        let states = try Fixture.states(run)
        let forward = try Fixture.state(states, .forward, layer: 1)
        let alt = builder.altText(of: forward)
        #expect(alt.contains("Input: a 4×4 image (16 pixels), then layers of 3 and 2 neurons."), "\(alt)")
        #expect(alt.contains("receptive field"), "\(alt)")
        let caption = builder.captionLines(of: forward).joined(separator: " ")
        #expect(caption.contains("(16 pixels)"), "\(caption)")
        let backward = builder.captionLines(of: try Fixture.state(states, .backward, layer: 1)).joined(separator: " ")
        #expect(backward.contains("(from pixel 1)"), "\(backward)")
        let heat = try Fixture.run(Fixture.shaped([64, 24, 10]))
        let heatBuilder = DiagramBuilder(setup: heat.setup, style: Fixture.style(), measurer: measurer)
        let heatAlt = heatBuilder.altText(of: try Fixture.state(try Fixture.states(heat), .loss))
        #expect(heatAlt.contains("heatmap of 24 rows by 64 columns"), "\(heatAlt)")
    }

    @Test("--weights and --input-image set the same style as the run file's keys")
    func overrides() throws {
        let run = try Fixture.run(Fixture.shaped([16, 3, 2]))
        var o = RenderOverrides()
        o.weights = .heatmap
        o.inputImage = InputImage(parsing: "4x4")
        let request = RenderRequest(run: run, overrides: o, folder: "/tmp/unused")
        #expect(request.style.weights == .heatmap && request.style.inputImage == InputImage(width: 4, height: 4))
        try request.check(limits: Limits())
        o.inputImage = InputImage(parsing: "4x5")
        let wrong = RenderRequest(run: run, overrides: o, folder: "/tmp/unused")
        #expect(throws: NetFramesError.self) { try wrong.check(limits: Limits()) }
        #expect(InputImage(parsing: "8×8") == InputImage(width: 8, height: 8))
        #expect(InputImage(parsing: "8") == nil && InputImage(parsing: "0x8") == nil && InputImage(parsing: "axb") == nil)
    }
}
