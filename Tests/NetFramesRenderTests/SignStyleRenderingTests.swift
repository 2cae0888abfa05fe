import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

/// `signStyle: dashed` as the renderers draw it: a negative weight's connection has
/// gaps of background along it in PNG, SVG (rasterised by librsvg) and PDF (rasterised
/// by poppler), a positive one stays solid, and with the default every connection is
/// solid.
@Suite("Dashed negative connections")
struct SignStyleRenderingTests {
    let measurer = CairoTextMeasurer()

    /// The colours run's cost frame (every connection fully opaque), in `theme` and `signStyle`.
    func frame(_ theme: ThemeName, _ signStyle: SignStyle) throws -> (builder: DiagramBuilder, state: DiagramState, scene: Scene) {
        let run = try Fixture.run(Fixture.colours)
        var style = Fixture.style(theme: theme)
        style.signStyle = signStyle
        let builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
        let state = try Fixture.state(try Fixture.states(run), .loss)
        return (builder, state, builder.scene(state))
    }

    /// The two thick connections out of input 1 into the hidden layer: weights +2.5 and −2.5.
    func thickConnections(_ f: (builder: DiagramBuilder, state: DiagramState, scene: Scene))
        throws -> (positive: (Point, Point), negative: (Point, Point)) {
        let layout = f.builder.layout(for: f.state)
        let from = layout.slots[0][0].center
        let w0 = f.state.weight(into: 1, to: 0, from: 0), w1 = f.state.weight(into: 1, to: 1, from: 0)
        try #require(w0 == 2.5 && w1 == -2.5, "the fixture's weights out of input 1 are \(w0) and \(w1)")
        return ((from, layout.slots[1][0].center), (from, layout.slots[1][1].center))
    }

    /// Pixels along the middle of the segment from `a` to `b`, one per pixel of length,
    /// leaving out those on a neuron, a label box or any text (which sit on lines) and
    /// near either end.
    func samples(_ image: RGBAImage, from a: Point, to b: Point, scene: Scene) -> [RGB] {
        var covered: [(Point, Double)] = []
        var boxes: [Rect] = []
        for item in scene.items {
            switch item {
            case let .circle(center, radius, _, stroke): covered.append((center, radius + (stroke?.width ?? 0) + 3))
            case let .rect(rect, _, _, _): boxes.append(rect.grown(3))
            case let .text(t): boxes.append(t.box(extent: measurer.measure(t.string, font: t.font)).grown(3))
            default: continue
            }
        }
        let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        var result: [RGB] = []
        for i in 0...Int(length) {
            let p = a.lerp(to: b, Double(i) / length)
            let clear = !covered.contains { c, r in ((p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y)).squareRoot() < r }
                && !boxes.contains { $0.contains(p) }
            if clear { result.append(image.rgb(at: p)) }
        }
        return result
    }

    /// How much of a line's sampled middle is background, and in how many separate gaps.
    struct Gaps: CustomStringConvertible {
        var fraction: Double
        var count: Int
        var samples: Int
        init(_ pixels: [RGB], background: RGB, tolerance: Int) {
            let isBackground = pixels.map { $0.distance(to: background) <= tolerance && $0.a == 255 }
            fraction = Double(isBackground.filter { $0 }.count) / Double(max(1, pixels.count))
            count = zip([false] + isBackground, isBackground).filter { !$0 && $1 }.count
            samples = pixels.count
        }
        var description: String { String(format: "%.1f%% background in %d gaps over %d pixels", fraction * 100, count, samples) }
    }

    /// Checks the thick connections of `f` in `image`: the negative one dashed (or solid
    /// when `dashed` is false), the positive one solid.
    func expectDashes(_ image: RGBAImage, _ f: (builder: DiagramBuilder, state: DiagramState, scene: Scene),
                      dashed: Bool, tolerance: Int, label: String) throws {
        let background = RGB(f.builder.theme.background ?? .white)
        let lines = try thickConnections(f)
        let negative = Gaps(samples(image, from: lines.negative.0, to: lines.negative.1, scene: f.scene),
                            background: background, tolerance: tolerance)
        let positive = Gaps(samples(image, from: lines.positive.0, to: lines.positive.1, scene: f.scene),
                            background: background, tolerance: tolerance)
        print("\(label): negative connection \(negative); positive \(positive)")
        #expect(negative.samples > 100 && positive.samples > 100, "\(label): too little of the lines is clear to measure")
        #expect(positive.fraction == 0, "\(label): the positive connection has gaps: \(positive)")
        if dashed {
            // Round caps eat a line width of each gap; what is left is about 29% of the
            // pattern (12.6 of 44.1 px at projector, 5.7 of 19.8 in light).
            #expect(negative.fraction > 0.15 && negative.fraction < 0.45, "\(label): \(negative)")
            #expect(negative.count >= 5, "\(label): \(negative)")
        } else {
            #expect(negative.fraction == 0, "\(label): the negative connection has gaps: \(negative)")
        }
    }

    @Test("PNG: dashed only when asked, and only for the negative weight", arguments: [ThemeName.projector, .light])
    func png(theme: ThemeName) throws {
        for signStyle in SignStyle.allCases {
            let f = try frame(theme, signStyle)
            let image = try RGBAImage(pngData: SceneRenderer().pngData(f.scene))
            try expectDashes(image, f, dashed: signStyle == .dashed, tolerance: 0, label: "PNG \(theme) \(signStyle)")
        }
    }

    @Test("the legend's negative sample is dashed with the dashed style, solid without")
    func legend() throws {
        for signStyle in SignStyle.allCases {
            let f = try frame(.projector, signStyle)
            let legend = try #require(f.builder.layout(for: f.state).legendBox)
            let negative = f.builder.theme.negative
            let swatches = f.scene.items.compactMap { item -> Stroke? in
                guard case let .line(a, _, stroke) = item, legend.contains(a), stroke.color == negative else { return nil }
                return stroke
            }
            #expect(swatches.count == 1, "\(signStyle): \(swatches)")
            #expect(swatches.first?.dash.isEmpty == (signStyle == .solid), "\(signStyle): \(swatches)")
        }
    }

    /// The number of `stroke-dasharray` declarations in an SVG.
    func dashArrays(_ svg: String) -> Int { svg.components(separatedBy: "stroke-dasharray").count - 1 }

    @Test("SVG: each negative connection and the legend's sample carry a stroke-dasharray, and librsvg draws the gaps")
    func svg() throws {
        let solid = try frame(.projector, .solid), dashed = try frame(.projector, .dashed)
        let renderer = SceneRenderer()
        let solidText = String(decoding: try renderer.svgData(solid.scene), as: UTF8.self)
        let dashedText = String(decoding: try renderer.svgData(dashed.scene), as: UTF8.self)
        // The colours run's weights: [[2.5, 0.3], [−2.5, 0.2]] and [[1.2, −0.7], [−1.5, 0.4]], three negative.
        let negatives = (1..<dashed.state.shape.layerCount).map { l in
            dashed.state.weights[l].filter { $0 < 0 }.count
        }.reduce(0, +)
        #expect(negatives == 3)
        #expect(dashArrays(dashedText) - dashArrays(solidText) == negatives + 1,
                "\(dashArrays(dashedText)) dash arrays dashed, \(dashArrays(solidText)) solid")
        try withTemporaryFolder("sign-style-svg") { folder in
            for (f, text, isDashed) in [(solid, solidText, false), (dashed, dashedText, true)] {
                let path = try folder.write("frame-\(isDashed).svg", text)
                let image = try rsvgConvert(path, width: 1280, height: 720, to: folder.file("frame-\(isDashed).png"))
                // librsvg antialiases on its own; a gap's middle is background within 3 of 255.
                try expectDashes(image, f, dashed: isDashed, tolerance: 3, label: "SVG via rsvg-convert, dashed \(isDashed)")
            }
        }
    }

    @Test("PDF: poppler draws the same gaps")
    func pdf() throws {
        let tool = try #require(which("pdftoppm"), "pdftoppm (poppler-utils) is not installed")
        try withTemporaryFolder("sign-style-pdf") { folder in
            for signStyle in SignStyle.allCases {
                let f = try frame(.projector, signStyle)
                let path = try folder.write("frame-\(signStyle).pdf", try SceneRenderer().pdfData(f.scene))
                // 72 dpi: a 1280x720 pt page is 1280x720 pixels, the scene's own units.
                let result = try runProcess(tool, ["-png", "-r", "72", "-singlefile", path, folder.file("page-\(signStyle)")])
                try #require(result.status == 0, "pdftoppm failed: \(result.stderr)")
                let image = try RGBAImage(pngData: readBytes(folder.file("page-\(signStyle).png")))
                try #require(image.width == 1280 && image.height == 720, "page is \(image.width)x\(image.height)")
                try expectDashes(image, f, dashed: signStyle == .dashed, tolerance: 3, label: "PDF via pdftoppm, \(signStyle)")
            }
        }
    }
}
