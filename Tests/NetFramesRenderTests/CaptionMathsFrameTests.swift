import Testing
@testable import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRun
import NetFramesScene
import NetFramesTestSupport

/// Frames draw their caption as maths: coloured factors, stacked fractions where there is
/// room, inline ones or the plain line where there is not; the plain text is unchanged.
@Suite("Caption maths: frames")
struct CaptionMathsFrameTests {
    @Test("the plain caption lines are what they were, and the maths reads the same")
    func plainLinesUnchanged() throws {
        let (builder, states) = try captionFixture(twoTwoTwo)
        let lines = states.flatMap { builder.captionLines(of: $0) }
        #expect(lines == [
            "Forward pass, hidden layer 1: each neuron adds its weighted inputs and its bias, z = Σ w·a + b, then applies σ(z) = 1 / (1 + exp(−z)).",
            "Neuron 1: z = 0.150·0.050 + 0.200·0.100 + 0.350 = 0.378;  σ(0.378) = 0.593",
            "Forward pass, the output layer: each neuron adds its weighted inputs and its bias, z = Σ w·a + b, then applies σ(z) = 1 / (1 + exp(−z)).",
            "Neuron 1: z = 0.400·0.593 + 0.450·0.597 + 0.600 = 1.106;  σ(1.106) = 0.751",
            "Cost: how far the outputs are from the targets, L = ½ Σ (a − t)².",
            "L = ½[(0.751 − 0.010)² + (0.773 − 0.990)²] = 0.298",
            "Backpropagation, output layer: each neuron's error δ = ∂L/∂z, then each weight's gradient ∂L/∂w = δ · (the activation it multiplies).",
            "Neuron 1: δ = (a − t) · σ′(z) = (0.751 − 0.010) · 0.187 = 0.138;  ∂L/∂w (from neuron 1) = 0.138 · 0.593 = 0.082",
            "Backpropagation, hidden layer 1: the error flows back through the weights, δ = (Σ w·δ of the next layer) · f′(z), and ∂L/∂w = δ · a.",
            "Neuron 1: δ = (0.400·0.138 + 0.500·(−0.038)) · 0.241 = 0.009;  ∂L/∂w (from neuron 1) = 0.009 · 0.050 = 4.39e−4",
            "Update: every weight steps against its gradient, w ← w − η·∂L/∂w with η = 0.500; biases stay fixed.",
            "Weight from neuron 1 into output 1: 0.400 − 0.500·0.082 = 0.359",
        ])
        for state in states {
            #expect(builder.captionMaths(of: state)?.map(\.plain) == builder.captionLines(of: state))
            // Each drawn line (fractions set inline here would read exactly so) is the caption's.
            let scene = builder.scene(state)
            let caption = CaptionItems(scene, band: try #require(builder.layout(for: state).captionBox))
            #expect(CaptionItems.draw(caption.first, builder.captionLines(of: state)[0]))
            if caption.bars.isEmpty {
                #expect(CaptionItems.draw(caption.second, builder.captionLines(of: state)[1]))
            }
        }
    }

    @Test("the worked line stacks ∂L/∂w over a bar; the prose line keeps it inline, in italics")
    func backwardFrame() throws {
        let (builder, states) = try captionFixture(twoTwoTwo)
        let state = try Fixture.state(states, .backward, layer: 2)
        let band = try #require(builder.valuesLayout.captionBox)
        let caption = CaptionItems(builder.scene(state), band: band)
        try #require(caption.bars.count == 1, "one fraction in the worked line")
        let bar = caption.bars[0]
        #expect(bar.from.y > band.center.y, "the bar is in the worked line")
        #expect(bar.stroke.color == builder.theme.mutedText)
        // ∂L above the bar, ∂w below, smaller than the line and over the bar's span.
        let inBar = caption.second.filter { (t: TextItem) in t.position.x >= bar.from.x - 2 && t.position.x <= bar.to.x }
        let over = inBar.filter { (t: TextItem) in t.position.y < bar.from.y }
        let under = inBar.filter { (t: TextItem) in t.position.y > bar.from.y + 2 }
        #expect(over.map(\.string) == ["∂", "L"] && under.map(\.string) == ["∂", "w"], "\(over.map(\.string)) over \(under.map(\.string))")
        let size = builder.valuesLayout.captionFont.size
        #expect((over + under).allSatisfy { $0.font.size < size && $0.font.size >= size * 0.6 })
        #expect(over[1].font.italic && under[1].font.italic && !over[0].font.italic)
        // The prose line: ∂L/∂z and ∂L/∂w inline, δ, L, z, w in italics.
        #expect(caption.first.contains { $0.string == "/∂" })
        #expect(Set(caption.first.filter(\.font.italic).map(\.string)) == ["δ", "L", "z", "w"])
        // Everything stays on the canvas and inside the band's width.
        for t in caption.first + caption.second {
            let box = t.box(extent: CairoTextMeasurer().measure(t.string, font: t.font))
            #expect(box.minX >= band.minX - 1e-9 && box.maxX <= band.maxX + 1e-9 && box.maxY <= builder.style.height)
        }
    }

    @Test("each factor takes its element's colour: weights their connection's hue, activations their neuron's")
    func factorColours() throws {
        let (builder, states) = try captionFixture(Fixture.colours)
        let theme = builder.theme
        let state = try Fixture.state(states, .forward, layer: 2)
        let scene = builder.scene(state)
        let caption = CaptionItems(scene, band: try #require(builder.valuesLayout.captionBox))
        let format = builder.valuesLayout.format
        func drawn(_ x: Double) throws -> TextItem {
            // A negative number after another term is drawn as " − " and its magnitude.
            try #require(caption.second.first { $0.string == format(x) }
                            ?? caption.second.first { $0.string == format(abs(x)) && x < 0 },
                         "\(format(x)) is not drawn in \(caption.second.map(\.string))")
        }
        for k in 0..<2 {
            let w = state.weight(into: 2, to: 0, from: k)
            let item = try drawn(w)
            #expect(item.color == theme.legible(w >= 0 ? theme.positive : theme.negative), "weight \(w)")
            #expect(!item.font.italic)
            // The connection is drawn in the same hue family.
            let connection = builder.valuesLayout.slots[1][k].center, output = builder.valuesLayout.slots[2][0].center
            let stroke = try #require(scene.items.lazy.compactMap { item -> Stroke? in
                if case let .line(from, to, stroke) = item, from == connection, to == output { return stroke }
                return nil
            }.first)
            #expect(stroke.color == theme.lineColor(w).withAlpha(1))
            #expect(isWarm(item.color) == isWarm(stroke.color) && isWarm(item.color) == (w < 0))
            let a = try #require(state.activations[1]?[k])
            let activation = try drawn(a)
            #expect(activation.color == theme.legible(a >= 0 ? theme.positive : theme.negative), "activation \(a)")
            #expect(isWarm(activation.color) == isWarm(theme.neuronFill(a)) && isWarm(activation.color) == (a < 0))
        }
        // The backward frame: the delta and the gradient in the backward colour.
        let backward = try Fixture.state(states, .backward, layer: 2)
        let back = CaptionItems(builder.scene(backward), band: try #require(builder.valuesLayout.captionBox))
        let delta = try #require(backward.deltas[2]?[0]), gradient = try #require(backward.gradient(into: 2, to: 0, from: 0))
        #expect(back.second.contains { $0.string == format(delta) && $0.color == theme.legible(theme.backward) })
        #expect(back.second.last?.string == format(gradient) && back.second.last?.color == theme.legible(theme.backward))
        // The cost: the targets in the colour of the cost.
        let loss = try Fixture.state(states, .loss)
        let cost = CaptionItems(builder.scene(loss), band: try #require(builder.valuesLayout.captionBox))
        #expect(cost.second.contains { $0.string == format(1) && $0.color == theme.legible(theme.forward) })
    }

    @Test("every caption text keeps 4.5:1 contrast against the canvas", arguments: [ThemeName.light, .dark, .transparent])
    func contrast(theme name: ThemeName) throws {
        for yaml in [Fixture.colours, twoTwoTwo, Fixture.demo] {
            let (builder, states) = try captionFixture(yaml, style: Fixture.style(theme: name))
            let ground = builder.theme.textGround
            for state in states {
                let caption = CaptionItems(builder.scene(state), band: try #require(builder.layout(for: state).captionBox))
                for t in caption.first + caption.second {
                    #expect(t.color.contrastRatio(with: ground) >= Theme.textContrast, "\(t.string) in \(name)")
                }
                for bar in caption.bars { #expect(bar.stroke.color.contrastRatio(with: ground) >= Theme.textContrast) }
            }
        }
    }

    @Test("legible colours: a pale hue is darkened on white just enough, a strong one is kept")
    func legibleColours() {
        let light = Theme.named(.light), dark = Theme.named(.dark)
        #expect(light.negative.contrastRatio(with: .white) < 4.5)
        let orange = light.legible(light.negative)
        #expect(orange.contrastRatio(with: .white) >= 4.5 && isWarm(orange))
        #expect(orange != light.negative)
        #expect(light.legible(light.backward) == light.backward, "already legible")
        for hue in [dark.positive, dark.negative, dark.backward, dark.forward, dark.update] {
            #expect(dark.legible(hue) == hue)
        }
    }

    @Test("a narrow canvas sets fractions inline, and a line too long for the band is drawn plain",
          arguments: [(480.0, 270.0), (640.0, 360.0)])
    func narrowCanvas(width: Double, height: Double) throws {
        let (builder, states) = try captionFixture(twoTwoTwo, style: Fixture.style(width: width, height: height))
        for state in states {
            let band = try #require(builder.layout(for: state).captionBox)
            let caption = CaptionItems(builder.scene(state), band: band)
            #expect(caption.bars.isEmpty, "\(state.phase): no stacked fraction at \(width)x\(height)")
            let lines = builder.captionLines(of: state)
            for (texts, line) in [(caption.first, lines[0]), (caption.second, lines[1])] {
                #expect(CaptionItems.draw(texts, line))
                if texts.count == 1 {
                    // The plain line, as before: one text in the caption font or smaller.
                    #expect(texts[0].font.size <= builder.valuesLayout.captionFont.size && !texts[0].font.italic)
                } else {
                    // Typeset: inside the band, at the caption font's size.
                    let end = texts.map { $0.position.x + CairoTextMeasurer().measure($0.string, font: $0.font).width }.max() ?? 0
                    #expect(end <= band.maxX + 1e-9)
                }
            }
        }
        // At 480x270 the forward pass's prose line (italics make it a little wider) does
        // not fit: it is the plain line, drawn a little smaller as before.
        if width == 480 {
            let state = try Fixture.state(states, .forward, layer: 1)
            let caption = CaptionItems(builder.scene(state), band: try #require(builder.valuesLayout.captionBox))
            #expect(caption.first.count == 1 && caption.first[0].string == builder.captionLines(of: state)[0])
            #expect(caption.second.count > 1, "the worked line still fits, typeset")
        }
    }

    @Test("long numbers (six digits): a worked line too wide inline is stacked where it can be, drawn plain where not")
    func longNumbers() throws {
        let measurer = CairoTextMeasurer()
        for (width, height, stacks) in [(960.0, 540.0, true), (640.0, 360.0, false)] {
            var style = Fixture.style(width: width, height: height)
            style.digits = 6
            let (builder, states) = try captionFixture(Fixture.shaped([5, 4, 3]), style: style)
            for state in states {
                let caption = CaptionItems(builder.scene(state), band: try #require(builder.layout(for: state).captionBox))
                let lines = builder.captionLines(of: state)
                #expect(CaptionItems.draw(caption.first, lines[0]))
                #expect(CaptionItems.draw(caption.second, lines[1]) || !caption.bars.isEmpty)
            }
            // The forward pass into the softmax layer, "Neuron 1: z = … = −0.123456;  exp(…) / Σ exp(z) = … / … = …",
            // is wider than the band with its fractions inline.
            let forward = try Fixture.state(states, .forward, layer: 2)
            let band = try #require(builder.valuesLayout.captionBox)
            let maths = try #require(builder.captionMaths(of: forward)?[1])
            let inline = MathTypesetter(measurer: measurer, font: builder.valuesLayout.captionFont, color: { _ in .black },
                                        fractionSize: nil).layout(maths.nodes)
            #expect(inline.width > band.width)
            let caption = CaptionItems(builder.scene(forward), band: band)
            if stacks {
                // Stacked, its two fractions are narrower and fit.
                #expect(caption.bars.count == 2 && caption.second.count > 1)
            } else {
                // Too small to stack (7-unit caption font): the plain line, drawn smaller to fit as before.
                #expect(caption.bars.isEmpty)
                #expect(caption.second.count == 1 && caption.second[0].string == builder.captionLines(of: forward)[1])
                #expect(caption.second[0].font.size < builder.valuesLayout.captionFont.size)
            }
        }
    }

    @Test("the fallback order: stacked where it fits, inline without room to stack, plain text when neither fits")
    func fallbackOrder() throws {
        let (builder, states) = try captionFixture(twoTwoTwo)
        let state = try Fixture.state(states, .backward, layer: 2)
        let layout = builder.valuesLayout
        let frame = Frame(builder: builder, layout: layout, state: state)
        let line = try #require(builder.captionMaths(of: state)?[1])
        let band = try #require(layout.captionBox)
        let slot = Rect(x: band.minX, y: band.center.y, width: band.width, height: band.height / 2)
        let room = band.minY...(band.maxY + 8)
        func bars(_ items: [SceneItem]) -> Int { items.filter { if case .line = $0 { return true } else { return false } }.count }
        func width(_ items: [SceneItem]) -> Double {
            items.compactMap { item -> Double? in
                guard case let .text(t) = item else { return nil }
                return t.position.x + CairoTextMeasurer().measure(t.string, font: t.font).width
            }.max()! - slot.minX
        }
        let stacked = try #require(frame.typesetCaptionLine(line, in: slot, color: builder.theme.mutedText, stackRoom: room))
        #expect(bars(stacked.items) == 1)
        let inline = try #require(frame.typesetCaptionLine(line, in: slot, color: builder.theme.mutedText, stackRoom: nil))
        #expect(bars(inline.items) == 0)
        // Too little height for the stack: inline.
        let flat = slot.center.y - 4...slot.center.y + 4
        #expect(bars(try #require(frame.typesetCaptionLine(line, in: slot, color: .black, stackRoom: flat)).items) == 0)
        // Stacked is narrower than inline; a slot between the two stacks, one narrower than both gives nothing.
        let (w1, w2) = (width(stacked.items), width(inline.items))
        #expect(w1 < w2)
        var middle = slot
        middle.width = (w1 + w2) / 2
        #expect(bars(try #require(frame.typesetCaptionLine(line, in: middle, color: .black, stackRoom: room)).items) == 1)
        #expect(frame.typesetCaptionLine(line, in: middle, color: .black, stackRoom: nil) == nil)
        var narrow = slot
        narrow.width = w1 * 0.9
        #expect(frame.typesetCaptionLine(line, in: narrow, color: .black, stackRoom: room) == nil)
    }

    @Test("the same state gives the same caption items every time")
    func deterministic() throws {
        let (builder, states) = try captionFixture(Fixture.demo)
        for state in states {
            #expect(builder.scene(state).canonicalBytes == builder.scene(state).canonicalBytes)
        }
        let (again, _) = try captionFixture(Fixture.demo)
        #expect(states.map { builder.scene($0).canonicalBytes } == states.map { again.scene($0).canonicalBytes })
    }
}
