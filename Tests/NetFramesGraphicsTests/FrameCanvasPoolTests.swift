import Foundation
import Testing
@testable import NetFramesGraphics
import NetFramesScene

/// Frames drawn on reused canvases (one surface and one set of encoder buffers, frame
/// after frame) are the very bytes of frames drawn on fresh ones.
@Suite("Frame canvas pool")
struct FrameCanvasPoolTests {
    @Test("different frames on one reused canvas give the bytes and pixels of fresh draws, for every preset")
    func reusedCanvasMatchesFreshDraws() throws {
        let renderer = SceneRenderer()
        for compression in [PNGCompression.fast, .small, PNGCompression(encoder: .pixelRuns, filter: .perRow)] {
            let pool = FrameCanvasPool()
            // Alternate frames whose pixels differ everywhere labels and weights are.
            for frame in [1, 2, 1, 3] {
                let scene = DiagramFixture.scene(frame: frame)
                let pooled = try renderer.pngData(scene, compression: compression, canvases: pool)
                let fresh = try renderer.pngData(scene, compression: compression)
                #expect(pooled == fresh, "frame \(frame) \(compression)")
                #expect(try RGBAImage(pngData: pooled) == renderer.rasterize(scene), "frame \(frame) \(compression)")
            }
            #expect(pool.idleCount == 1, "one thread, one canvas kept")
        }
    }

    @Test("a transparent frame after an opaque one on the same canvas keeps exactly its own alpha")
    func transparentAfterOpaque() throws {
        let renderer = SceneRenderer()
        let pool = FrameCanvasPool()
        let opaque = DiagramFixture.scene(frame: 1)
        let transparent = DiagramFixture.scene(frame: 2, background: nil)
        _ = try renderer.pngData(opaque, canvases: pool)
        let pooled = try renderer.pngData(transparent, canvases: pool)
        #expect(pooled[25] == 6, "colour type RGBA")
        #expect(pooled == (try renderer.pngData(transparent)))
        #expect(try RGBAImage(pngData: pooled) == renderer.rasterize(transparent))
        // And back: the opaque frame over what the transparent one left.
        #expect(try renderer.pngData(opaque, canvases: pool) == renderer.pngData(opaque))
    }

    @Test("sizes change: a canvas of another size is let go, and each size is exact",
          arguments: [(33, 17), (1281, 3), (7, 5)])
    func sizesChange(width: Int, height: Int) throws {
        let renderer = SceneRenderer()
        let pool = FrameCanvasPool()
        let big = DiagramFixture.scene(frame: 3)
        let small = PNGEncoderTests.noiseScene(width: width, height: height, background: .white)
        for scene in [big, small, big, small] {
            for scale in [1.0, 2.0] {
                let pooled = try renderer.pngData(scene, scale: scale, canvases: pool)
                #expect(pooled == (try renderer.pngData(scene, scale: scale)))
                #expect(try RGBAImage(pngData: pooled) == renderer.rasterize(scene, scale: scale))
            }
        }
        #expect(pool.idleCount == 1)
    }

    @Test("texts in 96 fonts and sizes, shifting from frame to frame, draw on a reused canvas exactly as on fresh surfaces")
    func fontsKeptFromFrameToFrame() throws {
        let renderer = SceneRenderer()
        let pool = FrameCanvasPool()
        // Each frame: 24 sizes in four faces, the sizes shifting from frame to frame.
        func scene(_ frame: Int) -> Scene {
            var items: [SceneItem] = []
            for k in 0..<24 {
                let size: Double = 7 + Double(k + frame * 5) * 0.75
                let y: Double = 12 + Double(k) * 17
                let faces: [(bold: Bool, italic: Bool)] = [(false, false), (true, false), (false, true), (true, true)]
                for (column, face) in faces.enumerated() {
                    let x: Double = 10 + Double(column) * 150
                    let font = Font(family: "DejaVu Sans", size: size, bold: face.bold, italic: face.italic)
                    let text = TextItem("w\(k)=0.\(frame)7", at: Point(x, y), font: font,
                                        color: Color(red: 0.2, green: 0.3, blue: 0.5), horizontal: .left)
                    items.append(.text(text))
                }
            }
            return whiteScene(items, width: 600, height: 420)
        }
        for frame in [0, 1, 0, 2] {
            let pooled = try renderer.pngData(scene(frame), canvases: pool)
            #expect(pooled == (try renderer.pngData(scene(frame))), "frame \(frame)")
            let image = try RGBAImage(pngData: pooled)
            #expect(image == (try renderer.rasterize(scene(frame))), "frame \(frame)")
            #expect(image.bytes.contains { $0 != 255 }, "frame \(frame) has text")
        }
        #expect(pool.idleCount == 1)
    }

    @Test("threads drawing at once each take their own canvas, and every frame is exact")
    func concurrentFrames() throws {
        let pool = FrameCanvasPool()
        let frames = Array(0..<8)
        let expected = try frames.map { try SceneRenderer().pngData(DiagramFixture.scene(frame: $0 % 4)) }
        let results = UnsafeSendableBox(Array(repeating: [UInt8](), count: frames.count))
        DispatchQueue.concurrentPerform(iterations: frames.count) { i in
            let png = try? SceneRenderer().pngData(DiagramFixture.scene(frame: i % 4), canvases: pool)
            results.set(i, png ?? [])
        }
        #expect(results.values == expected)
        #expect(pool.idleCount >= 1 && pool.idleCount <= frames.count)
    }
}

/// Results written by concurrent iterations, each into its own slot, under a lock.
private final class UnsafeSendableBox: @unchecked Sendable {
    private var slots: [[UInt8]]
    private let lock = NSLock()
    init(_ slots: [[UInt8]]) { self.slots = slots }
    func set(_ i: Int, _ value: [UInt8]) { lock.lock(); slots[i] = value; lock.unlock() }
    var values: [[UInt8]] { lock.lock(); defer { lock.unlock() }; return slots }
}
