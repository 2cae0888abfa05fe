import Foundation
import NetFrames
import NetFramesTestSupport
import Testing
import NetFramesRun

/// Frames, whole runs, sinks and videos through `import NetFrames` alone.
@Suite("NetFrames library: frames, sinks and videos")
struct LibraryRenderingTests {
    static func firstSnapshot(of run: RunFile) throws -> Snapshot {
        var first: Snapshot?
        try run.train { if first == nil { first = $0 } }
        return try #require(first)
    }

    @Test("one snapshot as PNG, SVG and PDF bytes in a given style")
    func singleFrames() throws {
        let run = try LibraryAPITests.workedExample()
        let snapshot = try Self.firstSnapshot(of: run)
        let style = DiagramStyle(width: 640, height: 360, scale: 2, theme: .dark, digits: 1)
        #expect(style.theme == .dark && style.digits == 1 && style.width == 640 && style.scale == 2)
        let renderer = FrameRenderer(run: run, style: style)

        let png = try renderer.image(of: snapshot, format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let decoded = try RGBAImage(pngData: png)
        #expect(decoded.width == 1280 && decoded.height == 720, "640x360 at scale 2")
        // The dark theme's background in a corner.
        let corner = decoded.pixel(x: 2, y: 2)
        #expect(corner.r < 40 && corner.g < 40 && corner.b < 60, "\(corner)")
        // The pixels of the same snapshot are the PNG's.
        #expect(try renderer.pixels(of: snapshot) == decoded)

        let svg = String(decoding: try renderer.image(of: snapshot, format: .svg), as: UTF8.self)
        #expect(svg.contains(#"viewBox="0 0 640 360""#))
        #expect(svg.contains("<title>worked: iteration 0, forward, layer 1</title>"), "\(svg.prefix(400))")

        let pdf = try renderer.image(of: snapshot, format: .pdf)
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")

        // The digits setting reaches the numbers drawn: 0.59 at one decimal is 0.6.
        let light = FrameRenderer(run: run, style: DiagramStyle(digits: 1))
        let texts = light.scene(snapshot).items.compactMap { item -> String? in
            if case .text(let text) = item { return text.string } else { return nil }
        }
        #expect(texts.contains { $0.contains("0.6") }, "\(texts)")
        #expect(!texts.contains { $0.contains("0.59") }, "\(texts)")
    }

    /// Keeps every frame it is handed.
    struct Keeper: EncodedFrameSink {
        var encoding: FrameEncoding
        var frames: [RenderedFrame] = []
        mutating func receive(_ frame: RenderedFrame) throws { frames.append(frame) }
    }

    @Test("a custom sink receives exactly the frames and manifest entries a folder render writes, in order")
    func sinkMatchesFolder() throws {
        try withTemporaryFolder("sink") { folder in
            let run = try LibraryAPITests.workedExample(iterations: 3)
            let renderer = FrameRenderer(run: run, style: DiagramStyle(width: 480, height: 270))
            let summary = try renderer.render(to: FrameOutput(folder: folder.path, format: .png, jobs: 2))
            #expect(summary.manifest.entries.count == 18 && renderer.expectedFrameCount == 18)

            var keeper = Keeper(encoding: .file(.png))
            var reported: [(Int, Int)] = []
            let entries = try renderer.render(into: &keeper, jobs: 3) { reported.append(($0, $1)) }
            #expect(entries == summary.manifest.entries)
            #expect(keeper.frames.map(\.entry) == summary.manifest.entries)
            #expect(keeper.frames.map(\.number) == Array(1...18))
            #expect(keeper.frames.map(\.entry.file) == (1...18).map { String(format: "frame_%06d.png", $0) })
            for frame in keeper.frames {
                let written = try Data(contentsOf: URL(fileURLWithPath: folder.file(frame.entry.file)))
                #expect(frame.bytes == [UInt8](written), "\(frame.entry.file) differs from the folder render's")
                #expect(frame.width == 480 && frame.height == 270)
            }
            #expect(reported.last.map { $0 == (18, 18) } == true, "\(reported)")

            // Raw pixels: the same frames, undecoded.
            var pixels = Keeper(encoding: .rgba)
            try renderer.render(into: &pixels, jobs: 1)
            #expect(pixels.frames.count == 18)
            #expect(pixels.frames.map(\.entry.file).last == "frame_000018.rgba")
            let last = try #require(pixels.frames.last)
            #expect(last.bytes.count == 480 * 270 * 4)
            #expect(last.bytes == (try RGBAImage(pngData: keeper.frames[17].bytes)).bytes)
        }
    }

    @Test("an error thrown by a sink stops the render and reaches the caller")
    func sinkErrorStops() throws {
        struct Full: Error, Equatable {}
        struct Limited: EncodedFrameSink {
            var encoding: FrameEncoding { .file(.svg) }
            var received = 0
            mutating func receive(_ frame: RenderedFrame) throws {
                received += 1
                if received == 3 { throw Full() }
            }
        }
        let renderer = FrameRenderer(run: try LibraryAPITests.workedExample(iterations: 4), style: DiagramStyle())
        var sink = Limited()
        #expect(throws: Full()) { try renderer.render(into: &sink, jobs: 2) }
        #expect(sink.received == 3)
    }

    @Test("a diverging run hands over the frames before it, then throws TrainingError")
    func divergence() throws {
        let run = try LibraryAPITests.divergingRun()
        var keeper = Keeper(encoding: .file(.svg))
        #expect(throws: TrainingError.self) { try FrameRenderer(run: run, style: DiagramStyle()).render(into: &keeper) }
        #expect(!keeper.frames.isEmpty && keeper.frames.count % 4 == 0, "whole steps only: \(keeper.frames.count)")
    }

    @Test("a whole run becomes an MP4 through ffmpeg")
    func video() throws {
        try withTemporaryFolder("video") { folder in
            let run = try LibraryAPITests.workedExample()
            var animation = AnimationSettings()
            animation.fps = 10
            let renderer = AnimationRenderer(run: run, style: DiagramStyle(width: 320, height: 180), animation: animation)
            let path = folder.file("worked.mp4")
            let summary = try renderer.renderVideo(format: .mp4, to: path, quality: .low, jobs: 2)
            #expect(summary.frames == renderer.plannedFrameCount && summary.frames > 10)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(String(decoding: bytes[4..<8], as: UTF8.self) == "ftyp", "an MP4 starts with its ftyp box")
        }
    }
}
