import Foundation
import Testing
import NetFramesRender
import NetFramesRunFile
import NetFramesTestSupport

/// The HTML player in a real browser: headless Chromium opens the page, a script clicks
/// the buttons, moves the scrubber and presses keys, and records what the page then
/// shows; Chromium's `--dump-dom` hands the record back.
///
/// The record names the frame by the `<title>` of the SVG (or the `title` of the PNG)
/// actually in the stage, so a button that does nothing, or changes the counter but
/// not the picture, fails.
@Suite("HTML player in headless Chromium", .enabled(if: Chromium.path != nil,
                                                   "chromium is not installed (apt-get install chromium)"))
struct HTMLPlayerBrowserTests {
    /// One line of the record: what the page showed after an action.
    struct Shown: Decodable, CustomStringConvertible {
        var label: String
        var frame: Int
        /// The SVG's `<title>`, or the PNG's `title`.
        var title: String?
        /// The picture's accessible name: the SVG's `aria-label` or the PNG's `alt`.
        var name: String?
        /// The SVG's `role` (`nil` for a PNG).
        var role: String?
        /// The caption's lines.
        var captionLines: [String]
        var position: String
        var caption: String
        var forwardDisabled: String?
        var backpropDisabled: String?
        var scrubber: Int
        var hint: String
        /// The live region's text (position and caption) and its `aria-live`.
        var live: String
        var liveMode: String?
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
            var stage = $("stage"), svg = stage.querySelector("svg"), img = stage.querySelector("img");
            var svgTitle = stage.querySelector("svg > title");
            var lines = Array.prototype.map.call($("caption").children, function (p) { return p.textContent; });
            record.push({
              label: label,
              frame: Number(stage.getAttribute("data-frame")),
              title: svgTitle ? svgTitle.textContent : img ? img.title : null,
              name: svg ? svg.getAttribute("aria-label") : img ? img.alt : null,
              role: svg ? svg.getAttribute("role") : null,
              position: $("position").textContent,
              caption: lines.join(" "),
              captionLines: lines,
              forwardDisabled: $("forward").getAttribute("aria-disabled"),
              backpropDisabled: $("backprop").getAttribute("aria-disabled"),
              scrubber: Number($("scrubber").value),
              hint: $("hint").textContent,
              live: $("live").textContent,
              liveMode: $("live").getAttribute("aria-live"),
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
        let page = try PlayerInChromium.page(yaml, file: file, encoding: encoding, in: folder)
        let json = try PlayerInChromium.record(of: page, adding: Self.actions, window: window, in: folder)
        return try JSONDecoder().decode([Shown].self, from: json)
    }

    /// The demo's twelve moments, in order: two steps of forward 1, forward 2, cost,
    /// backprop 2, backprop 1, update.
    static func demoTitle(_ frame: Int) -> String {
        let moments = ["forward, layer 1", "forward, layer 2", "cost", "backprop, layer 2", "backprop, layer 1", "update"]
        return "demo: iteration \((frame - 1) / 6), \(moments[(frame - 1) % 6])"
    }

    func check(_ record: [Shown], frames expected: [Int], title: (Int) -> String, total: Int,
               encoding: HTMLFrameEncoding) throws {
        try #require(record.count == expected.count, "\(record.count) records: \(record)")
        for (shown, frame) in zip(record, expected) {
            #expect(shown.frame == frame, "\(shown.label): frame \(shown.frame), expected \(frame)")
            #expect(shown.title == title(frame), "\(shown.label): the stage shows \(shown.title ?? "nothing")")
            // The picture is named by its own frame's description, not the first frame's.
            let moments = ["forward pass into hidden layer 1", "forward pass into the output layer", "the cost",
                           "backpropagation reaching the output layer", "backpropagation reaching hidden layer 1",
                           "updates every weight and bias"]
            let name = shown.name ?? ""
            #expect(name.hasPrefix("Network diagram of demo, iteration \((frame - 1) / 6), example ")
                    && name.contains(moments[(frame - 1) % 6]), "\(shown.label): the picture is named \(name)")
            #expect(shown.role == (encoding == .svg ? "img" : nil), "\(shown.label): role \(shown.role ?? "none")")
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
        // The caption is a polite live region: after Forward it says the new frame's
        // caption, so a screen reader reads it out. While playing it is quiet.
        #expect(start.liveMode == "polite" && forward.liveMode == "polite")
        #expect(forward.live != start.live)
        for line in forward.captionLines + [forward.position] {
            #expect(forward.live.contains(line), "the live region does not say '\(line)': \(forward.live)")
        }
        for line in start.captionLines where !forward.captionLines.contains(line) {
            #expect(!forward.live.contains(line), "the live region still says the first frame's '\(line)'")
        }
        #expect(try #require(byLabel["Play"]).liveMode == "off")
        #expect(try #require(byLabel["Space"]).liveMode == "polite")
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
            try check(record, frames: Self.expectedFrames, title: Self.demoTitle, total: 12, encoding: .svg)
        }
    }

    @Test("the same with PNG frames")
    func pngDemo() throws {
        try withTemporaryFolder("html-browser-png") { folder in
            let record = try play(Fixture.demo, file: "demo", encoding: .png, window: "1280,900", in: folder)
            try check(record, frames: Self.expectedFrames, title: Self.demoTitle, total: 12, encoding: .png)
        }
    }

    /// What Play showed on a page of animation frames, and where Forward went.
    struct Played: Decodable {
        /// Whether the page saw the reader's preference for reduced motion.
        var reduced: Bool
        /// The frames shown, 1-based, from the start through 2.5 s of playing.
        var seen: [Int]
        /// After Home (frame 1, in motion), Forward, then Forward again.
        var forward: [Int]
    }

    /// Records every frame the stage shows while playing for 2.5 s, then pauses, goes
    /// Home and presses Forward twice.
    static let playing = #"""
        <script>
        (function () {
          "use strict";
          var stage = document.getElementById("stage"), seen = [];
          function frame() { return Number(stage.getAttribute("data-frame")); }
          function click(id) { document.getElementById(id).dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window })); }
          function key(name) { document.body.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true })); }
          seen.push(frame());
          new MutationObserver(function () { seen.push(frame()); }).observe(stage, { attributes: true, attributeFilter: ["data-frame"] });
          click("play");
          setTimeout(function () {
            click("play");
            key("Home");
            var forward = [];
            click("forward"); forward.push(frame());
            click("forward"); forward.push(frame());
            var out = document.createElement("pre");
            out.id = "nf-test-record";
            out.textContent = JSON.stringify({
              reduced: window.matchMedia("(prefers-reduced-motion: reduce)").matches,
              seen: seen.slice(0, 3),
              forward: forward
            });
            document.body.appendChild(out);
          }, 2500);
        })();
        </script>
        """#

    @Test("with prefers-reduced-motion, Play steps from moment to moment without motion frames; without it, it shows them",
          arguments: [true, false])
    func reducedMotion(reduced: Bool) throws {
        try withTemporaryFolder("html-reduced-motion") { folder in
            let page = try PlayerInChromium.animationPage(HTMLPlayerTests.oneStep, file: "demo",
                                                          settings: HTMLPlayerTests.slowAnimation, in: folder)
            let motion = try HTMLPlayerTests.Page(Array(page.utf8)).words.map { $0["m"] != nil }
            // The held moments, 1-based: the first frame after each stretch of motion.
            let moments = motion.indices.dropFirst().filter { !motion[$0] && motion[$0 - 1] }.map { $0 + 1 }
            try #require(motion.count == 36 && moments.count == 6 && motion[0] && motion[1], "\(motion)")
            let json = try PlayerInChromium.record(of: page, adding: Self.playing,
                                                   flags: reduced ? ["--force-prefers-reduced-motion"] : [], in: folder)
            let played = try JSONDecoder().decode(Played.self, from: json)
            #expect(played.reduced == reduced)
            if reduced {
                // It opens on the first moment, and each second shows the next one.
                #expect(played.seen == Array(moments.prefix(3)), "moments \(moments), seen \(played.seen)")
                #expect(played.seen.allSatisfy { !motion[$0 - 1] })
            } else {
                // One frame a second from the first, which is in motion, as is the next.
                #expect(played.seen == [1, 2, 3], "seen \(played.seen)")
                #expect(played.seen.dropFirst().contains { motion[$0 - 1] }, "Play showed no motion frame")
            }
            // Forward goes from moment to moment either way.
            #expect(played.forward == Array(moments.prefix(2)), "moments \(moments), Forward went to \(played.forward)")
        }
    }
}
