import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRunFile
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

/// The decision-boundary panel, read back from pixels: smooth rather than 40 × 40 blocks
/// (PNG through cairo, SVG through librsvg), and one colour per class with three or more.
@Suite("Decision boundary panel")
struct BoundaryPanelTests {
    /// The last frame's scene of `example` trained to its end, with the boundary panel.
    static func trainedScene(_ example: String, theme: ThemeName = .light) throws -> (scene: Scene, grid: BoundaryGrid, run: Run) {
        let run = try RunFile.load(path: examplePath(example))
        var sink = CollectingSink()
        let trained = try run.train(steps: run.iterations, sampling: SamplingPolicy(every: run.iterations), into: &sink)
        var style = Fixture.style(theme: theme)
        style.panels.boundary = true
        style.panels.loss = true
        let tracker = PanelTracker(settings: style.panels, setup: run.setup, dataset: run.dataset, initial: trained)
        var state = DiagramState(snapshot: try #require(sink.snapshots.last), runName: run.name)
        tracker.annotate(&state)
        let grid = try #require(state.boundary)
        let scene = DiagramBuilder(setup: run.setup, style: style, measurer: CairoTextMeasurer()).scene(state)
        return (scene, grid, run)
    }

    /// The panel's square: the rectangle of its raster.
    static func square(_ scene: Scene) throws -> (rect: Rect, interpolation: RasterInterpolation) {
        let found = scene.items.compactMap { item -> (Rect, RasterInterpolation)? in
            if case let .raster(rect, _, _, _, interpolation) = item { return (rect, interpolation) }
            return nil
        }
        #expect(found.count == 1)
        return try #require(found.first)
    }

    /// The largest channel step between neighbouring pixels inside `rect` (2 px in from
    /// its border), leaving out pixels within reach of a circle drawn over it (the data
    /// points and the ring of this step's example).
    static func largestStep(_ image: RGBAImage, in rect: Rect, scene: Scene) -> (step: Int, pixels: Int) {
        let circles = scene.items.compactMap { item -> (Point, Double)? in
            if case let .circle(center, radius, _, stroke) = item, rect.insetBy(-radius * 3).holds(center) {
                return (center, radius + (stroke?.width ?? 0) + 2)
            }
            return nil
        }
        func nearCircle(_ x: Int, _ y: Int) -> Bool {
            circles.contains { hypot(Double(x) + 0.5 - $0.0.x, Double(y) + 0.5 - $0.0.y) <= $0.1 + 1 }
        }
        var largest = 0, counted = 0
        let x0 = Int(rect.minX.rounded(.up)) + 2, x1 = Int(rect.maxX.rounded(.down)) - 3
        let y0 = Int(rect.minY.rounded(.up)) + 2, y1 = Int(rect.maxY.rounded(.down)) - 3
        for y in y0...y1 {
            for x in x0...x1 where !nearCircle(x, y) && !nearCircle(x + 1, y) && !nearCircle(x, y + 1) {
                let here = image.rgb(x, y)
                largest = max(largest, here.distance(to: image.rgb(x + 1, y)), here.distance(to: image.rgb(x, y + 1)))
                counted += 1
            }
        }
        return (largest, counted)
    }

    @Test("two classes: the colour changes gradually across the boundary, in PNG and in SVG through rsvg-convert")
    func smoothTwoClasses() throws {
        let (scene, grid, _) = try Self.trainedScene("xor.yaml")
        let (rect, interpolation) = try Self.square(scene)
        #expect(interpolation == .bilinear && grid.classes == 2)
        let cellWidth = rect.width / Double(grid.columns)
        #expect(cellWidth > 4, "cells of \(cellWidth) px: blocks would show")
        let image = try SceneRenderer().rasterize(scene)
        let smooth = Self.largestStep(image, in: rect, scene: scene)
        // Both sides of the boundary are there: the positive and the negative hue.
        let theme = Theme.named(.light)
        var colours: [RGB] = []
        for i in 0..<9 {
            for j in 0..<9 {
                let x: Double = rect.minX + rect.width * (Double(i) + 0.5) / 9
                let y: Double = rect.minY + rect.height * (Double(j) + 0.5) / 9
                colours.append(image.rgb(at: Point(x, y)))
            }
        }
        #expect(colours.contains { $0.b > $0.r + 40 } && colours.contains { $0.r > $0.b + 40 },
                "\(theme.positive) and \(theme.negative) regions")
        #expect(smooth.pixels > Int(rect.width * rect.height * 0.6))
        #expect(smooth.step <= 24, "largest step between neighbouring pixels: \(smooth.step)")
        // The check bites: the same grid drawn as blocks steps far more at the cell edges.
        let blocky = Self.largestStep(try SceneRenderer().rasterize(scene.drawingRasters(.nearest)), in: rect, scene: scene)
        #expect(blocky.step >= 2 * max(smooth.step, 20), "blocks step \(blocky.step)")

        // SVG: an embedded image that librsvg scales smoothly, its pattern reference intact.
        let folder = try TemporaryFolder("boundary")
        defer { folder.remove() }
        let svgBytes = try SceneRenderer().svgData(scene)
        let svg = String(decoding: svgBytes, as: UTF8.self)
        #expect(svg.contains("<image") && svg.contains("data:image/png;base64,"))
        let patternID = try #require(svg.firstMatch(of: /<pattern id="([^"]+)"/)?.1)
        #expect(svg.contains("fill:url(#\(patternID))"), "the panel's fill names its pattern")
        let path = try folder.write("frame.svg", svgBytes)
        let fromSVG = try rsvgConvert(path, width: Int(scene.width), height: Int(scene.height), to: folder.file("svg.png"))
        let svgSmooth = Self.largestStep(fromSVG, in: rect, scene: scene)
        #expect(svgSmooth.step <= 24, "SVG: largest step \(svgSmooth.step)")
        // … and shows what the PNG shows.
        var close = 0, total = 0
        for y in stride(from: Int(rect.minY) + 4, to: Int(rect.maxY) - 4, by: 3) {
            for x in stride(from: Int(rect.minX) + 4, to: Int(rect.maxX) - 4, by: 3) {
                total += 1
                if image.rgb(x, y).distance(to: fromSVG.rgb(x, y)) <= 16 { close += 1 }
            }
        }
        #expect(Double(close) / Double(total) > 0.9, "\(close) of \(total) SVG pixels match the PNG's")
        // Smaller than the 1,600 rectangles it replaced.
        let blockySVG = try SceneRenderer().svgData(scene.drawingRasters(.nearest))
        #expect(svgBytes.count < blockySVG.count, "SVG \(svgBytes.count) bytes against \(blockySVG.count) as blocks")
    }

    @Test("the border cells are not faded: the square's edge pixels have the colour just inside them")
    func edgesPadded() throws {
        let (scene, _, _) = try Self.trainedScene("xor.yaml")
        let (rect, _) = try Self.square(scene)
        let image = try SceneRenderer().rasterize(scene)
        // Rows clear of the dots and of the ring round this step's example.
        let circles = scene.items.compactMap { item -> (Point, Double)? in
            if case let .circle(center, radius, _, stroke) = item { return (center, radius + (stroke?.width ?? 0) + 3) }
            return nil
        }
        var rows = 0
        for y in stride(from: Int(rect.minY) + 4, to: Int(rect.maxY) - 4, by: 3)
        where !circles.contains(where: { abs($0.0.y - Double(y)) <= $0.1 && ($0.0.x - rect.minX <= $0.1 + 5 || rect.maxX - $0.0.x <= $0.1 + 5) }) {
            rows += 1
            let edge = image.rgb(Int(rect.minX) + 1, y), inside = image.rgb(Int(rect.minX) + 3, y)
            #expect(edge.distance(to: inside) <= 12, "row \(y): edge \(edge), inside \(inside)")
            let right = image.rgb(Int(rect.maxX) - 2, y), rightInside = image.rgb(Int(rect.maxX) - 4, y)
            #expect(right.distance(to: rightInside) <= 12, "row \(y): edge \(right), inside \(rightInside)")
        }
        #expect(rows >= 20, "\(rows) rows")
    }

    /// A hue in degrees, or nil for a near-grey pixel.
    static func hue(_ c: RGB) -> Double? {
        let r = Double(c.r) / 255, g = Double(c.g) / 255, b = Double(c.b) / 255
        let high = max(r, g, b), low = min(r, g, b)
        guard high - low > 0.12 else { return nil }
        let d = high - low
        var h: Double
        if high == r { h = (g - b) / d } else if high == g { h = (b - r) / d + 2 } else { h = (r - g) / d + 4 }
        h *= 60
        return h < 0 ? h + 360 : h
    }

    static func hueDistance(_ a: Double, _ b: Double) -> Double {
        let d = abs(a - b).truncatingRemainder(dividingBy: 360)
        return min(d, 360 - d)
    }

    @Test("three classes: one hue per predicted class, paler where the network is unsure, dots in their class's colour",
          arguments: [ThemeName.light, .dark, .projector])
    func threeClasses(theme: ThemeName) throws {
        let (scene, grid, run) = try Self.trainedScene("blobs.yaml", theme: theme)
        #expect(run.setup.shape.outputCount == 3 && grid.classes == 3 && grid.valuesPerCell == 3)
        // The network predicts all three classes somewhere on the grid.
        var predicted = Set<Int>()
        for cell in 0..<(grid.columns * grid.rows) {
            let v = grid.values[(cell * 3)..<(cell * 3 + 3)]
            predicted.insert(v.indices.max { v[$0] < v[$1] }! - cell * 3)
        }
        #expect(predicted == [0, 1, 2])
        let (rect, interpolation) = try Self.square(scene)
        #expect(interpolation == .bilinear)
        let image = try SceneRenderer().rasterize(scene)
        let palette = Theme.named(theme)
        let classHues = (0..<3).map { Self.hue(RGB(palette.classColor($0, of: 3)))! }
        // Every class hue is well apart from the others (blue and bluish green the closest).
        for i in 0..<3 { for j in (i + 1)..<3 { #expect(Self.hueDistance(classHues[i], classHues[j]) > 35) } }
        // Sample the panel on a grid: each class's hue covers a good share of it.
        var counts = [0, 0, 0], other = 0
        for j in 0..<30 {
            for i in 0..<30 {
                let p = Point(rect.minX + rect.width * (Double(i) + 0.5) / 30, rect.minY + rect.height * (Double(j) + 0.5) / 30)
                guard let h = Self.hue(image.rgb(at: p)) else { continue }
                if let k = (0..<3).first(where: { Self.hueDistance(h, classHues[$0]) < 15 }) { counts[k] += 1 } else { other += 1 }
            }
        }
        #expect(counts.allSatisfy { $0 >= 60 }, "pixels per class hue: \(counts), other \(other)")
        // Confidence as lightness: the most confident cell is stronger than the least.
        let colours = scene.items.compactMap { item -> [Color]? in
            if case let .raster(_, _, _, colors, _) = item { return colors }
            return nil
        }.first ?? []
        let ground = palette.background!
        let strengths = colours.map { RGB($0).distance(to: RGB(ground)) }
        #expect(strengths.max()! > strengths.min()! + 60, "lightness range \(strengths.min()!)…\(strengths.max()!)")
        // The dots: each in its class's colour.
        let dots = scene.items.compactMap { item -> Color? in
            if case let .circle(center, _, fill?, _) = item, rect.holds(center) { return fill }
            return nil
        }
        #expect(Set(dots) == Set((0..<3).map { palette.classColor($0, of: 3) }))
        // A legend names the classes.
        let texts = Set(scene.items.compactMap { item -> String? in
            if case let .text(t) = item { return t.string }
            return nil
        })
        #expect(texts.isSuperset(of: ["class 1", "class 2", "class 3"]))
    }

    @Test("two classes keep the positive and negative hues, and a blocky raster is still drawn in blocks")
    func twoClassesKeepTheirLook() throws {
        let theme = Theme.named(.light)
        #expect(theme.classColor(1, of: 2) == theme.positive && theme.classColor(0, of: 2) == theme.negative)
        #expect(theme.classColor(0, of: 3) == theme.negative && theme.classColor(1, of: 3) == theme.positive)
        #expect(theme.classColor(8, of: 10) == theme.classColor(0, of: 10))
        // A default raster: two cells, hard-edged, as pixel images need.
        let blocks = Scene(width: 40, height: 10, background: .white,
                           items: [.raster(Rect(x: 0, y: 0, width: 40, height: 10), columns: 2, rows: 1, colors: [.black, .white])])
        let image = try SceneRenderer().rasterize(blocks)
        #expect(image.rgb(19, 5) == RGB(r: 0, g: 0, b: 0) && image.rgb(20, 5) == RGB(r: 255, g: 255, b: 255))
        // The same cells bilinear: a ramp between the centres, each end padded with its cell.
        var smooth = blocks
        smooth.items = [.raster(Rect(x: 0, y: 0, width: 40, height: 10), columns: 2, rows: 1, colors: [.black, .white],
                                interpolation: .bilinear)]
        let ramp = try SceneRenderer().rasterize(smooth)
        #expect(ramp.rgb(0, 5) == RGB(r: 0, g: 0, b: 0) && ramp.rgb(39, 5) == RGB(r: 255, g: 255, b: 255))
        #expect(ramp.rgb(20, 5).r > 90 && ramp.rgb(20, 5).r < 165)
        #expect((10..<30).allSatisfy { ramp.rgb($0, 5).r <= ramp.rgb($0 + 1, 5).r })
        #expect(blocks.canonicalBytes != smooth.canonicalBytes)
    }
}

private extension Rect {
    func holds(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
}
