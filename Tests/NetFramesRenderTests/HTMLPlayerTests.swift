import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
@testable import NetFramesRender
import NetFramesRun
import NetFramesRunFile
import NetFramesScene
import NetFramesTestSupport

/// The HTML player's page as bytes: its frames are the stills, nothing is fetched,
/// everything embedded is escaped, and the same run gives the same page.
@Suite("HTML player page")
struct HTMLPlayerTests {
    /// The page's pieces: the first frame's markup and each frame's script call.
    struct Page {
        let text: String
        /// The markup inside the stage before any script runs (the first frame).
        let stage: String
        /// The first argument of each `P.add(…)`, as written.
        let pictures: [String]
        /// The words object of each `P.add(…)`, parsed.
        let words: [[String: Any]]

        init(_ bytes: [UInt8]) throws {
            text = String(decoding: bytes, as: UTF8.self)
            let open = "<div class=\"stage\" id=\"stage\" data-frame=\"1\">"
            let stageStart = try #require(text.range(of: open)).upperBound
            let stageEnd = try #require(text.range(of: "</div>\n<div class=\"controls\"", range: stageStart..<text.endIndex))
            stage = String(text[stageStart..<stageEnd.lowerBound])
            var pictures: [String] = [], words: [[String: Any]] = []
            var cursor = text.startIndex
            while let call = text.range(of: "<script>P.add(", range: cursor..<text.endIndex) {
                let end = try #require(text.range(of: "})</script>\n", range: call.upperBound..<text.endIndex))
                let body = text[call.upperBound..<end.lowerBound]
                let split = try #require(body.range(of: ",{\"p\":", options: .backwards))
                pictures.append(String(body[..<split.lowerBound]))
                let json = "{\"p\":" + body[split.upperBound...] + "}"
                words.append(try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]))
                cursor = end.upperBound
            }
            self.pictures = pictures
            self.words = words
        }
    }

    /// Reads a template literal as JavaScript would (only the escapes the writer uses).
    static func unescapeTemplateLiteral(_ literal: String) throws -> String {
        #expect(literal.hasPrefix("`") && literal.hasSuffix("`"))
        var out = ""
        var escaping = false
        for ch in literal.dropFirst().dropLast() {
            if escaping {
                out.append(ch == "r" ? "\r" : ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }

    static func render(_ yaml: String, file: String = "test.yaml", encoding: HTMLFrameEncoding = .svg,
                       autoLimit: Int = HTMLPlayer.autoLimit, in folder: TemporaryFolder) throws -> (HTMLPlayerSummary, [UInt8]) {
        let run = try Fixture.run(yaml, file: file)
        var output = HTMLPlayerOutput(folder: folder.file("out"), name: run.name, encoding: encoding, jobs: 2)
        output.autoLimit = autoLimit
        let summary = try HTMLPlayer(run: run, style: run.render).render(to: output)
        return (summary, try readBytes(summary.path))
    }

    @Test("every frame is the SVG still of the same snapshot, with its phase, status and caption")
    func framesAreTheStills() throws {
        try withTemporaryFolder("html-stills") { folder in
            let (summary, bytes) = try Self.render(Fixture.demo, file: "demo", in: folder)
            #expect(summary.frames == 12 && summary.encoding == .svg && summary.bytes == bytes.count)
            #expect(summary.path == folder.file("out") + "/demo.html")
            #expect(try fileNames(in: folder.file("out")) == [".netframes", "demo.html"], "no temporary file is left")

            let run = try Fixture.run(Fixture.demo, file: "demo")
            let stills = try FrameRenderer(run: run, style: run.render).render(to: FrameOutput(folder: folder.file("svg"), format: .svg, jobs: 2))
            let page = try Page(bytes)
            #expect(page.pictures.count == 12 && page.words.count == 12)
            #expect(page.pictures.first == "null", "the first frame is the one already on the page")
            for (i, entry) in stills.manifest.entries.enumerated() {
                let svg = String(decoding: try readBytes(folder.file("svg/" + entry.file)), as: UTF8.self)
                let withoutDeclaration = String(svg[try #require(svg.range(of: "<svg")).lowerBound...])
                let words = page.words[i]
                #expect(words["p"] as? String == entry.phase.rawValue)
                let titleStart = try #require(svg.range(of: "<title>")).upperBound
                let title = String(svg[titleStart..<(try #require(svg.range(of: "</title>")).lowerBound)])
                #expect(words["t"] as? String == title)
                let status = try #require(words["s"] as? String)
                #expect(status.hasPrefix("iteration \(entry.iteration) · example \(entry.example) · "))
                #expect(status.contains("· loss ") == (entry.loss != nil))
                let caption = try #require(words["c"] as? [String])
                let desc = try #require(svg.range(of: "<desc>")).upperBound
                let expected = String(svg[desc..<(try #require(svg.range(of: "</desc>")).lowerBound)])
                    .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&apos;", with: "'")
                    .replacingOccurrences(of: "&quot;", with: "\"")
                // The accessible name: the frame's description, the SVG's <desc>.
                #expect(caption.count == 2 && expected.hasPrefix("Network diagram of "))
                let alt = expected
                #expect(words["a"] as? String == alt)
                // The first frame is on the page as an image named by it; the others are
                // the stills exactly, named by the script when shown.
                let shown = i == 0 ? page.stage : try Self.unescapeTemplateLiteral(page.pictures[i])
                let named = "<svg role=\"img\" aria-label=\"\(HTMLPlayerTemplate.htmlEscaped(alt))\""
                    + withoutDeclaration.dropFirst("<svg".count)
                #expect(shown == (i == 0 ? named : withoutDeclaration), "frame \(i + 1) differs from \(entry.file)")
            }
            // The first frame's words are on the page without script too.
            #expect(page.text.contains("<p class=\"position\" id=\"position\">Frame 1 · iteration 0 · example 0 · forward, layer 1</p>"))
        }
    }

    @Test("nothing is fetched: no external scripts, styles, fonts or images")
    func selfContained() throws {
        try withTemporaryFolder("html-offline") { folder in
            let (_, bytes) = try Self.render(Fixture.demo, file: "demo", in: folder)
            let text = String(decoding: bytes, as: UTF8.self)
            let urls = try NSRegularExpression(pattern: #"[a-z]+://[^"' )<]*"#)
                .matches(in: text, range: NSRange(text.startIndex..., in: text))
                .map { String(text[Range($0.range, in: text)!]) }
            #expect(Set(urls) == ["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"], "only XML namespaces: \(Set(urls))")
            for needle in ["<link", "<iframe", "src=\"", "@import", "url(http", "url(//", "@font-face"] {
                #expect(!text.contains(needle), "the page holds \(needle)")
            }
            #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
            #expect(text.hasSuffix("<script>P.start()</script>\n</body>\n</html>\n"))
            for control in ["<button type=\"button\" id=\"forward\"", "<button type=\"button\" id=\"backprop\"",
                            "<button type=\"button\" id=\"play\"", "<input type=\"range\" id=\"scrubber\"",
                            "<div id=\"live\" aria-live=\"polite\""] {
                #expect(text.contains(control), "missing \(control)")
            }
        }
    }

    @Test("the same run gives the same page, and a dark run a dark page")
    func deterministic() throws {
        try withTemporaryFolder("html-same") { folder in
            let dark = Fixture.demo + "\nrender: {theme: dark}\n"
            let (_, first) = try Self.render(dark, file: "demo", in: folder)
            let (_, second) = try Self.render(dark, file: "demo", in: folder)
            #expect(first == second)
            let text = String(decoding: first, as: UTF8.self)
            #expect(text.contains("<html lang=\"en\" class=\"dark\">"))
            #expect(text.contains(".stage{aspect-ratio:1280 / 720;background:#111827}"))
        }
    }

    @Test("PNG frames: data URIs of PNGs, each with its words as alt text")
    func pngFrames() throws {
        try withTemporaryFolder("html-png") { folder in
            let (summary, bytes) = try Self.render(Fixture.colours, encoding: .png, in: folder)
            #expect(summary.encoding == .png && summary.frames == 6)
            let page = try Page(bytes)
            #expect(page.stage.hasPrefix("<img src=\"data:image/png;base64,iVBORw0KGgo"))
            #expect(page.stage.contains("alt=\"Network diagram of colours, iteration 0, example 0: forward pass into hidden layer 1."))
            #expect(page.stage.contains("title=\"colours: iteration 0, forward, layer 1\""))
            #expect(page.pictures.count == 6)
            for (words, picture) in zip(page.words, page.pictures) where picture != "null" {
                let title = try #require(words["t"] as? String), alt = try #require(words["a"] as? String)
                #expect(alt.hasPrefix("Network diagram of colours, iteration ") && !alt.contains(title), "\(alt)")
            }
            for picture in page.pictures.dropFirst() {
                #expect(picture.hasPrefix("\"data:image/png;base64,iVBORw0KGgo") && !picture.contains("<"))
                let base64 = picture.dropFirst("\"data:image/png;base64,".count).dropLast()
                let png = try #require(Data(base64Encoded: String(base64)))
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            }
            #expect(page.text.contains("P.kind = \"png\";"))
            #expect(!page.text.contains("<svg"))
        }
    }

    /// Whether each frame of a pass is in motion, as the pipeline hands it over.
    struct MotionSink: FrameSink {
        var motion: [Bool] = []
        func draw(_ frame: PipelineFrame) throws -> Bool { frame.state.motion != nil }
        mutating func receive(_ drawn: Bool) throws { motion.append(drawn) }
        mutating func endBatch() throws {}
        mutating func finish(_ ending: PipelineEnding) throws {}
    }

    /// The demo's first step at 5 frames a second, no final hold: a forward moment is 3
    /// frames of motion (the last one settled) and 2 of hold.
    static let slowAnimation: AnimationSettings = {
        var settings = AnimationSettings()
        settings.fps = 5
        settings.finalHold = 0
        return settings
    }()
    static let oneStep = Fixture.demo.replacingOccurrences(of: "iterations: 2", with: "iterations: 1")

    @Test("motion frames are marked for reduced motion (\"m\":1), stills and holds are not, and the CSS stops under it")
    func motionMarks() throws {
        try withTemporaryFolder("html-motion") { folder in
            let stills = try Page(try Self.render(Fixture.demo, file: "demo", in: folder).1)
            #expect(stills.words.allSatisfy { $0["m"] == nil }, "a still is a held moment")
            #expect(stills.text.contains("@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important"))

            let page = try Page(Array(try PlayerInChromium.animationPage(Self.oneStep, file: "demo", settings: Self.slowAnimation,
                                                                          in: folder).utf8))
            let flags = page.words.map { $0["m"] as? Int }
            #expect(page.words.map { $0["m"] == nil } == flags.map { $0 == nil }, "a mark that is not a number")
            #expect(flags.allSatisfy { $0 == nil || $0 == 1 }, "\(flags)")
            let marks = flags.map { $0 != nil }
            let run = try Fixture.run(Self.oneStep, file: "demo")
            var sink = MotionSink()
            try FramePipeline(run: run, style: run.render, source: .animation(Self.slowAnimation), jobs: 2).run(into: &sink)
            #expect(marks == sink.motion)
            #expect(Array(marks.prefix(6)) == [true, true, false, false, false, true], "\(marks)")
            // Two forward layers (3 frames, 2 in motion), the cost (5, 4), two backward
            // layers (4, 3) and the update (5, 4), each moment followed by 2 frames of hold.
            #expect(marks.count == 36 && marks.filter { $0 }.count == 18, "\(marks.count) frames, \(marks.filter { $0 }.count) in motion")
        }
    }

    @Test("auto keeps SVG for a run under the limit, and above it the smaller of SVG and PNG")
    func autoEncoding() throws {
        try withTemporaryFolder("html-auto") { folder in
            let (small, _) = try Self.render(Fixture.colours, encoding: .auto, in: folder)
            #expect(small.encoding == .svg)
            // With a limit of one byte, the first batch decides by size: the colours frames
            // (a few labels on white) are smaller as SVG than as PNG.
            let (limited, _) = try Self.render(Fixture.colours, encoding: .auto, autoLimit: 1, in: folder)
            let (svg, _) = try Self.render(Fixture.colours, encoding: .svg, in: folder)
            let (png, _) = try Self.render(Fixture.colours, encoding: .png, in: folder)
            #expect(limited.encoding == (png.bytes < svg.bytes ? .png : .svg))
        }
    }

    @Test("embedded strings are escaped for HTML, for JavaScript strings and for template literals")
    func escaping() throws {
        #expect(HTMLPlayerTemplate.htmlEscaped("a<b>&\"c'\u{1}") == "a&lt;b&gt;&amp;&quot;c&apos;")
        #expect(HTMLPlayerTemplate.jsString("x\"\\</script>\n\u{2028}") == #""x\"\\\u003c/script>\n\u2028""#)
        let svg = "<svg><desc>a`b${c}\\d</desc></SCRIPT x><!-- y --></svg>"
        let literal = String(decoding: HTMLPlayerTemplate.templateLiteral(Array(svg.utf8)), as: UTF8.self)
        #expect(literal == #"`<svg><desc>a\`b\${c}\\d</desc><\/SCRIPT x><\!-- y --></svg>`"#)
        #expect(try Self.unescapeTemplateLiteral(literal) == svg)
        #expect(!literal.lowercased().contains("</script") && !literal.contains("<!--"))
    }

    @Test("the command line: demo --format html, render.format html in a run file, --html-frames checked")
    func commandLine() throws {
        try withTemporaryFolder("html-cli") { folder in
            let netframes = try netframesExecutable()
            let demo = try runProcess(netframes, ["demo", "--format", "html", "--out", "player", "--quiet"], in: folder.path)
            #expect(demo.status == 0, "\(demo.stderr)")
            #expect(demo.stderr.contains("wrote player/demo.html (12 frames as svg, "), "\(demo.stderr)")
            #expect(try fileNames(in: folder.file("player")) == [".netframes", "demo.curves.csv", "demo.html"])

            let yaml = Fixture.colours + "\nrender: {format: html}\n"
            try yaml.write(toFile: folder.file("colours.yaml"), atomically: true, encoding: .utf8)
            let render = try runProcess(netframes, ["render", "colours.yaml", "--html-frames", "png", "--quiet"], in: folder.path)
            #expect(render.status == 0, "\(render.stderr)")
            #expect(render.stderr.contains("wrote Output/colours/colours.html (6 frames as png, "), "\(render.stderr)")

            let mismatch = try runProcess(netframes, ["render", "colours.yaml", "--format", "png", "--html-frames", "svg"],
                                          in: folder.path)
            #expect(mismatch.status == 64 && mismatch.stderr.contains("--html-frames goes with --format html."),
                    "\(mismatch.status) \(mismatch.stderr)")
            let unknown = try runProcess(netframes, ["render", "colours.yaml", "--html-frames", "jpeg"], in: folder.path)
            #expect(unknown.status == 64 && unknown.stderr.contains("auto"), "\(unknown.stderr)")
            let sharded = try runProcess(netframes, ["render", "colours.yaml", "--shard", "2/3"], in: folder.path)
            #expect(sharded.status == 64 && sharded.stderr.contains("--format html writes one page"), "\(sharded.stderr)")
        }
    }

    @Test("a run that diverges still gets its page, with the frames before the divergence, and the error")
    func divergence() throws {
        try withTemporaryFolder("html-diverged") { folder in
            let run = try Fixture.run("""
                name: diverged
                network: {layers: [1, 1], output: linear, weights: [[[1]]]}
                training: {loss: mse, learningRate: 1e6, iterations: 1000}
                data: [{input: [1000], target: [0]}]
                """)
            let output = HTMLPlayerOutput(folder: folder.file("out"), name: run.name, encoding: .svg, jobs: 2)
            #expect(throws: TrainingError.self) { try HTMLPlayer(run: run, style: run.render).render(to: output) }
            let page = try Page(try readBytes(output.path))
            #expect(page.words.count >= 4 && page.words.count % 4 == 0, "whole steps only: \(page.words.count) frames")
            #expect(page.text.hasSuffix("<script>P.start()</script>\n</body>\n</html>\n"))
            #expect(try fileNames(in: folder.file("out")) == [".netframes", "diverged.html"])
        }
    }

    @Test("a render stopped between batches leaves no page and says how many frames were done")
    func cancelled() throws {
        try withTemporaryFolder("html-cancelled") { folder in
            let run = try Fixture.run(Fixture.demo, file: "demo")
            let cancellation = RenderCancellation()
            cancellation.cancel(signal: SIGINT)
            let output = HTMLPlayerOutput(folder: folder.file("out"), name: run.name, encoding: .svg, jobs: 1,
                                          cancellation: cancellation)
            #expect(throws: RenderInterrupted.self) { try HTMLPlayer(run: run, style: run.render).render(to: output) }
            #expect(try fileNames(in: folder.file("out")) == [".netframes"], "no page, and no temporary file")
        }
    }
}
