import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

/// An SVG frame, rasterised by another program (librsvg), looks like our PNG of the
/// same scene.
///
/// Tolerances: both rasterisers antialias the same vector shapes, so they agree exactly
/// on flat areas and differ only along edges, where coverage is computed differently
/// (and where our PNG draws text through cairo's font rasteriser while the SVG holds
/// glyph outlines). Edge pixels are a few percent of a 1280x720 diagram, so the mean
/// absolute difference per channel must stay below 3/255, and at least 98% of the
/// pixels must be within 24/255 on every channel. A wrong colour, a missing or
/// misplaced label, or a shifted shape moves thousands of pixels by far more than 24
/// and fails both.
@Suite("SVG frames match PNG frames")
struct SVGMatchesPNGTests {
    static let meanTolerance = 3.0
    static let pixelThreshold = 24
    static let closeFraction = 0.98

    /// Renders `scene` both ways and returns how the librsvg raster differs from ours.
    func compare(_ scene: Scene, label: String) throws -> ImageDifference {
        return try withTemporaryFolder("svg-vs-png") { folder in
            let renderer = SceneRenderer()
            let png = try RGBAImage(pngData: renderer.pngData(scene))
            let svg = try renderer.svgData(scene)
            let text = String(decoding: svg, as: UTF8.self)
            #expect(text.hasPrefix("<?xml") || text.contains("<svg"), "\(label): not an SVG document")
            #expect(!text.contains("<image"), "\(label): the SVG embeds a raster image")
            try writeBytes(svg, to: folder.file("frame.svg"))
            let theirs = try rsvgConvert(folder.file("frame.svg"), width: png.width, height: png.height,
                                         to: folder.file("rsvg.png"))
            #expect(theirs.width == png.width && theirs.height == png.height)
            let difference = ImageDifference(png, theirs, threshold: Self.pixelThreshold)
            // Recorded so the report can quote the measured numbers.
            print("SVG vs PNG, \(label): \(difference)")
            #expect(difference.meanAbsolute < Self.meanTolerance, "\(label): \(difference)")
            #expect(difference.fractionClose >= Self.closeFraction, "\(label): \(difference)")
            // The far pixels are glyph edges: cairo's font rasteriser (our PNG) and librsvg's
            // path filler (the SVG's glyph outlines) antialias text differently. Everywhere
            // else (lines, circles, backdrops, the legend) the two must agree to within the
            // threshold on all but 0.02% of pixels: a shape moved by one pixel fails this.
            var isText = [Bool](repeating: false, count: png.width * png.height)
            for box in textBoxes(of: scene).map({ $0.box.grown(2) }) {
                let x0 = max(0, Int(box.minX.rounded(.down))), x1 = min(png.width - 1, Int(box.maxX.rounded(.up)))
                let y0 = max(0, Int(box.minY.rounded(.down))), y1 = min(png.height - 1, Int(box.maxY.rounded(.up)))
                guard x0 <= x1, y0 <= y1 else { continue }
                for y in y0...y1 { for x in x0...x1 { isText[y * png.width + x] = true } }
            }
            var farOutsideText = 0, outsideText = 0
            for y in 0..<png.height {
                for x in 0..<png.width {
                    if isText[y * png.width + x] { continue }
                    outsideText += 1
                    if png.rgb(x, y).distance(to: theirs.rgb(x, y)) > Self.pixelThreshold
                        || abs(png.rgb(x, y).a - theirs.rgb(x, y).a) > Self.pixelThreshold { farOutsideText += 1 }
                }
            }
            print("SVG vs PNG, \(label): \(farOutsideText) of \(outsideText) pixels outside text beyond \(Self.pixelThreshold)")
            #expect(Double(farOutsideText) <= 0.0002 * Double(outsideText),
                    "\(label): \(farOutsideText) pixels outside any text differ by more than \(Self.pixelThreshold)")
            return difference
        }
    }

    @Test("the same scene as SVG and PNG, light and dark", arguments: [ThemeName.light, .dark])
    func coloursRun(theme: ThemeName) throws {
        let run = try Fixture.run(Fixture.colours)
        let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(theme: theme), measurer: CairoTextMeasurer())
        let states = try Fixture.states(run)
        _ = try compare(builder.scene(try Fixture.state(states, .loss)), label: "colours \(theme) loss")
    }

    @Test("the demo's frames of every phase, as SVG and PNG", arguments: [ThemeName.light, .dark])
    func demoPhases(theme: ThemeName) throws {
        let run = try Fixture.run(Fixture.demo, file: "demo")
        let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(theme: theme), measurer: CairoTextMeasurer())
        let states = try Fixture.states(run)
        #expect(states.count == 12)
        for phase in Phase.allCases {
            let state = try Fixture.state(states, phase)
            _ = try compare(builder.scene(state), label: "demo \(theme) \(phase)")
        }
    }

    @Test("the comparison is not blind: another frame of the run fails it")
    func comparisonCatchesDifferences() throws {
        // The SVG of the backward frame against the PNG of the update frame: same layout
        // almost everywhere, different labels, colours and rings. If this passed the
        // bounds above, they would not tell frames apart.
        let run = try Fixture.run(Fixture.demo, file: "demo")
        let states = try Fixture.states(run)
        let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(), measurer: CairoTextMeasurer())
        try withTemporaryFolder("svg-blind") { folder in
            let renderer = SceneRenderer()
            let png = try RGBAImage(pngData: renderer.pngData(builder.scene(try Fixture.state(states, .update))))
            try writeBytes(try renderer.svgData(builder.scene(try Fixture.state(states, .backward))), to: folder.file("b.svg"))
            let other = try rsvgConvert(folder.file("b.svg"), width: png.width, height: png.height, to: folder.file("b.png"))
            let d = ImageDifference(png, other, threshold: Self.pixelThreshold)
            print("SVG of backward vs PNG of update: \(d)")
            #expect(d.meanAbsolute >= Self.meanTolerance || d.fractionClose < Self.closeFraction,
                    "different frames pass the SVG-vs-PNG bounds: \(d)")
        }
    }
}
