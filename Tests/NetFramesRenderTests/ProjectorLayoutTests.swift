import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRunFile
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

/// The projector theme's layout: no text below 2.2% of the frame height in any frame,
/// a text left out rather than shrunk, every value still shown, thicker lines, and
/// nothing overlapping or leaving the canvas.
@Suite("Projector layout")
struct ProjectorLayoutTests {
    let measurer = CairoTextMeasurer()

    /// `style` with every panel on (the boundary shows for two inputs only).
    static func withPanels(_ style: DiagramStyle) -> DiagramStyle {
        var style = style
        style.panels.loss = true
        style.panels.outputs = true
        style.panels.boundary = true
        return style
    }

    /// Every state a run's frames show: each recorded moment, the same moments halfway
    /// through their motion (pulses, the cost counting up, the morph), and a title card.
    static func everyState(_ run: RunFile) throws -> [DiagramState] {
        let states = try Fixture.states(run)
        var all = states
        for state in states {
            var moving = state
            switch state.phase {
            case .forward: moving.motion = .forwardPulse(layer: state.layer ?? 1, progress: 0.5)
            case .loss: moving.motion = .lossReveal(progress: 0.5)
            case .backward: moving.motion = .backwardPulse(layer: state.layer ?? state.shape.outputLayer, progress: 0.5)
            case .update: moving.motion = .morph(progress: 0.5)
            }
            all.append(moving)
        }
        var card = states[0]
        card.titleCard = "Two steps in detail"
        all.append(card)
        return all
    }

    /// The runs the checks draw: the demo's [3, 2, 3], the colours run's [2, 2, 2] (two
    /// inputs, so the decision boundary shows), a wider [4, 6, 6, 3], and Adam on XOR
    /// over a batch (optimizer card, step arrows, the long Adam caption).
    static let runs: [(name: String, yaml: String)] = [
        ("demo", Fixture.demo), ("colours", Fixture.colours), ("4-6-6-3", Fixture.shaped([4, 6, 6, 3], iterations: 2)),
        ("adam", """
            name: adam-xor
            network: {layers: [2, 3, 1], hidden: tanh, output: sigmoid, seed: 3, init: xavier}
            training: {loss: crossEntropy, learningRate: 0.05, iterations: 2, batchSize: 4, optimizer: adam}
            data: {builtin: xor}
            """),
    ]

    @Test("no text of any phase, panels on or off, is drawn below 2.2% of the frame height",
          arguments: [Canvas(width: 1280, height: 720), Canvas(width: 854, height: 480), Canvas(width: 1920, height: 1080)])
    func minimumTextSize(canvas: Canvas) throws {
        for (name, yaml) in Self.runs {
            let run = try Fixture.run(yaml)
            let states = try Self.everyState(run)
            #expect(Set(states.map(\.phase)) == [.forward, .loss, .backward, .update], "\(name)")
            let minimum = 0.022 * canvas.height
            var smallestLight = Double.infinity
            for panels in [false, true] {
                var style = Fixture.style(theme: .projector, width: canvas.width, height: canvas.height)
                if panels { style = Self.withPanels(style) }
                let builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
                #expect(builder.valuesLayout.minimumTextSize == minimum)
                var light = style
                light.theme = .light
                let lightBuilder = DiagramBuilder(setup: run.setup, style: light, measurer: measurer)
                var texts = 0
                for state in states {
                    let scene = builder.scene(state)
                    for case let .text(t) in scene.items {
                        texts += 1
                        #expect(t.font.size >= minimum - 1e-9,
                                "\(name) at \(canvas.testDescription), \(state.phase), panels \(panels): \"\(t.string.prefix(40))\" at \(t.font.size) px, under \(minimum)")
                    }
                    for case let .text(t) in lightBuilder.scene(state).items { smallestLight = min(smallestLight, t.font.size) }
                }
                #expect(texts > 20 * states.count, "\(name): only \(texts) texts in \(states.count) frames")
            }
            // The check bites: the light theme draws the same frames with smaller texts.
            #expect(smallestLight < minimum * 0.9, "\(name) at \(canvas.testDescription): light's smallest text is \(smallestLight)")
        }
    }

    @Test("a text too long for its room is left out under projector, drawn smaller in light")
    func dropNotShrink() throws {
        let name = String(repeating: "a-very-long-run-name-", count: 4) + "end"
        let run = try Fixture.run(Fixture.demo.replacingOccurrences(of: "name: demo", with: "name: \(name)"))
        let state = try Fixture.state(try Fixture.states(run), .backward, layer: 2)
        func header(_ theme: ThemeName) -> (drawn: TextItem?, layoutFont: Font) {
            let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(theme: theme), measurer: measurer)
            let drawn = builder.scene(state).items.compactMap { item -> TextItem? in
                if case let .text(t) = item, t.string == name { return t }
                return nil
            }.first
            return (drawn, builder.valuesLayout.headerFont)
        }
        let light = header(.light), projector = header(.projector)
        let shrunk = try #require(light.drawn, "light draws the run name")
        #expect(shrunk.font.size < light.layoutFont.size * 0.9, "light shrinks it: \(shrunk.font.size)")
        #expect(projector.drawn == nil, "projector leaves it out rather than drawing it at \(projector.drawn?.font.size ?? 0) px")
    }

    /// The texts `builder` draws for `state`.
    func texts(_ builder: DiagramBuilder, _ state: DiagramState) -> Set<String> {
        Set(builder.scene(state).items.compactMap { item -> String? in
            if case let .text(t) = item { return t.string }
            return nil
        })
    }

    @Test("where the whole status or layer title would be left out, a shorter one is drawn")
    func shorterWording() throws {
        let run = try Fixture.run(Fixture.shaped([4, 6, 6, 3], iterations: 1))
        let state = try Fixture.state(try Fixture.states(run), .backward, layer: 2)
        // 800x720: the columns are too narrow for "Hidden 2 (tanh)" at 17.4 px bold.
        let narrow = DiagramBuilder(setup: run.setup, style: Fixture.style(theme: .projector, width: 800, height: 720),
                                    measurer: measurer)
        let columns = texts(narrow, state)
        #expect(!columns.contains("Hidden 1 (tanh)") && !columns.contains("Hidden 2 (tanh)")
                && !columns.contains("Output (softmax)"), "\(columns.sorted())")
        #expect(columns.isSuperset(of: ["Input", "Hidden 1", "Hidden 2", "Output", "Targets"]), "\(columns.sorted())")
        // 720x1000: 2.2% is 22 px, and the header has 700 px for the name and the status.
        let tall = DiagramBuilder(setup: run.setup, style: Fixture.style(theme: .projector, width: 720, height: 1000),
                                  measurer: measurer)
        let header = texts(tall, state)
        let loss = tall.valuesLayout.format(try #require(state.loss))
        #expect(!header.contains(tall.status(of: state)), "the whole status fits; the check would prove nothing")
        #expect(header.contains("iteration 0 · backprop, layer 2 · loss \(loss)"), "\(header.sorted())")
        // The same frame in light draws the whole wording, smaller.
        var light = tall.style
        light.theme = .light
        let lightBuilder = DiagramBuilder(setup: run.setup, style: light, measurer: measurer)
        #expect(texts(lightBuilder, state).contains(lightBuilder.status(of: state)))
    }

    @Test("caption lines too long for the band are wrapped, each shown whole or not at all")
    func captionWrapping() throws {
        let adam = try Fixture.run(Self.runs[3].yaml), shaped = try Fixture.run(Fixture.shaped([4, 6, 6, 3], iterations: 1))
        // Adam's update at 1280x720: the first line wraps onto a second, the working fits
        // the third. [4, 6, 6, 3] at 800x1000: both lines wrap, the working would need a
        // fourth line, so it is left out whole.
        let cases = [(adam, try Fixture.state(try Fixture.states(adam), .update), 1280.0, 720.0, 2),
                     (shaped, try Fixture.state(try Fixture.states(shaped), .backward, layer: 2), 800.0, 1000.0, 1)]
        for (run, state, width, height, whole) in cases {
            let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(theme: .projector, width: width, height: height),
                                         measurer: measurer)
            let band = try #require(builder.valuesLayout.captionBox)
            let drawn = builder.scene(state).items.compactMap { item -> TextItem? in
                if case let .text(t) = item, band.contains(t.position) { return t }
                return nil
            }
            let lines = builder.captionLines(of: state)
            #expect(lines.count == 2)
            // What is drawn, joined again, is whole caption lines, in order, wrapped onto more lines.
            #expect(drawn.map(\.string).joined(separator: " ") == lines.prefix(whole).joined(separator: " "),
                    "\(width)x\(height): \(drawn.map(\.string))")
            #expect(drawn.count > whole && drawn.count <= 3, "\(width)x\(height): \(drawn.map(\.string))")
            for t in drawn {
                #expect(t.font == builder.valuesLayout.captionFont, "\(t.string) is not at the caption's size")
                #expect(measurer.measure(t.string, font: t.font).width <= band.width + 1e-6, "\(t.string)")
            }
        }
    }

    @Test("every value label is drawn, however wide its number: boxes hold any number the format prints")
    func everyValueShown() throws {
        // Weights and inputs whose texts are as wide as two decimals get: −4.4e−4, −444.44.
        let yaml = """
            name: wide
            network:
              layers: [2, 2, 1]
              hidden: tanh
              output: linear
              weights: [[[-0.00044, -444.44], [-0.00044, -0.00045]], [[-444.44, -0.00044]]]
              biases: [[-444.44, -0.00044], [-444.44]]
            training: {loss: mse, learningRate: 0.000001, iterations: 1}
            data:
              - {input: [-0.00044, -44.44], target: [-444.44]}
            """
        let run = try Fixture.run(yaml)
        let style = Fixture.style(theme: .projector)
        let builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
        #expect(style.digits == 2)
        for state in try Fixture.states(run) where state.phase != .update {
            let layout = builder.layout(for: state)
            #expect(layout.weightLabels.count >= 3, "\(state.phase): \(layout.weightLabels.count) weight labels")
            let scene = builder.scene(state)
            let texts = scene.items.compactMap { item -> String? in
                if case let .text(t) = item { return t.string }
                return nil
            }
            #expect(texts.contains("x₂=−44.44") && texts.contains("t=−444.44"), "\(state.phase): \(texts)")
            for placement in layout.weightLabels where state.phase != .backward || placement.layer != state.layer {
                let w = layout.format(state.weight(into: placement.layer, to: placement.to, from: placement.from))
                #expect(texts.contains(w), "\(state.phase): the weight label \(w) is missing")
            }
            #expect(texts.contains("b=−444.44"), "\(state.phase): \(texts)")
        }
    }

    @Test("projector lines are thicker, and no connection is thinner than the base width")
    func thickLines() throws {
        let run = try Fixture.run(Fixture.demo)
        let state = try Fixture.state(try Fixture.states(run), .loss)
        func connections(_ theme: ThemeName) -> (unit: Double, widths: [Double]) {
            let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(theme: theme), measurer: measurer)
            let layout = builder.valuesLayout
            let centres = Set(layout.slots.flatMap { $0 }.map(\.center))
            let widths = builder.scene(state).items.compactMap { item -> Double? in
                guard case let .line(a, b, stroke) = item, centres.contains(a), centres.contains(b) else { return nil }
                return stroke.width
            }
            return (layout.lineUnit, widths)
        }
        let light = connections(.light), projector = connections(.projector)
        #expect(light.widths.count == 12 && projector.widths.count == 12)
        #expect(projector.unit >= light.unit * 1.6, "\(projector.unit) against \(light.unit)")
        #expect(projector.widths.min()! >= projector.unit - 1e-9)
        #expect(light.widths.min()! < light.unit, "light's thinnest is \(light.widths.min()!): the floor would prove nothing")
        #expect(zip(light.widths, projector.widths).allSatisfy { $0 * 1.6 <= $1 })
    }

    @Test("labels, neurons and drawn texts never overlap or leave the canvas, panels on or off",
          arguments: layoutShapes, [Canvas(width: 1280, height: 720), Canvas(width: 1920, height: 1080),
                                     Canvas(width: 800, height: 800)])
    func nothingOverlaps(shape: [Int], canvas: Canvas) throws {
        let run = try Fixture.run(Fixture.shaped(shape))
        let states = try Fixture.states(run)
        for panels in [false, true] {
            var style = Fixture.style(theme: .projector, width: canvas.width, height: canvas.height)
            if panels { style = Self.withPanels(style) }
            let builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
            for layout in [builder.valuesLayout, builder.changesLayout] {
                let problems = LayoutTests.layoutProblems(layout, canvas: canvas)
                #expect(problems.isEmpty, "\(shape) at \(canvas.testDescription), panels \(panels): \(problems.prefix(6))")
            }
            for state in states {
                let problems = LayoutTests.textProblems(builder.scene(state), measurer: measurer)
                #expect(problems.isEmpty, "\(shape) at \(canvas.testDescription), panels \(panels), \(state.phase) \(state.layer.map(String.init) ?? ""): \(problems.prefix(6))")
            }
        }
    }

    @Test("two decimals unless digits are set: in the library's style, whichever is set first")
    func digits() {
        #expect(DiagramStyle().digits == 3)
        #expect(DiagramStyle(theme: .projector).digits == 2)
        #expect(DiagramStyle(theme: .projector, digits: 3).digits == 3)
        #expect(DiagramStyle(theme: .dark).digits == 3)
        var style = DiagramStyle()
        style.theme = .projector
        #expect(style.digits == 2)
        style.digits = 4
        style.theme = .light
        #expect(style.digits == 4)
        var set = DiagramStyle(digits: 3)
        set.theme = .projector
        #expect(set.digits == 3, "digits set to the old default stay set")
    }

    @Test("a comparison's tiles keep the canvas's minimum text size")
    func comparisonTiles() throws {
        let runs = try ["sgd", "momentum", "adam"].map { optimizer in
            try Fixture.run("""
                name: optimizers-\(optimizer)
                network: {layers: [2, 4, 1], hidden: tanh, output: sigmoid, seed: 3, init: xavier}
                training: {loss: crossEntropy, learningRate: 0.05, iterations: 1, optimizer: \(optimizer)}
                data: {builtin: xor}
                """)
        }
        let style = Fixture.style(theme: .projector, width: 1920, height: 1080)
        let builder = ComparisonBuilder(setups: runs.map(\.setup), names: runs.map(\.name), style: style, measurer: measurer)
        let states = try runs.map { try Fixture.states($0) }
        let minimum = 0.022 * 1080
        for i in 0..<states[0].count {
            let scene = builder.scene(states.map { $0[i] })
            var names: Set<String> = []
            for case let .text(t) in scene.items {
                names.insert(t.string)
                #expect(t.font.size >= minimum - 1e-9, "\"\(t.string.prefix(40))\" at \(t.font.size) px")
            }
            // Each tile names its run as the loss legend does.
            #expect(names.isSuperset(of: ["sgd", "momentum", "adam"]), "\(names.sorted())")
        }
    }

    @Test("every text a projector frame draws, faded or not, has 4.5:1 against the white background")
    func drawnTextContrast() throws {
        let white = Color.white
        for (name, yaml) in Self.runs {
            let run = try Fixture.run(yaml)
            let states = try Self.everyState(run)
            var weakestLight = Double.infinity
            for theme in [ThemeName.projector, .light] {
                let builder = DiagramBuilder(setup: run.setup, style: Self.withPanels(Fixture.style(theme: theme)), measurer: measurer)
                for state in states {
                    for case let .text(t) in builder.scene(state).items {
                        let seen = ColourAccessibilityTests.over(t.color, white)
                        let ratio = ColourAccessibilityTests.contrast(seen, white)
                        if theme == .light { weakestLight = min(weakestLight, ratio); continue }
                        #expect(ratio >= 4.5, "\(name), \(state.phase): \"\(t.string.prefix(30))\" at \(ratio):1")
                    }
                }
            }
            // The check bites: light fades the labels of layers not reached to 45%.
            #expect(weakestLight < 4.5, "\(name): light's weakest text is \(weakestLight):1")
        }
    }
}
