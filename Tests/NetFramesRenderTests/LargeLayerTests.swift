import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

/// Layers wider than `maxNeuronsShown` show their first and last neurons around a "⋮".
@Suite("Large layers")
struct LargeLayerTests {
    let measurer = CairoTextMeasurer()

    func layout(_ shape: [Int], maxShown: Int? = nil) throws -> (DiagramBuilder, DiagramLayout) {
        let run = try Fixture.run(Fixture.shaped(shape))
        var style = Fixture.style()
        if let maxShown { style.maxNeuronsShown = maxShown }
        let builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
        return (builder, builder.valuesLayout)
    }

    @Test("[2, 30, 1]: the hidden layer shows its first and last neurons and one ⋮ for the rest")
    func thirty() throws {
        let (_, layout) = try layout([2, 30, 1])
        let column = layout.slots[1]
        let shown = column.compactMap(\.neuronIndex)
        let ellipses = column.compactMap { slot -> (Int, Point)? in
            if case let .ellipsis(hidden, c) = slot { return (hidden, c) }
            return nil
        }
        #expect(ellipses.count == 1)
        let hidden = try #require(ellipses.first).0
        #expect(hidden + shown.count == 30, "\(shown.count) shown + \(hidden) hidden")
        #expect(shown.count <= DiagramStyle().maxNeuronsShown)
        #expect(shown.count >= 2)
        // First and last few, in order, none twice, split evenly around the ⋮.
        #expect(shown == shown.sorted() && Set(shown).count == shown.count)
        #expect(shown.first == 0 && shown.last == 29)
        let k = shown.count / 2
        #expect(Array(shown.prefix(k)) == Array(0..<k))
        #expect(Array(shown.suffix(k)) == Array((30 - k)..<30))
        let middle = try #require(column.firstIndex { $0.neuronIndex == nil })
        #expect(middle == k, "the ⋮ stands between the first and last \(k)")
        // The slots run top to bottom.
        let ys = column.map(\.center.y)
        #expect(ys == ys.sorted() && Set(ys).count == ys.count)
        // Small layers are shown whole.
        #expect(layout.slots[0].compactMap(\.neuronIndex) == [0, 1])
        #expect(layout.slots[2].compactMap(\.neuronIndex) == [0])
    }

    @Test("maxNeuronsShown is respected", arguments: [3, 4, 5, 7, 10, 16, 29, 30, 31, 1000])
    func maxShown(limit: Int) throws {
        let (_, layout) = try layout([2, 30, 1], maxShown: limit)
        let column = layout.slots[1]
        let shown = column.compactMap(\.neuronIndex)
        let hidden = column.reduce(0) { total, slot in
            if case let .ellipsis(h, _) = slot { return total + h }
            return total
        }
        #expect(shown.count + hidden == 30, "limit \(limit): \(shown.count) shown + \(hidden) hidden")
        #expect(shown.count <= max(limit, 3) || limit >= 30, "limit \(limit): \(shown.count) shown")
        if limit >= 30 {
            #expect(shown == Array(0..<30) && hidden == 0, "limit \(limit): every neuron should show")
        } else {
            #expect(column.count <= max(limit, 3), "limit \(limit): \(column.count) slots")
            #expect(hidden > 0 && shown.first == 0 && shown.last == 29)
        }
    }

    @Test("the ⋮ slot is drawn with its hidden count, and no connection or label goes to it")
    func ellipsisDrawn() throws {
        let (builder, layout) = try layout([2, 30, 1])
        let run = try Fixture.run(Fixture.shaped([2, 30, 1]))
        let state = try Fixture.state(try Fixture.states(run), .loss)
        let scene = builder.scene(state)
        let (hidden, centre) = try #require(layout.slots[1].compactMap { slot -> (Int, Point)? in
            if case let .ellipsis(h, c) = slot { return (h, c) }
            return nil
        }.first)
        let texts = scene.items.compactMap { item -> TextItem? in
            if case let .text(t) = item { return t }
            return nil
        }
        #expect(texts.contains { $0.string == "⋮ +\(hidden)" })
        for case let .line(a, b, _) in scene.items {
            #expect(a != centre && b != centre, "a line is drawn to the ⋮ slot")
        }
        let slot = try #require(layout.slots[1].firstIndex { $0.neuronIndex == nil })
        #expect(layout.activationBoxes[1][slot] == nil && layout.biasBoxes[1][slot] == nil)
        for w in layout.weightLabels {
            #expect(layout.slot(layer: w.layer - 1, neuron: w.from) != nil && layout.slot(layer: w.layer, neuron: w.to) != nil,
                    "a weight label for a hidden neuron: \(w)")
        }
        // Connections: 2 inputs × shown hidden, plus shown hidden × 1 output.
        let shown = layout.slots[1].compactMap(\.neuronIndex).count
        let connections = scene.items.filter { item in
            if case let .line(a, b, _) = item {
                return layout.slots.flatMap { $0 }.contains { $0.center == a } && layout.slots.flatMap { $0 }.contains { $0.center == b }
            }
            return false
        }
        #expect(connections.count == 2 * shown + shown)
    }

    /// Below about 4 px a glyph is a smudge: "⋮ +22" must stay readable on every canvas
    /// NetFrames accepts, as every other text does (the smallest, the legend, is 5.6 px
    /// on a 640x360 frame).
    @Test("the ⋮ slot's hidden count is drawn at a readable size", arguments: Canvas.all)
    func hiddenCountLegible(canvas: Canvas) throws {
        let run = try Fixture.run(Fixture.shaped([2, 30, 1]))
        let style = Fixture.style(width: canvas.width, height: canvas.height)
        let builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
        let scene = builder.scene(try Fixture.state(try Fixture.states(run), .loss))
        let count = try #require(scene.items.compactMap { item -> TextItem? in
            if case let .text(t) = item, t.string == "⋮ +22" { return t }
            return nil
        }.first, "no ⋮ +22 drawn")
        #expect(count.font.size >= 4, """
            at \(canvas.testDescription) "⋮ +22" is drawn at \(count.font.size) px \
            (labels at \(builder.valuesLayout.labelFont.size) px): squeezed into 0.95 × the neuron radius \
            (\(builder.valuesLayout.radius))
            """)
    }
}
