import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRender
import NetFramesRunFile
import NetFramesScene
import NetFramesTestSupport
import NetFramesTimeline
import NetFramesVideo
import NetFramesRun

/// Videos written through ffmpeg, as ffprobe and ffmpeg's decoders read them back.
@Suite("Videos, probed")
struct VideoProbeTests {
    /// Short moments so a video is a few seconds: forward, loss and backward 0.3 s (3
    /// frames at 10 fps), update 0.5 s (5), hold 0.1 s (1), final hold 0.5 s (5).
    static let animation = """
        animation:
          fps: 10
          finalHold: 0.5
          durations: {forward: 0.3, loss: 0.3, backward: 0.3, update: 0.5, hold: 0.1}
        """
    /// One step of the [2, 2, 1] fixture: 2 × (3 + 1) forward + (3 + 1) loss + 2 × (3 + 1)
    /// backward + (5 + 1) update, then the final hold.
    static let expectedFrames = 2 * (3 + 1) + (3 + 1) + 2 * (3 + 1) + (5 + 1) + 5  // 31

    struct Rendered {
        var renderer: AnimationRenderer
        var summary: AnimationSummary
        var path: String
        var probe: Probe
    }

    /// Renders the fixture as `format` at `width`x`height` in `theme` and probes it.
    static func render(_ format: VideoFormat, width: Int = 320, height: Int = 180, theme: String = "light",
                       in folder: TemporaryFolder) throws -> Rendered {
        var yaml = Fixture.small(name: "probe", iterations: 1, theme: theme, animation: animation)
        yaml = yaml.replacingOccurrences(of: "width: 320, height: 180", with: "width: \(width), height: \(height)")
        let run = try Fixture.run(yaml)
        let renderer = AnimationRenderer(run: run, style: run.render, animation: run.animation)
        let path = folder.file("probe.\(format.fileExtension)")
        let summary = try renderer.renderVideo(format: format, to: path, quality: .low, jobs: 2)
        return Rendered(renderer: renderer, summary: summary, path: path, probe: try Probe(path))
    }

    static func checkCounts(_ r: Rendered, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.renderer.plannedFrameCount == expectedFrames, sourceLocation: sourceLocation)
        #expect(r.summary.frames == expectedFrames, "framesSent \(r.summary.frames)", sourceLocation: sourceLocation)
        #expect(r.probe.frames == expectedFrames, "ffprobe: \(r.probe)", sourceLocation: sourceLocation)
        #expect(r.probe.frameRate == "10/1", "ffprobe: \(r.probe)", sourceLocation: sourceLocation)
        #expect(abs(r.summary.seconds - 3.1) < 1e-9, sourceLocation: sourceLocation)
        // Duration ≈ frames / fps, within one frame.
        #expect(abs(r.probe.duration - Double(expectedFrames) / 10) <= 0.1 + 1e-6, "ffprobe: \(r.probe)",
                sourceLocation: sourceLocation)
        // A video carries its lesson tracks beside it too; a GIF cannot carry them.
        let base = (r.path as NSString).deletingPathExtension
        let sidecars = r.path.hasSuffix(".gif") ? [] : [base + ".vtt", base + ".srt", base + ".chapters.vtt"]
        #expect(r.summary.files == [r.path] + sidecars, sourceLocation: sourceLocation)
    }

    /// Pixels where our own drawing of frame `index` is strongly blue or strongly orange,
    /// and the share of them whose hue the decoded video keeps (catches swapped channels).
    static func hueAgreement(_ decoded: RGBAImage, _ r: Rendered, index: Int) throws -> (pixels: Int, agreeing: Double) {
        let states = try timelineStates(r.renderer.run).states
        let reference = try SceneRenderer().rasterize(r.renderer.builder.scene(states[index]))
        var strong = 0, agreeing = 0
        for y in 0..<reference.height {
            for x in 0..<reference.width {
                let p = reference.rgb(x, y)
                guard p.a == 255, abs(p.r - p.b) > 100 else { continue }
                strong += 1
                let q = decoded.rgb(x, y)
                if (q.r - q.b).signum() == (p.r - p.b).signum() { agreeing += 1 }
            }
        }
        return (strong, strong == 0 ? 0 : Double(agreeing) / Double(strong))
    }

    @Test("mp4: h264, 320x180, every planned frame, 3.1 s, colours as drawn")
    func mp4() throws {
        try withTemporaryFolder("mp4") { folder in
            let r = try Self.render(.mp4, in: folder)
            #expect(r.probe.codec == "h264")
            #expect(r.probe.width == 320 && r.probe.height == 180)
            #expect(r.probe.pixelFormat == "yuv420p")
            Self.checkCounts(r)
            #expect(folder.names() == ["probe.chapters.vtt", "probe.mp4", "probe.srt", "probe.vtt"],
                    "left beside the video: \(folder.names())")

            let frame = try decodeFrame(r.path, index: 12, width: 320, height: 180)
            #expect(frame.rgb(2, 2).distance(to: RGB(r: 255, g: 255, b: 255)) <= 3, "corner \(frame.rgb(2, 2))")
            let (pixels, agreeing) = try Self.hueAgreement(frame, r, index: 12)
            #expect(pixels > 50 && agreeing > 0.9, "\(pixels) strongly coloured pixels, \(agreeing) keep their hue")
        }
    }

    @Test("webm: vp9, 320x180, every planned frame, no alpha for the light theme")
    func webm() throws {
        try withTemporaryFolder("webm") { folder in
            let r = try Self.render(.webm, in: folder)
            #expect(r.probe.codec == "vp9")
            #expect(r.probe.width == 320 && r.probe.height == 180)
            #expect(r.probe.pixelFormat == "yuv420p")
            #expect(r.probe.alphaMode == nil, "an opaque theme should not carry alpha: \(r.probe)")
            Self.checkCounts(r)
            let frame = try decodeFrame(r.path, index: 20, width: 320, height: 180)
            let (pixels, agreeing) = try Self.hueAgreement(frame, r, index: 20)
            #expect(pixels > 50 && agreeing > 0.9, "\(pixels) strongly coloured pixels, \(agreeing) keep their hue")
        }
    }

    @Test("gif: 320x180, every planned frame at 10 fps, palette file removed")
    func gif() throws {
        try withTemporaryFolder("gif") { folder in
            let r = try Self.render(.gif, in: folder)
            #expect(r.probe.codec == "gif")
            #expect(r.probe.width == 320 && r.probe.height == 180)
            Self.checkCounts(r)
            #expect(folder.names() == ["probe.gif"], "left beside the GIF: \(folder.names())")
            let frame = try decodeFrame(r.path, index: 6, width: 320, height: 180)
            let (pixels, agreeing) = try Self.hueAgreement(frame, r, index: 6)
            #expect(pixels > 50 && agreeing > 0.9, "\(pixels) strongly coloured pixels, \(agreeing) keep their hue")
        }
    }

    @Test("an odd canvas is padded to even for mp4 and webm, kept as is for gif")
    func oddCanvas() throws {
        try withTemporaryFolder("odd") { folder in
            for (format, width, height) in [(VideoFormat.mp4, 322, 182), (.webm, 322, 182), (.gif, 321, 181)] {
                let r = try Self.render(format, width: 321, height: 181, in: folder)
                #expect(r.renderer.pixelSize == (321, 181))
                #expect(r.probe.width == width && r.probe.height == height, "\(format): \(r.probe)")
                #expect(r.probe.frames == Self.expectedFrames, "\(format): \(r.probe)")
            }
        }
    }

    @Test("transparent webm: VP9 with alpha_mode=1; decoded with libvpx, the corners are clear")
    func transparentWebM() throws {
        try withTemporaryFolder("alpha-webm") { folder in
            let r = try Self.render(.webm, theme: "transparent", in: folder)
            #expect(r.renderer.hasAlpha)
            #expect(r.probe.codec == "vp9")
            #expect(r.probe.pixelFormat == "yuv420p")  // ffprobe shows the base layer; alpha is a side stream
            #expect(r.probe.alphaMode == "1", "no alpha channel: \(r.probe)")
            Self.checkCounts(r)
            let frame = try decodeFrame(r.path, index: 0, decoder: "libvpx-vp9", width: 320, height: 180)
            // VP9's alpha is lossy: a corner may come back as 1/255 instead of 0.
            for (x, y) in [(0, 0), (319, 0), (0, 179), (319, 179)] {
                #expect(frame.rgb(x, y).a <= 2, "corner (\(x), \(y)) is \(frame.rgb(x, y))")
            }
            let opaque = stride(from: 3, to: frame.bytes.count, by: 4).filter { frame.bytes[$0] > 200 }.count
            let clear = stride(from: 3, to: frame.bytes.count, by: 4).filter { frame.bytes[$0] == 0 }.count
            #expect(opaque > 500, "only \(opaque) opaque pixels: the diagram is missing")
            #expect(clear > 320 * 180 / 2, "only \(clear) pixels with alpha 0")
            // Straight alpha: opaque pixels keep their colours (blue stays blue, orange orange).
            let (pixels, agreeing) = try Self.hueAgreement(frame, r, index: 0)
            #expect(pixels > 50 && agreeing > 0.9, "\(pixels) strongly coloured pixels, \(agreeing) keep their hue")
        }
    }

    @Test("transparent mov: ProRes 4444 with an alpha plane; the corners are clear")
    func transparentMov() throws {
        try withTemporaryFolder("alpha-mov") { folder in
            let r = try Self.render(.mov, theme: "transparent", in: folder)
            #expect(r.probe.codec == "prores")
            #expect(r.probe.pixelFormat.hasPrefix("yuva444p"), "no alpha plane: \(r.probe)")
            #expect(r.probe.width == 320 && r.probe.height == 180)
            Self.checkCounts(r)
            let frame = try decodeFrame(r.path, index: 0, width: 320, height: 180)
            #expect(frame.rgb(0, 0).a == 0 && frame.rgb(319, 179).a == 0, "corners \(frame.rgb(0, 0)), \(frame.rgb(319, 179))")
            let opaque = stride(from: 3, to: frame.bytes.count, by: 4).filter { frame.bytes[$0] > 200 }.count
            #expect(opaque > 500, "only \(opaque) opaque pixels: the diagram is missing")
        }
    }

    /// The transparent theme is the light palette over no background. A format that
    /// cannot carry alpha (mp4, gif) should show it as the light theme looks, not as
    /// dark text over black. FAILS today: `raw(_:alpha: false)` hands ffmpeg cairo's
    /// premultiplied BGRA with the background left transparent (0, 0, 0, 0), which
    /// yuv420p and the GIF palette read as black (mp4) or a dark purple (gif), so the
    /// titles, caption and input labels (#1F2937 and #5B6472) become unreadable.
    @Test("transparent theme in a format without alpha looks like the light theme, not dark text on black",
          arguments: [VideoFormat.mp4, .gif])
    func transparentThemeWithoutAlpha(_ format: VideoFormat) throws {
        try withTemporaryFolder("no-alpha-\(format)") { folder in
            let light = try Self.render(format, theme: "light", in: folder)
            let lightFrame = try decodeFrame(light.path, index: 12, width: 320, height: 180)
            let clear = try Self.render(format, theme: "transparent", in: folder)
            #expect(!clear.renderer.hasAlpha || !format.supportsAlpha)
            #expect(clear.probe.frames == Self.expectedFrames)
            let frame = try decodeFrame(clear.path, index: 12, width: 320, height: 180)
            let corner = frame.rgb(2, 2)
            #expect(corner.distance(to: RGB(r: 255, g: 255, b: 255)) <= 6,
                    "\(format) of the transparent theme has a \(corner) background (light: \(lightFrame.rgb(2, 2)))")
            var total = 0
            for (a, b) in zip(frame.bytes, lightFrame.bytes) { total += abs(Int(a) - Int(b)) }
            let mean = Double(total) / Double(frame.bytes.count)
            #expect(mean < 4, "\(format): mean difference from the light theme's frame is \(mean)/255")
        }
    }

    @Test("the progress callback counts up to the planned frames")
    func progress() throws {
        try withTemporaryFolder("progress") { folder in
            let run = try Fixture.run(Fixture.small(name: "progress", iterations: 1, animation: Self.animation))
            let renderer = AnimationRenderer(run: run, style: run.render, animation: run.animation)
            let seen = EmittedCounts()
            _ = try renderer.renderVideo(format: .mp4, to: folder.file("p.mp4"), quality: .low, jobs: 2) { done, total in
                seen.append(done, total)
            }
            #expect(seen.totals.allSatisfy { $0 == Self.expectedFrames })
            #expect(seen.done.last == Self.expectedFrames)
            #expect(isMonotone(seen.done.map(Double.init)) && Set(seen.done).count == seen.done.count, "\(seen.done)")
        }
    }
}

final class EmittedCounts: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var done: [Int] = []
    private(set) var totals: [Int] = []
    func append(_ d: Int, _ t: Int) {
        lock.lock()
        done.append(d)
        totals.append(t)
        lock.unlock()
    }
}
