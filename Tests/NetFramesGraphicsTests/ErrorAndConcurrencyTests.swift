import Testing
import NetFramesGraphics
import NetFramesScene

@Suite("Errors and threads")
struct ErrorAndConcurrencyTests {
    @Test("an absurd surface size is a GraphicsError with cairo's reason")
    func absurdSize() {
        let scene = Scene(width: 100_000, height: 100_000, background: .white)
        do {
            _ = try SceneRenderer().pngData(scene)
            Issue.record("a 100000x100000 surface should not be created")
        } catch let error as GraphicsError {
            guard case let .surfaceCreation(kind, width, height, status) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(kind == "image" && width == 100_000 && height == 100_000)
            #expect(status.contains("invalid") || status.contains("memory"))
            #expect(error.description.hasPrefix("could not create a 100000x100000 image surface: "))
        } catch {
            Issue.record("not a GraphicsError: \(error)")
        }
        var buffer: [UInt8] = []
        #expect(throws: GraphicsError.self) { try SceneRenderer().renderBGRA(scene, scale: 1, into: &buffer) }
    }

    @Test("sizes and scales that are not positive and finite are rejected",
          arguments: [(0.0, 10.0, 1.0), (10, -1, 1), (10, 10, 0), (.nan, 10, 1), (10, .infinity, 1), (1e300, 10, 1)])
    func invalidCanvas(width: Double, height: Double, scale: Double) {
        let scene = Scene(width: width, height: height, background: .white)
        do {
            _ = try SceneRenderer().rasterize(scene, scale: scale)
            Issue.record("\(width)x\(height) at scale \(scale) should be rejected")
        } catch let GraphicsError.invalidCanvas(w, h, s) {
            // Compare bit patterns: NaN is not equal to itself.
            #expect(w.bitPattern == width.bitPattern && h.bitPattern == height.bitPattern && s == scale)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("vector formats reject empty scenes")
    func invalidVector() {
        let scene = Scene(width: 0, height: 10, background: nil)
        #expect(throws: GraphicsError.self) { try SceneRenderer().svgData(scene) }
        #expect(throws: GraphicsError.self) { try SceneRenderer().pdfData(scene) }
    }

    @Test("several threads rendering different scenes at once get what one thread gets")
    func concurrentRendering() async throws {
        let renderer = SceneRenderer()
        let frames = Array(0..<6)
        var expected: [Int: [UInt8]] = [:]
        for frame in frames {
            expected[frame] = try renderer.pngData(DiagramFixture.scene(frame: frame))
        }
        let results = try await withThrowingTaskGroup(of: (Int, [UInt8], [UInt8], [UInt8]).self) { group in
            for frame in frames + frames {
                group.addTask {
                    let scene = DiagramFixture.scene(frame: frame)
                    return (frame, try renderer.pngData(scene), try renderer.svgData(scene), try renderer.pdfData(scene))
                }
            }
            return try await group.reduce(into: [(Int, [UInt8], [UInt8], [UInt8])]()) { $0.append($1) }
        }
        #expect(results.count == 12)
        var svgs: [Int: [UInt8]] = [:]
        for (frame, png, svg, pdf) in results {
            #expect(png == expected[frame], "frame \(frame)")
            if let earlier = svgs[frame] { #expect(svg == earlier, "frame \(frame) SVG") }
            svgs[frame] = svg
            #expect(pdf.starts(with: Array("%PDF-".utf8)))
        }
    }

    @Test("every error has its own message")
    func messages() {
        let errors: [GraphicsError] = [
            .invalidCanvas(width: 0, height: 720, scale: 1),
            .surfaceCreation(kind: "image", width: 1280, height: 720, cairoStatus: "out of memory"),
            .drawing(kind: "SVG", cairoStatus: "out of memory"),
            .finishing(kind: "PDF", cairoStatus: "error while writing to output stream"),
            .pngEncoding("too wide"), .pngDecoding("Not a PNG file"),
            .documentAlreadyFinished, .documentHasNoPages,
        ]
        #expect(Set(errors.map(\.description)).count == errors.count)
        #expect(errors[1].description == "could not create a 1280x720 image surface: out of memory")
        #expect(errors[0].description.hasPrefix("cannot draw a 0x720 scene at scale 1"))
    }
}
