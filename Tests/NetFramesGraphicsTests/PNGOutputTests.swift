import Testing
import NetFramesGraphics
import NetFramesScene

@Suite("PNG output")
struct PNGOutputTests {
    @Test("an opaque background is exact at a corner, and the PNG is RGB")
    func opaqueBackground() throws {
        let ground = Color(hex: 0x336699)
        let data = try SceneRenderer().pngData(Scene(width: 40, height: 30, background: ground))
        // IHDR colour type (byte 25): 2 = RGB, so no alpha channel was written.
        #expect(data[25] == 2)
        let image = try RGBAImage(pngData: data)
        #expect(image.width == 40 && image.height == 30)
        let corner = image.pixel(x: 0, y: 0)
        #expect(corner.r == 0x33 && corner.g == 0x66 && corner.b == 0x99 && corner.a == 255)
        let far = image.pixel(x: 39, y: 29)
        #expect(far.r == 0x33 && far.g == 0x66 && far.b == 0x99)
    }

    @Test("a scene without background stays transparent, as RGBA")
    func transparentBackground() throws {
        let scene = Scene(width: 40, height: 30, background: nil,
                          items: [.circle(center: Point(20, 15), radius: 5, fill: .black, stroke: nil)])
        let data = try SceneRenderer().pngData(scene)
        #expect(data[25] == 6)  // RGBA
        let image = try RGBAImage(pngData: data)
        #expect(image.pixel(x: 0, y: 0).a == 0)
        #expect(image.pixel(x: 20, y: 15).a == 255)
    }

    @Test("a filled circle's centre has its fill colour")
    func circleCentre() throws {
        let fill = Color(hex: 0x2B6CB0)
        let image = try renderedPNG(whiteScene([
            .circle(center: Point(100, 50), radius: 20, fill: fill, stroke: Stroke(.black, width: 2)),
        ]))
        let centre = image.pixel(x: 100, y: 50)
        #expect(close(centre.r, 0x2B, within: 1) && close(centre.g, 0x6C, within: 1) && close(centre.b, 0xB0, within: 1))
        // The outline is drawn over the fill: the rim is dark.
        let rim = image.pixel(x: 120, y: 50)
        #expect(rim.r < 100 && rim.g < 100 && rim.b < 100)
    }

    @Test("a red line's middle pixel is red")
    func redLine() throws {
        let image = try renderedPNG(whiteScene([
            .line(from: Point(20, 50.5), to: Point(180, 50.5), stroke: Stroke(Color(red: 1, green: 0, blue: 0), width: 3)),
        ]))
        let middle = image.pixel(x: 100, y: 50)
        #expect(middle.r == 255 && middle.g == 0 && middle.b == 0)
        // Away from the line the ground is untouched.
        let above = image.pixel(x: 100, y: 40)
        #expect(above.r == 255 && above.g == 255 && above.b == 255)
    }

    @Test("scale 2 doubles the pixel size; fractional sizes round up")
    func scaleDoubles() throws {
        let scene = whiteScene([], width: 120, height: 45)
        let once = try renderedPNG(scene)
        let twice = try renderedPNG(scene, scale: 2)
        #expect(once.width == 120 && once.height == 45)
        #expect(twice.width == 240 && twice.height == 90)
        let odd = try renderedPNG(whiteScene([], width: 10.2, height: 7), scale: 1.5)
        #expect(odd.width == 16 && odd.height == 11)
    }

    @Test("drawing scales with the scale factor")
    func drawingScales() throws {
        let scene = whiteScene([.rect(Rect(x: 10, y: 10, width: 20, height: 20), cornerRadius: 0,
                                      fill: .black, stroke: nil)])
        let twice = try renderedPNG(scene, scale: 2)
        #expect(twice.pixel(x: 59, y: 59).r == 0)   // inside (20...60)
        #expect(twice.pixel(x: 61, y: 61).r == 255) // outside
    }

    @Test("a half-transparent fill on a transparent ground is un-premultiplied")
    func halfTransparentFill() throws {
        let fill = Color(red: 0.8, green: 0.4, blue: 0.2, alpha: 0.5)
        let scene = Scene(width: 20, height: 20, background: nil,
                          items: [.rect(Rect(x: 0, y: 0, width: 20, height: 20), cornerRadius: 0, fill: fill, stroke: nil)])
        let image = try renderedPNG(scene)
        let p = image.pixel(x: 10, y: 10)
        #expect(close(p.a, 128, within: 1))
        #expect(close(p.r, 204, within: 2) && close(p.g, 102, within: 2) && close(p.b, 51, within: 2))
        // rasterize() agrees with the PNG.
        let raster = try SceneRenderer().rasterize(scene)
        #expect(raster == image)
    }

    @Test("a raster paints each cell its colour")
    func rasterCells() throws {
        let colors = [Color(hex: 0xFF0000), Color(hex: 0x00FF00), Color(hex: 0x0000FF), Color(hex: 0x000000)]
        let image = try renderedPNG(whiteScene([
            .raster(Rect(x: 20, y: 10, width: 40, height: 20), columns: 2, rows: 2, colors: colors),
        ]))
        #expect(image.pixel(x: 30, y: 15) == (255, 0, 0, 255))
        #expect(image.pixel(x: 50, y: 15) == (0, 255, 0, 255))
        #expect(image.pixel(x: 30, y: 25) == (0, 0, 255, 255))
        #expect(image.pixel(x: 50, y: 25) == (0, 0, 0, 255))
        #expect(image.pixel(x: 61, y: 25) == (255, 255, 255, 255))
    }

    @Test("renderBGRA gives cairo's premultiplied pixels and reuses the buffer")
    func rawBGRA() throws {
        let renderer = SceneRenderer()
        var buffer: [UInt8] = []
        let first = whiteScene([.circle(center: Point(50, 50), radius: 30, fill: .black, stroke: nil)])
        try renderer.renderBGRA(first, scale: 1, into: &buffer)
        #expect(buffer.count == 200 * 100 * 4)

        // A different, transparent scene in the same buffer: nothing of the first remains.
        let second = Scene(width: 200, height: 100, background: nil, items: [
            .rect(Rect(x: 100, y: 0, width: 100, height: 100), cornerRadius: 0,
                  fill: Color(red: 1, green: 0, blue: 0, alpha: 0.5), stroke: nil),
        ])
        try renderer.renderBGRA(second, scale: 1, into: &buffer)
        #expect(Array(buffer[(50 * 200 + 50) * 4 ..< (50 * 200 + 51) * 4]) == [0, 0, 0, 0])
        // Premultiplied, little-endian B, G, R, A: half-transparent red is (0, 0, 128, 128).
        let pixel = Array(buffer[(50 * 200 + 150) * 4 ..< (50 * 200 + 151) * 4])
        #expect(pixel[0] == 0 && pixel[1] == 0 && close(pixel[2], 128, within: 1) && close(pixel[3], 128, within: 1))

        // The same as a fresh render of the second scene.
        var fresh: [UInt8] = []
        try renderer.renderBGRA(second, scale: 1, into: &fresh)
        #expect(fresh == buffer)
    }

    @Test("garbage is not a PNG")
    func decodingGarbage() {
        #expect(throws: GraphicsError.self) { try RGBAImage(pngData: Array("not a png".utf8)) }
    }
}
