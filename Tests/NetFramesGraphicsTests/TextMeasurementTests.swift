import Testing
import NetFramesGraphics
import NetFramesScene

@Suite("Text measurement")
struct TextMeasurementTests {
    let measurer = CairoTextMeasurer()

    @Test("widths are positive and grow with the font size; ascent and descent are positive")
    func basicMetrics() {
        let small = measurer.measure("σ=0.731", font: Font(family: "DejaVu Sans", size: 12))
        let large = measurer.measure("σ=0.731", font: Font(family: "DejaVu Sans", size: 24))
        #expect(small.width > 0)
        #expect(large.width > small.width * 1.9 && large.width < small.width * 2.1)
        #expect(small.ascent > 0 && small.descent > 0)
        #expect(large.ascent > small.ascent)
        // Font extents, not ink: every string in a font shares ascent and descent.
        let dots = measurer.measure("...", font: Font(family: "DejaVu Sans", size: 12))
        #expect(dots.ascent == small.ascent && dots.descent == small.descent)
        #expect(measurer.measure("", font: testFont).width == 0)
    }

    @Test("bold is wider, and non-Latin labels measure")
    func boldAndUnicode() {
        let regular = measurer.measure("hidden 1", font: Font(family: "DejaVu Sans", size: 14))
        let bold = measurer.measure("hidden 1", font: Font(family: "DejaVu Sans", size: 14, bold: true))
        #expect(bold.width > regular.width)
        for label in ["∂L/∂w", "→", "⋮", "−0.5", "x²", "a·b", "w′", "δ"] {
            #expect(measurer.measure(label, font: testFont).width > 0, "\(label)")
        }
    }

    @Test("measurement is independent of scale: a label covers twice the pixels at scale 2")
    func scaleIndependent() throws {
        let item = TextItem("σ=0.731", at: Point(10, 50), font: testFont, color: .black,
                            horizontal: .left, vertical: .middle)
        let extent = measurer.measure(item.string, font: item.font)
        let once = try inkBounds(SceneRenderer().rasterize(whiteScene([.text(item)])))
        let twice = try inkBounds(SceneRenderer().rasterize(whiteScene([.text(item)]), scale: 2))
        #expect(abs((twice.maxX - twice.minX) - 2 * (once.maxX - once.minX)) <= 2)
        #expect(once.maxX - once.minX <= extent.width + 1)
    }

    @Test("rendered ink lies inside the box the measurement predicts",
          arguments: [(HorizontalAnchor.left, VerticalAnchor.baseline), (.center, .middle),
                      (.right, .top), (.center, .bottom)])
    func inkInsideBox(horizontal: HorizontalAnchor, vertical: VerticalAnchor) throws {
        let item = TextItem("σ=0.731 ∂", at: Point(150, 60), font: testFont, color: .black,
                            horizontal: horizontal, vertical: vertical)
        let box = item.box(extent: measurer.measure(item.string, font: item.font))
        let image = try SceneRenderer().rasterize(whiteScene([.text(item)], width: 300, height: 120))
        let ink = try inkBounds(image)
        #expect(ink.minX >= box.minX - 1 && ink.maxX <= box.maxX + 1, "ink \(ink) box \(box)")
        #expect(ink.minY >= box.minY - 1 && ink.maxY <= box.maxY + 1, "ink \(ink) box \(box)")
        // And the ink fills the box's width: the text is where the box says, not just inside it.
        #expect(ink.maxX - ink.minX > box.width * 0.85, "ink \(ink) box \(box)")
    }

    @Test("copies of one measurer may measure from many threads at once")
    func concurrentMeasuring() async {
        let measurer = self.measurer
        let expected = measurer.measure("b=0.100", font: testFont)
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<32 {
                group.addTask {
                    let font = Font(family: "DejaVu Sans", size: i.isMultiple(of: 2) ? 24 : 11, bold: i % 3 == 0)
                    _ = measurer.measure("σ=0.\(i)", font: font)
                    return measurer.measure("b=0.100", font: testFont) == expected
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 32 && results.allSatisfy { $0 })
    }
}

/// The bounding box, in pixel edges, of pixels darker than mid grey.
private func inkBounds(_ image: RGBAImage) throws -> Rect {
    var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
    for y in 0..<image.height {
        for x in 0..<image.width where image.pixel(x: x, y: y).r < 128 {
            minX = min(minX, x); maxX = max(maxX, x)
            minY = min(minY, y); maxY = max(maxY, y)
        }
    }
    try #require(maxX >= 0, "no ink rendered")
    return Rect(x: Double(minX), y: Double(minY), width: Double(maxX + 1 - minX), height: Double(maxY + 1 - minY))
}
