import Foundation
import Testing
import NetFramesGraphics
import NetFramesScene
import NetFramesTestSupport

@Suite("SVG output")
struct SVGOutputTests {
    private func svgText(_ scene: Scene) throws -> String {
        String(decoding: try SceneRenderer().svgData(scene), as: UTF8.self)
    }

    @Test("the root has a viewBox, then an escaped title and description; no bitmaps")
    func blogReady() throws {
        var scene = DiagramFixture.scene(frame: 2)
        scene.items.append(.raster(Rect(x: 0, y: 600, width: 100, height: 50), columns: 4, rows: 2,
                                   colors: (0..<8).map { Color(hex: UInt32($0) * 0x202020) }))
        let svg = try svgText(scene)
        let root = try #require(svg.range(of: "<svg")).lowerBound
        let rootTag = svg[root...].prefix { $0 != ">" }
        #expect(rootTag.contains("viewBox=\"0 0 1280 720\""))
        let afterRoot = svg[svg.index(after: rootTag.endIndex)...]
        #expect(afterRoot.hasPrefix("\n<title>Training step 2</title>\n<desc>A [4, 6, 6, 3] network &amp; its weights &lt;frame 2&gt;</desc>"))
        #expect(!svg.contains("<image"))
        #expect(svg.contains("version=\"1.1\""))
    }

    @Test("empty title and summary add no elements")
    func emptyTitle() throws {
        let svg = try svgText(Scene(width: 10, height: 10, background: .white))
        #expect(!svg.contains("<title") && !svg.contains("<desc"))
        #expect(svg.contains("viewBox=\"0 0 10 10\""))
    }

    @Test("the same scene gives identical SVG bytes")
    func deterministic() throws {
        let scene = DiagramFixture.scene(frame: 5)
        let first = try SceneRenderer().svgData(scene)
        _ = try SceneRenderer().svgData(DiagramFixture.scene(frame: 6))  // advance cairo's counters
        let second = try SceneRenderer().svgData(scene)
        #expect(first == second)
    }

    @Test("rsvg-convert draws our SVG like our PNG")
    func matchesPNGThroughRsvg() throws {
        guard let rsvg = which("rsvg-convert") else {
            print("skipping the SVG/PNG comparison: rsvg-convert is not installed (apt install librsvg2-bin)")
            return
        }
        var scene = DiagramFixture.scene(frame: 4)
        scene.items.insert(.raster(Rect(x: 1000, y: 600, width: 240, height: 90), columns: 24, rows: 9,
                                   colors: (0..<216).map { Color(hex: 0xFED7D7).mixed(with: Color(hex: 0x3182CE), Double($0 % 24) / 23) }),
                           at: 0)
        scene.items.append(.polyline([Point(40, 650), Point(120, 600), Point(200, 680)],
                                     stroke: Stroke(Color(hex: 0x2F855A), width: 3, dash: [8, 4])))
        scene.items.append(.polygon([Point(240, 650), Point(300, 600), Point(330, 690)], fill: Color(hex: 0xD69E2E, alpha: 0.6)))

        let theirs = try withTemporaryFolder("graphics-svg") { folder in
            let svgPath = folder.file("frame.svg"), pngPath = folder.file("frame.png")
            try writeBytes(SceneRenderer().svgData(scene), to: svgPath)
            let result = try runProcess(rsvg, ["-o", pngPath, svgPath])
            #expect(result.status == 0, "rsvg-convert failed: \(result.stderr)")
            return try RGBAImage(pngData: readBytes(pngPath))
        }
        let ours = try SceneRenderer().rasterize(scene)
        #expect(theirs.width == ours.width && theirs.height == ours.height)
        guard theirs.width == ours.width, theirs.height == ours.height else { return }

        // Shapes go through the same rasteriser (rsvg draws with cairo too) and must agree
        // almost exactly. Text cannot: cairo's image backend (1.16) places each glyph on a
        // whole pixel, while the SVG holds glyph outlines at their exact fractional
        // positions, so glyph edges shift by up to half a pixel. So pixels are split by the
        // text boxes the measurer predicts (grown by 2 px): outside them, mean difference
        // under 0.5/255 and 99.9% of pixels within 16/255; inside them, a mean under 12/255
        // (a label that is missing or misplaced by a few pixels gives several times that).
        let measurer = CairoTextMeasurer()
        var inText = [Bool](repeating: false, count: ours.width * ours.height)
        for case let .text(item) in scene.items {
            let box = item.box(extent: measurer.measure(item.string, font: item.font)).insetBy(-2)
            for y in max(0, Int(box.minY))..<min(ours.height, Int(box.maxY.rounded(.up))) {
                for x in max(0, Int(box.minX))..<min(ours.width, Int(box.maxX.rounded(.up))) {
                    inText[y * ours.width + x] = true
                }
            }
        }
        var shapeTotal = 0, shapePixels = 0, shapeOutliers = 0, textTotal = 0, textPixels = 0
        for pixel in 0..<(ours.width * ours.height) {
            var sum = 0, worst = 0
            for c in 0..<4 {
                let d = abs(Int(ours.bytes[pixel * 4 + c]) - Int(theirs.bytes[pixel * 4 + c]))
                sum += d
                worst = max(worst, d)
            }
            if inText[pixel] {
                textTotal += sum
                textPixels += 1
            } else {
                shapeTotal += sum
                shapePixels += 1
                if worst > 16 { shapeOutliers += 1 }
            }
        }
        let shapeMean = Double(shapeTotal) / Double(shapePixels * 4)
        let textMean = Double(textTotal) / Double(textPixels * 4)
        print("SVG vs PNG: shapes mean \(shapeMean)/255, \(shapeOutliers) of \(shapePixels) beyond 16/255; text mean \(textMean)/255 over \(textPixels) px")
        #expect(textPixels > 10_000, "the text mask should cover the labels")
        #expect(shapeMean < 0.5, "mean absolute difference outside text \(shapeMean)/255")
        #expect(Double(shapeOutliers) / Double(shapePixels) < 0.001,
                "\(shapeOutliers) of \(shapePixels) pixels outside text differ by more than 16/255")
        #expect(textMean < 12, "mean absolute difference inside text boxes \(textMean)/255")
    }
}
