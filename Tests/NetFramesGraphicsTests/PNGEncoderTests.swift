import Foundation
import Testing
import NetFramesGraphics
import NetFramesScene

/// The PNG writer: every setting decodes (with libpng) to exactly the pixels cairo drew,
/// on real frames, transparent frames, at 2x and at odd sizes; the bytes are stable.
@Suite("PNG encoder")
struct PNGEncoderTests {
    static let filters: [PNGCompression.RowFilter] = [.none, .sub, .up, .paeth, .perRow]
    static let settings: [PNGCompression] = [.fast, .small, .best]
        + filters.map { PNGCompression(level: 1, filter: $0) }
        + filters.map { PNGCompression(encoder: .pixelRuns, filter: $0) }

    @Test("a diagram frame decodes to the drawn pixels with every preset and filter")
    func diagramFrameIsLossless() throws {
        let scene = DiagramFixture.scene(frame: 1)
        let drawn = try SceneRenderer().rasterize(scene)
        for compression in Self.settings where compression != .best {
            #expect(try renderedPNG(scene, compression: compression) == drawn, "\(compression)")
        }
    }

    @Test("a transparent frame keeps its alpha, exactly as drawn")
    func transparentFrameIsLossless() throws {
        let scene = DiagramFixture.scene(frame: 2, background: nil)
        let drawn = try SceneRenderer().rasterize(scene)
        #expect(drawn.bytes.enumerated().contains { $0.offset % 4 == 3 && $0.element != 255 && $0.element != 0 })
        for compression in [PNGCompression.fast, .small, PNGCompression(level: 1, filter: .paeth),
                            PNGCompression(encoder: .pixelRuns, filter: .perRow)] {
            let png = try SceneRenderer().pngData(scene, compression: compression)
            #expect(png[25] == 6, "colour type RGBA")
            #expect(try RGBAImage(pngData: png) == drawn)
        }
    }

    @Test("at scale 2 the PNG is 2560x1440 and exact")
    func doubleScaleIsLossless() throws {
        let scene = DiagramFixture.scene(frame: 3)
        let drawn = try SceneRenderer().rasterize(scene, scale: 2)
        for compression in [PNGCompression.fast, PNGCompression(level: 1)] {
            let decoded = try renderedPNG(scene, scale: 2, compression: compression)
            #expect(decoded.width == 2560 && decoded.height == 1440)
            #expect(decoded == drawn)
        }
    }

    @Test("odd sizes, noise and gradients with translucent cells are exact with every filter",
          arguments: [(1, 1), (2, 3), (7, 5), (33, 17), (257, 9), (1281, 3)])
    func oddSizesAreLossless(width: Int, height: Int) throws {
        for background in [Color.white, nil] {
            let scene = Self.noiseScene(width: width, height: height, background: background)
            let drawn = try SceneRenderer().rasterize(scene)
            for compression in Self.settings {
                #expect(try renderedPNG(scene, compression: compression) == drawn, "\(width)x\(height) \(compression)")
            }
        }
    }

    @Test("single pixels of a few colours, scattered over more than the 32 KB window, are exact")
    func scatteredPixelsAreLossless() throws {
        // 240 KB of rows: each colour recurs at distances from a few bytes to beyond the
        // window, so the encoder repeats single pixels from near, far and too far.
        for background in [Color.white, nil] {
            let scene = Self.scatteredScene(width: 200, height: 400, background: background)
            let drawn = try SceneRenderer().rasterize(scene)
            for compression in [PNGCompression.fast, PNGCompression(encoder: .pixelRuns, filter: .perRow)] {
                #expect(try renderedPNG(scene, compression: compression) == drawn, "\(compression)")
            }
        }
    }

    @Test("the same scene gives identical bytes, run after run, for every preset")
    func deterministic() throws {
        let scene = DiagramFixture.scene(frame: 3)
        for compression in [PNGCompression.fast, .small, .best] {
            let first = try SceneRenderer().pngData(scene, compression: compression)
            let second = try SceneRenderer().pngData(scene, compression: compression)
            #expect(first == second)
        }
    }

    @Test("small and best make smaller diagram frames than fast; fast is within 8% of libdeflate's level 1")
    func presetsShrink() throws {
        let scene = DiagramFixture.scene(frame: 1)
        let fast = try SceneRenderer().pngData(scene, compression: .fast).count
        let level1 = try SceneRenderer().pngData(scene, compression: PNGCompression(level: 1)).count
        let small = try SceneRenderer().pngData(scene, compression: .small).count
        let best = try SceneRenderer().pngData(scene, compression: .best).count
        #expect(Double(fast) < Double(level1) * 1.08)
        #expect(small < fast && small < level1)
        #expect(best < small)
    }

    @Test("a frame of one colour compresses to almost nothing: rows repeat the row above")
    func flatFrame() throws {
        let scene = whiteScene([], width: 1280, height: 720)
        let png = try SceneRenderer().pngData(scene)
        #expect(png.count < 8_000)
        #expect(try RGBAImage(pngData: png) == SceneRenderer().rasterize(scene))
    }

    @Test("per-row filters: none on flat diagrams, a filter on smooth gradients")
    func perRowChoosesByContent() throws {
        func size(_ scene: Scene, _ filter: PNGCompression.RowFilter) throws -> Int {
            try SceneRenderer().pngData(scene, compression: PNGCompression(level: 6, filter: filter)).count
        }
        // Diagrams repeat whole pixels: the choice is "none" on (nearly) every row.
        let diagram = DiagramFixture.scene(frame: 1)
        #expect(try Double(size(diagram, .perRow)) <= Double(size(diagram, .none)) * 1.01)
        #expect(try size(diagram, .perRow) < size(diagram, .paeth))
        // A smooth two-way gradient never repeats a pixel: filters win by far.
        let gradient = Self.gradientScene()
        #expect(try Double(size(gradient, .perRow)) < Double(size(gradient, .none)) * 0.6)
    }

    @Test("the PNG has IHDR, the title and description as iTXt, IDAT and IEND, with correct CRCs as libpng checks them")
    func chunkLayout() throws {
        let scene = DiagramFixture.scene(frame: 0)
        #expect(!scene.title.isEmpty && !scene.summary.isEmpty)
        let png = try SceneRenderer().pngData(scene)
        var types: [String] = []
        var texts: [String: String] = [:]
        var offset = 8
        while offset < png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            types.append(type)
            if type == "iTXt" {
                // keyword NUL, compression flag 0, method 0, language NUL, translated keyword NUL, UTF-8 text
                let data = Array(png[offset + 8..<offset + 8 + length])
                let keywordEnd = try #require(data.firstIndex(of: 0))
                #expect(data[keywordEnd + 1] == 0 && data[keywordEnd + 2] == 0, "uncompressed")
                #expect(data[keywordEnd + 3] == 0 && data[keywordEnd + 4] == 0, "no language tag or translated keyword")
                texts[String(decoding: data[..<keywordEnd], as: UTF8.self)] =
                    String(decoding: data[(keywordEnd + 5)...], as: UTF8.self)
            }
            offset += 12 + length
        }
        #expect(offset == png.count)
        #expect(Array(types.prefix(3)) == ["IHDR", "iTXt", "iTXt"] && types.last == "IEND")
        #expect(Set(types) == ["IHDR", "iTXt", "IDAT", "IEND"])
        #expect(texts == ["Title": scene.title, "Description": scene.summary])
        // A scene without words gets no text chunks.
        var bare = scene
        (bare.title, bare.summary) = ("", "")
        #expect(try SceneRenderer().pngData(bare).count < png.count - scene.summary.utf8.count)
        // libpng verifies every CRC and the zlib checksum while decoding.
        #expect(try RGBAImage(pngData: png) == RGBAImage(pngData: try SceneRenderer().pngData(bare)))
        var corrupted = png
        corrupted[png.count / 2] ^= 0x55
        #expect(throws: (any Error).self) { try RGBAImage(pngData: corrupted) }
    }

    /// A `width`x`height` scene of random cells, some translucent, over a gradient strip.
    static func noiseScene(width: Int, height: Int, background: Color?) -> Scene {
        var state: UInt64 = UInt64(width * 7919 + height)
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 40) / Double(1 << 24)
        }
        let colors = (0..<(width * height)).map { _ in
            Color(red: next(), green: next(), blue: next(), alpha: next() < 0.3 ? next() : 1)
        }
        return Scene(width: Double(width), height: Double(height), background: background, items: [
            .raster(Rect(x: 0, y: 0, width: Double(width), height: Double(height)), columns: width, rows: height,
                    colors: colors),
            .line(from: Point(0, 0), to: Point(Double(width), Double(height)),
                  stroke: Stroke(Color(red: 0.2, green: 0.4, blue: 0.8, alpha: 0.7), width: 1.5)),
        ])
    }

    /// Mostly empty cells with, here and there, a single cell of one of three colours
    /// (one translucent), at gaps from 1 to about 6,000 cells.
    static func scatteredScene(width: Int, height: Int, background: Color?) -> Scene {
        var state: UInt64 = 2024
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        let palette = [Color(red: 0.17, green: 0.42, blue: 0.69, alpha: 1), Color(red: 0.77, green: 0.19, blue: 0.19, alpha: 1),
                       Color(red: 0.2, green: 0.6, blue: 0.3, alpha: 0.5)]
        var colors = [Color](repeating: Color(red: 1, green: 1, blue: 1, alpha: background == nil ? 0 : 1),
                             count: width * height)
        var i = 0
        while i < colors.count {
            colors[i] = palette[next(palette.count)]
            i += 1 + (next(4) == 0 ? next(6000) : next(40))
        }
        return Scene(width: Double(width), height: Double(height), background: background, items: [
            .raster(Rect(x: 0, y: 0, width: Double(width), height: Double(height)), columns: width, rows: height,
                    colors: colors),
        ])
    }

    /// 512x256 of a smooth gradient in two directions.
    static func gradientScene() -> Scene {
        let columns = 512, rows = 256
        let colors = (0..<(columns * rows)).map { i in
            let x = Double(i % columns) / Double(columns), y = Double(i / columns) / Double(rows)
            return Color(red: x, green: y, blue: (x + y) / 2, alpha: 1)
        }
        return Scene(width: Double(columns), height: Double(rows), background: .white, items: [
            .raster(Rect(x: 0, y: 0, width: Double(columns), height: Double(rows)), columns: columns, rows: rows,
                    colors: colors),
        ])
    }
}
