import Foundation
import Testing
import NetFramesRender
import NetFramesRunFile
import NetFramesTestSupport

/// The HTML player in a real browser: headless Chromium opens the page, a script clicks
/// the buttons, moves the scrubber and presses keys, and records what the page then
/// shows; Chromium's `--dump-dom` hands the record back.
///
/// The record names the frame by the `<title>` of the SVG (or the `alt` of the PNG)
/// actually in the stage, so a button that does nothing, or changes the counter but
/// not the picture, fails.
@Suite("HTML player in headless Chromium", .enabled(if: Chromium.path != nil,
                                                   "chromium is not installed (apt-get install chromium)"))
struct HTMLPlayerBrowserTests {
    /// One line of the record: what the page showed after an action.
    struct Shown: Decodable, CustomStringConvertible {
        var label: String
        var frame: Int
        /// The SVG's `<title>`, or the PNG's `alt` up to its first ". ".
        var title: String?
        var position: String
        var caption: String
        var forwardDisabled: String?
        var backpropDisabled: String?
        var scrubber: Int
        var hint: String
        var play: String
        /// Whether the page is wider than the window (a phone would scroll sideways).
        var overflow: Bool

        var description: String { "\(label): frame \(frame) \(title ?? "-") [\(position)] hint '\(hint)'" }
    }

    /// The actions, run once the player has started, and the record they leave in
    /// `<pre id="nf-test-record">`.
    static let actions = #"""
        <script>
        (function () {
          "use strict";
          var record = [];
          function $(id) { return document.getElementById(id); }
          function note(label) {
            var stage = $("stage"), svgTitle = stage.querySelector("svg > title"), img = stage.querySelector("img");
            record.push({
              label: label,
              frame: Number(stage.getAttribute("data-frame")),
              title: svgTitle ? svgTitle.textContent : img ? img.alt.split(". ")[0] : null,
              position: $("position").textContent,
              caption: Array.prototype.map.call($("caption").children, function (p) { return p.textContent; }).join(" "),
              forwardDisabled: $("forward").getAttribute("aria-disabled"),
              backpropDisabled: $("backprop").getAttribute("aria-disabled"),
              scrubber: Number($("scrubber").value),
              hint: $("hint").textContent,
              play: $("play").textContent,
              overflow: document.documentElement.scrollWidth > window.innerWidth
            });
          }
          function click(id) { $(id).dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window })); }
          function key(name) { document.body.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true })); }
          note("start");
          click("forward"); note("Forward");
          click("backprop"); note("Backprop before the cost");
          click("forward"); note("Forward to the cost");
          click("forward"); note("Forward after the cost");
          click("backprop"); note("Backprop");
          key("ArrowRight"); note("ArrowRight");
          key("ArrowLeft"); note("ArrowLeft");
          var scrubber = $("scrubber");
          scrubber.value = "9";
          scrubber.dispatchEvent(new Event("input", { bubbles: true }));
          note("scrubber to 9");
          key("End"); note("End");
          key("Home"); note("Home");
          click("play"); note("Play");
          setTimeout(function () {
            note("2.5 s later");
            key(" "); note("Space");
            var out = document.createElement("pre");
            out.id = "nf-test-record";
            out.textContent = JSON.stringify(record);
            document.body.appendChild(out);
          }, 2500);
        })();
        </script>
        """#

    /// Renders `yaml` as a page, adds the actions, opens it in Chromium at `window`
    /// size and returns the record.
    func play(_ yaml: String, file: String, encoding: HTMLFrameEncoding, window: String,
              in folder: TemporaryFolder) throws -> [Shown] {
        let run = try Fixture.run(yaml, file: file)
        let output = HTMLPlayerOutput(folder: folder.file("out"), name: run.name, encoding: encoding, jobs: 2)
        let summary = try HTMLPlayer(run: run, style: run.render).render(to: output)
        let page = String(decoding: try readBytes(summary.path), as: UTF8.self)
        let tested = folder.file("tested.html")
        try page.replacingOccurrences(of: "</body>", with: Self.actions + "\n</body>")
            .write(toFile: tested, atomically: true, encoding: .utf8)
        let result = try Chromium.run(["--virtual-time-budget=15000", "--window-size=\(window)", "--dump-dom",
                                       URL(fileURLWithPath: tested).absoluteString], profile: folder.file("profile"))
        try #require(result.status == 0, "chromium failed (\(result.status)): \(result.stderr.suffix(2000))")
        let dom = result.stdout
        let open = "<pre id=\"nf-test-record\">"
        let start = try #require(dom.range(of: open), "the page's script left no record; did it run? \(dom.suffix(500))")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode([Shown].self, from: Data(json.utf8))
    }

    /// The demo's twelve moments, in order: two steps of forward 1, forward 2, cost,
    /// backprop 2, backprop 1, update.
    static func demoTitle(_ frame: Int) -> String {
        let moments = ["forward, layer 1", "forward, layer 2", "cost", "backprop, layer 2", "backprop, layer 1", "update"]
        return "demo: iteration \((frame - 1) / 6), \(moments[(frame - 1) % 6])"
    }

    func check(_ record: [Shown], frames expected: [Int], title: (Int) -> String, total: Int) throws {
        try #require(record.count == expected.count, "\(record.count) records: \(record)")
        for (shown, frame) in zip(record, expected) {
            #expect(shown.frame == frame, "\(shown.label): frame \(shown.frame), expected \(frame)")
            #expect(shown.title == title(frame), "\(shown.label): the stage shows \(shown.title ?? "nothing")")
            #expect(shown.position.hasPrefix("Frame \(frame) of \(total) · iteration \((frame - 1) / 6) · "),
                    "\(shown.label): \(shown.position)")
            #expect(shown.scrubber == frame, "\(shown.label): scrubber at \(shown.scrubber)")
            #expect(!shown.caption.isEmpty)
            #expect(!shown.overflow, "\(shown.label): the page is wider than the window")
        }
        // The record, action by action.
        let byLabel = Dictionary(record.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        let start = try #require(byLabel["start"]), forward = try #require(byLabel["Forward"])
        #expect(start.caption != forward.caption, "the caption did not follow the frame")
        #expect(start.forwardDisabled == "false" && start.backpropDisabled == "true")
        #expect(try #require(byLabel["Backprop before the cost"]).hint.contains("Forward comes next"))
        let cost = try #require(byLabel["Forward to the cost"])
        #expect(cost.forwardDisabled == "true" && cost.backpropDisabled == "false")
        #expect(cost.position.contains("· cost · loss "))
        #expect(try #require(byLabel["Forward after the cost"]).hint.contains("Backprop comes next"))
        #expect(try #require(byLabel["End"]).forwardDisabled == "true")
        #expect(try #require(byLabel["Play"]).play == "Pause")
        #expect(try #require(byLabel["Space"]).play == "Play")
    }

    /// Frames after each action: start, Forward, Backprop (refused before the cost),
    /// Forward to the cost, Forward (refused after it), Backprop, →, ←, scrubber to 9,
    /// End, Home, Play, 2.5 s of playing (one frame a second), Space (pause).
    static let expectedFrames = [1, 2, 2, 3, 3, 4, 5, 4, 9, 12, 1, 1, 3, 3]

    @Test("Forward, Backprop, the scrubber, arrows, Home/End and Play step through the demo's SVG frames",
          arguments: ["1280,900", "390,844"])
    func svgDemo(window: String) throws {
        try withTemporaryFolder("html-browser") { folder in
            let record = try play(Fixture.demo, file: "demo", encoding: .svg, window: window, in: folder)
            try check(record, frames: Self.expectedFrames, title: Self.demoTitle, total: 12)
        }
    }

    @Test("the same with PNG frames")
    func pngDemo() throws {
        try withTemporaryFolder("html-browser-png") { folder in
            let record = try play(Fixture.demo, file: "demo", encoding: .png, window: "1280,900", in: folder)
            try check(record, frames: Self.expectedFrames, title: Self.demoTitle, total: 12)
        }
    }
}
