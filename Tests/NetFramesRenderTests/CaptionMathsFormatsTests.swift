import Foundation
import Testing
@testable import NetFramesDiagram
import NetFramesGraphics
import NetFramesRun
import NetFramesScene
import NetFramesTestSupport

/// A frame with typeset maths is the same picture as PNG, as SVG (rasterised by librsvg)
/// and as PDF (rasterised by poppler), within the tolerances `SVGMatchesPNGTests` uses.
@Suite("Caption maths: PNG, SVG and PDF agree")
struct CaptionMathsFormatsTests {
    /// A backward frame of the two-two-two run: italic variables in both lines, coloured
    /// factors and a stacked ∂L/∂w in the worked line.
    func frame(_ theme: ThemeName) throws -> Scene {
        let (builder, states) = try captionFixture(twoTwoTwo, style: Fixture.style(theme: theme))
        let scene = builder.scene(try Fixture.state(states, .backward, layer: 2))
        // The frame really holds what is being compared.
        let caption = CaptionItems(scene, band: try #require(builder.valuesLayout.captionBox))
        #expect(caption.bars.count == 1)
        #expect(caption.first.contains(where: \.font.italic) && caption.second.contains(where: \.font.italic))
        #expect(Set(caption.second.map(\.color)).count >= 4, "muted text, activation, target and backward colours")
        return scene
    }

    @Test("the SVG of a frame with maths matches its PNG", arguments: [ThemeName.light, .dark])
    func svg(theme: ThemeName) throws {
        _ = try SVGMatchesPNGTests().compare(try frame(theme), label: "caption maths \(theme)")
    }

    /// Our PNG of `scene` and poppler's raster of its PDF.
    func pngAndPDF(_ scene: Scene, in folder: TemporaryFolder, name: String) throws -> (RGBAImage, RGBAImage) {
        let renderer = SceneRenderer()
        let png = try RGBAImage(pngData: renderer.pngData(scene))
        try writeBytes(try renderer.pdfData(scene), to: folder.file(name + ".pdf"))
        let theirs = try pdfToPNG(folder.file(name + ".pdf"), width: png.width, height: png.height, to: folder.file(name))
        try #require(theirs.width == png.width && theirs.height == png.height)
        return (png, theirs)
    }

    /// The caption's texts of `scene`.
    func captionTexts(_ scene: Scene, theme: ThemeName) throws -> [TextItem] {
        let band = try #require(DiagramBuilder(setup: try Fixture.run(twoTwoTwo).setup, style: Fixture.style(theme: theme),
                                               measurer: CairoTextMeasurer()).valuesLayout.captionBox)
        let caption = CaptionItems(scene, band: band)
        return caption.first + caption.second
    }

    @Test("the PDF of a frame with maths matches its PNG", arguments: [ThemeName.light, .dark])
    func pdf(theme: ThemeName) throws {
        let scene = try frame(theme)
        try withTemporaryFolder("maths-pdf") { folder in
            let (png, theirs) = try pngAndPDF(scene, in: folder, name: "frame")
            let difference = ImageDifference(png, theirs, threshold: SVGMatchesPNGTests.pixelThreshold)
            print("PDF vs PNG, caption maths \(theme): \(difference)")
            #expect(difference.meanAbsolute < SVGMatchesPNGTests.meanTolerance, "\(difference)")
            #expect(difference.fractionClose >= SVGMatchesPNGTests.closeFraction, "\(difference)")
            // Each run of the caption's maths (variables, coloured numbers, the fraction's
            // parts) holds the same ink in the same colour in both.
            let texts = try captionTexts(scene, theme: theme)
            let mismatches = inkMismatches(texts, ours: png, theirs: theirs, ground: Theme.named(theme).textGround)
            #expect(mismatches.isEmpty, "\(mismatches.count) of \(texts.count) caption texts differ: \(mismatches.prefix(4))")
        }
    }

    @Test("the SVG's caption draws each run of maths like the PNG's", arguments: [ThemeName.light, .dark])
    func svgInk(theme: ThemeName) throws {
        let scene = try frame(theme)
        try withTemporaryFolder("maths-svg-ink") { folder in
            let renderer = SceneRenderer()
            let png = try RGBAImage(pngData: renderer.pngData(scene))
            try writeBytes(try renderer.svgData(scene), to: folder.file("frame.svg"))
            let theirs = try rsvgConvert(folder.file("frame.svg"), width: png.width, height: png.height, to: folder.file("rsvg.png"))
            let texts = try captionTexts(scene, theme: theme)
            let mismatches = inkMismatches(texts, ours: png, theirs: theirs, ground: Theme.named(theme).textGround)
            #expect(mismatches.isEmpty, "\(mismatches.count) of \(texts.count) caption texts differ: \(mismatches.prefix(4))")
        }
    }

    @Test("the ink check is not blind: the plain caption's PDF fails it on every coloured factor")
    func notBlind() throws {
        let scene = try frame(.light)
        // The same frame with its caption band as the plain lines.
        let (builder, states) = try captionFixture(twoTwoTwo)
        let state = try Fixture.state(states, .backward, layer: 2)
        let band = try #require(builder.valuesLayout.captionBox)
        var plain = scene
        plain.items = scene.items.filter { item in
            switch item {
            case let .text(t): return t.position.y <= band.minY
            case let .line(from, to, _): return !(from.y > band.minY && from.y == to.y)
            default: return true
            }
        }
        for (i, line) in builder.captionLines(of: state).enumerated() {
            plain.items.append(.text(TextItem(line, at: Point(band.minX, band.minY + band.height / 2 * (Double(i) + 0.5)),
                                              font: builder.valuesLayout.captionFont,
                                              color: i == 0 ? builder.theme.text : builder.theme.mutedText,
                                              horizontal: .left, vertical: .middle)))
        }
        try withTemporaryFolder("maths-blind") { folder in
            let png = try RGBAImage(pngData: SceneRenderer().pngData(scene))
            let (_, other) = try pngAndPDF(plain, in: folder, name: "plain")
            // Every coloured factor is caught: the plain line draws it in grey.
            let theme = builder.theme
            let coloured = try captionTexts(scene, theme: .light).filter { $0.color != theme.text && $0.color != theme.mutedText }
            #expect(coloured.count >= 6)
            for t in coloured {
                #expect(!inkMismatches([t], ours: png, theirs: other, ground: .white).isEmpty, "\(t.string) passes in grey")
            }
        }
    }
}
