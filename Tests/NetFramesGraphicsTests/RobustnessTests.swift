import Testing
import NetFramesGraphics
import NetFramesScene

@Suite("Robustness")
struct RobustnessTests {
    @Test("an unusable font size measures as zero and does not spoil later measurements")
    func zeroFontSize() {
        let measurer = CairoTextMeasurer()
        let good = measurer.measure("σ=0.731", font: testFont)
        for size in [0, -3, Double.nan, .infinity] {
            let bad = measurer.measure("σ=0.731", font: Font(family: "DejaVu Sans", size: size))
            #expect(bad == TextExtent(width: 0, ascent: 0, descent: 0))
        }
        #expect(measurer.measure("σ=0.731", font: testFont) == good)
    }

    @Test("bad fonts and dash patterns do not fail a render")
    func badItemsStillRender() throws {
        let scene = whiteScene([
            .text(TextItem("invisible", at: Point(50, 50), font: Font(family: "DejaVu Sans", size: 0), color: .black)),
            .line(from: Point(10, 20.5), to: Point(190, 20.5), stroke: Stroke(.black, width: 3, dash: [-1, 2])),
            .line(from: Point(10, 40.5), to: Point(190, 40.5), stroke: Stroke(.black, width: 3, dash: [0, 0])),
            .text(TextItem("after", at: Point(100, 80), font: testFont, color: .black)),
        ])
        let image = try renderedPNG(scene)
        // The invalid dashes draw solid lines; the text after the bad one is drawn.
        #expect((10...189).allSatisfy { image.pixel(x: $0, y: 20).r == 0 })
        #expect((10...189).allSatisfy { image.pixel(x: $0, y: 40).r == 0 })
        #expect((70...130).contains { x in (70...90).contains { image.pixel(x: x, y: $0).r < 100 } })
        #expect(try SceneRenderer().svgData(scene).count > 0)
        #expect(try SceneRenderer().pdfData(scene).count > 0)
    }

    @Test("a dashed line has gaps, and solid lines after it are solid again")
    func dashes() throws {
        let image = try renderedPNG(whiteScene([
            .line(from: Point(10, 20.5), to: Point(190, 20.5), stroke: Stroke(.black, width: 3, dash: [10, 10])),
            .line(from: Point(10, 60.5), to: Point(190, 60.5), stroke: Stroke(.black, width: 3)),
        ]))
        // Round caps lengthen each 10-unit dash by 1.5 at both ends, leaving gaps of 7:
        // about 9 gaps along 180 pixels, so roughly 60 white and 110 black pixels.
        let dashed = (10...189).map { image.pixel(x: $0, y: 20).r }
        #expect(dashed.filter { $0 == 255 }.count > 45)
        #expect(dashed.filter { $0 == 0 }.count > 90)
        #expect((10...189).allSatisfy { image.pixel(x: $0, y: 60).r == 0 })
    }

    @Test("a raster wider than an image surface allows is still drawn in a PNG")
    func hugeRaster() throws {
        let columns = 40_000
        let image = try renderedPNG(whiteScene([
            .raster(Rect(x: 0, y: 0, width: 200, height: 50), columns: columns, rows: 1,
                    colors: [Color](repeating: Color(red: 0, green: 0, blue: 1), count: columns)),
        ]))
        #expect(image.pixel(x: 100, y: 25) == (0, 0, 255, 255))
    }
}
