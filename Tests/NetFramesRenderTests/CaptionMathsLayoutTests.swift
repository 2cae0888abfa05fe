import Testing
@testable import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesScene
import NetFramesTestSupport

/// The maths typesetter on its own: scripts, fractions and faces, measured as cairo draws.
@Suite("Caption maths: layout")
struct CaptionMathsLayoutTests {
    let measurer = CairoTextMeasurer()
    let font = Font(family: "DejaVu Sans", size: 20)

    func setter(fractionSize: Double? = nil) -> MathTypesetter {
        MathTypesetter(measurer: measurer, font: font, color: { _ in .black }, fractionSize: fractionSize)
    }

    func texts(_ layout: MathTypesetter.Layout) -> [TextItem] {
        layout.items.compactMap { if case let .text(t) = $0 { return t } else { return nil } }
    }

    @Test("a subscript is smaller and lowered, a superscript smaller and raised, each after its base")
    func scripts() throws {
        let set = setter().layout(MathLine(formula: "β₁ + g²").nodes)
        let t = texts(set)
        #expect(t.map(\.string) == ["β", "1", " + ", "g", "2"])
        let beta = t[0], one = t[1], g = t[3], two = t[4]
        #expect(beta.font.size == 20 && g.font.size == 20)
        #expect(one.font.size == 20 * MathTypesetter.scriptScale && two.font.size == 20 * MathTypesetter.scriptScale)
        #expect(beta.position.y == 0 && g.position.y == 0)
        #expect(abs(one.position.y - 20 * MathTypesetter.subscriptDrop) < 1e-9, "the subscript's baseline drops")
        #expect(abs(two.position.y + 20 * MathTypesetter.superscriptRise) < 1e-9, "the superscript's baseline rises")
        // Each script starts where its base ends (a superscript after an italic letter a
        // little later, clear of the slant); nothing overlaps.
        let betaEnd = beta.position.x + measurer.measure("β", font: beta.font).width
        #expect(abs(one.position.x - betaEnd) < 1e-9)
        let gEnd = g.position.x + measurer.measure("g", font: g.font).width
        #expect(two.position.x > gEnd && two.position.x < gEnd + 20 * 0.1)
        #expect(set.width > two.position.x)
        #expect(set.top < -measurer.measure("g", font: font).ascent, "the superscript reaches above the line's font box")
    }

    @Test("a stacked fraction: the numerator above the bar, the denominator below, both centred on it")
    func fraction() throws {
        var line = MathLine()
        line.number("0.5", .base)
        line.partial("L", by: "w")
        let set = setter(fractionSize: 15).layout(line.nodes)
        #expect(set.stacked)
        let bars = set.items.compactMap { item -> (Point, Point, Stroke)? in
            if case let .line(from, to, stroke) = item { return (from, to, stroke) } else { return nil }
        }
        try #require(bars.count == 1, "one fraction bar")
        let (from, to, stroke) = bars[0]
        #expect(from.y == to.y && stroke.width > 0)
        let t = texts(set)
        #expect(t.map(\.string) == ["0.5", "∂", "L", "∂", "w"])
        let numerator = Array(t[1...2]), denominator = Array(t[3...4])
        #expect(numerator.allSatisfy { $0.font.size == 15 } && denominator.allSatisfy { $0.font.size == 15 })
        #expect(numerator[1].font.italic && denominator[1].font.italic && !numerator[0].font.italic)
        let barY = from.y
        // The bar is on the axis: the middle of the font box, where a middle-anchored text is centred.
        let extent = measurer.measure("0", font: font)
        #expect(abs(barY + (extent.ascent - extent.descent) / 2) < 1e-9)
        for part in numerator {
            let box = part.box(extent: measurer.measure(part.string, font: part.font))
            #expect(box.maxY <= barY - stroke.width / 2 + 1e-9, "\(part.string) of the numerator is above the bar")
        }
        for part in denominator {
            let box = part.box(extent: measurer.measure(part.string, font: part.font))
            #expect(box.minY >= barY + stroke.width / 2 - 1e-9, "\(part.string) of the denominator is below the bar")
        }
        // Both parts centred on the bar, which spans the wider of them.
        func span(_ parts: [TextItem]) -> (Double, Double) {
            let left = parts[0].position.x
            let last = parts[parts.count - 1]
            return (left, last.position.x + measurer.measure(last.string, font: last.font).width)
        }
        let (nl, nr) = span(numerator), (dl, dr) = span(denominator)
        let centre = (from.x + to.x) / 2
        #expect(abs((nl + nr) / 2 - centre) < 0.01 && abs((dl + dr) / 2 - centre) < 0.01)
        #expect(to.x - from.x + stroke.width >= max(nr - nl, dr - dl))
        // After the fraction comes nothing here, but the set is as wide as its bar and spaces.
        #expect(set.width >= to.x)
    }

    @Test("without a fraction size, a fraction is set inline, as its plain text")
    func inlineFraction() {
        var line = MathLine()
        line.partial("L", by: "w")
        let set = setter().layout(line.nodes)
        #expect(!set.stacked)
        #expect(texts(set).map(\.string).joined() == "∂L/∂w")
        #expect(!set.items.contains { if case .line = $0 { return true } else { return false } })
    }

    @Test("single letters are italic variables; numbers, function names and Σ are upright")
    func faces() {
        var line = MathLine(formula: "tanh(z) = Σ w·a + b, δ = η·L; ")
        line.number("0.731", .activation(0.731))
        let t = texts(setter().layout(line.nodes))
        let italic = Set(t.filter(\.font.italic).map(\.string))
        #expect(italic == ["z", "w", "a", "b", "δ", "η", "L"])
        let upright = t.filter { !$0.font.italic }.map(\.string).joined()
        #expect(upright.contains("tanh(") && upright.contains("Σ") && upright.hasSuffix("0.731"))
    }

    @Test("the plain text of maths is the caption text: scripts as Unicode, fractions inline")
    func plainText() {
        var line = MathLine(formula: "m ← β₁·m + (1−β₁)·g, L = ½ Σ (a − t)²; ")
        line.partial("L", by: "w")
        line.words(" = ")
        line.fraction(MathLine(formula: "g"), over: MathLine(formula: "√s + ε"), inline: MathLine(formula: "g/(√s + ε)"))
        #expect(line.plain == "m ← β₁·m + (1−β₁)·g, L = ½ Σ (a − t)²; ∂L/∂w = g/(√s + ε)")
        #expect(line.hasFraction)
    }

    @Test("an italic face is drawn slanted: a tall stroke leans right from foot to top")
    func italicIsSlanted() throws {
        func lean(italic: Bool) throws -> Double {
            let scene = Scene(width: 80, height: 120, background: .white, items: [
                .text(TextItem("l", at: Point(40, 60), font: Font(family: "DejaVu Sans", size: 100, italic: italic), color: .black))])
            let image = try SceneRenderer().rasterize(scene)
            func inkCentre(row: Int) -> Double {
                var sum = 0.0, weight = 0.0
                for x in 0..<image.width {
                    let ink = Double(255 - image.rgb(x, row).r)
                    sum += ink * Double(x)
                    weight += ink
                }
                return weight > 0 ? sum / weight : .nan
            }
            var rows: [Int] = []
            for y in 0..<image.height where (0..<image.width).contains(where: { image.rgb($0, y).r < 128 }) { rows.append(y) }
            let top = try #require(rows.first), bottom = try #require(rows.last)
            return inkCentre(row: top + 5) - inkCentre(row: bottom - 5)
        }
        #expect(abs(try lean(italic: false)) < 1.5)
        #expect(try lean(italic: true) > 8)
    }
}
