import Foundation
import NetFramesScene

/// The text of the HTML player around its frames: the page, its style sheet, its
/// controls and the script that drives them, and the escaping of everything put in it.
///
/// The page is written in three parts so that frames can be streamed in between: `head`
/// (the page up to the first frame, shown as it is so the page says something without
/// script), one `frame` script per frame, and `tail`. Nothing is fetched: no fonts, no
/// scripts, no images from anywhere else.
enum HTMLPlayerTemplate {
    /// What the page needs to know before its frames.
    struct Page {
        var runName: String
        /// The frame size in scene units, for the stage's aspect ratio.
        var width: Double
        var height: Double
        var dark: Bool
        /// The page background behind the frames (the frames carry their own).
        var stageBackground: String
        var encoding: HTMLFrameEncoding
    }

    /// What one frame shows beside its picture.
    struct FrameText {
        /// "forward", "loss", "backward" or "update".
        var phase: String
        /// The header's status line: iteration, example, moment, loss.
        var status: String
        /// The frame's title (the SVG `<title>`).
        var title: String
        /// The caption's lines.
        var caption: [String]
        /// The frame's text alternative: the PNG's `alt`, the inline SVG's `aria-label`.
        var alt: String
        /// Whether the frame is one of the motion (tween) frames that lead into a held
        /// moment; Play skips them when the reader prefers reduced motion.
        var motion = false
    }

    // MARK: Parts

    /// The page from the doctype to the first frame's picture and caption inclusive,
    /// then the player's script (which the frames call).
    static func head(_ page: Page, firstFrame: [UInt8]?, firstText: FrameText?) -> [UInt8] {
        let name = htmlEscaped(page.runName)
        let aspect = "\(number(page.width)) / \(number(page.height))"
        var html = """
            <!DOCTYPE html>
            <html lang="en"\(page.dark ? " class=\"dark\"" : "")>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="NetFrames">
            <title>\(name): how the network learns, frame by frame</title>
            <style>
            \(styleSheet)
            .stage{aspect-ratio:\(aspect);background:\(page.stageBackground)}
            main{max-width:max(20rem,min(\(number(page.width))px,calc((100vh - 15rem) * \(aspect))))}
            </style>
            </head>
            <body>
            <main>
            <h1>\(name)</h1>
            <div class="stage" id="stage" data-frame="1">
            """
        var bytes = Array(html.utf8)
        if let firstFrame {
            let alt = firstText?.alt ?? "", title = firstText?.title ?? ""
            bytes += page.encoding == .png
                ? Array(("<img src=\"\(htmlEscaped(String(decoding: firstFrame, as: UTF8.self)))\" alt=\"\(htmlEscaped(alt))\""
                    + " title=\"\(htmlEscaped(title))\">").utf8)
                : labelledSVG(firstFrame, label: alt)
        }
        let caption = firstText?.caption.map { "<p>\(htmlEscaped($0))</p>" }.joined() ?? ""
        html = """
            </div>
            <div class="controls" role="group" aria-label="Step through the frames">
            <button type="button" id="forward" class="forward" aria-keyshortcuts="F" title="Next moment of the forward pass (F)">Forward</button>
            <button type="button" id="backprop" class="backprop" aria-keyshortcuts="B" title="Next moment of backpropagation and the update (B)">Backprop</button>
            <button type="button" id="play" aria-pressed="false" aria-keyshortcuts="Space" title="Play or pause (Space)">Play</button>
            <input type="range" id="scrubber" min="1" max="1" value="1" step="1" aria-label="Frame">
            </div>
            <div id="live" aria-live="polite" aria-atomic="true">
            <p class="position" id="position">\(htmlEscaped(firstText.map { "Frame 1 · \($0.status)" } ?? "No frames"))</p>
            <div class="caption" id="caption">\(caption)</div>
            </div>
            <p class="hint" id="hint" role="status"></p>
            <p class="keys">Forward steps through the forward pass and the cost, Backprop through backpropagation \
            and the update, as in the 2015 sketch.<span class="keyboard"> Keys: <kbd>F</kbd> Forward, \
            <kbd>B</kbd> Backprop, <kbd>←</kbd> <kbd>→</kbd> previous and next frame, <kbd>Space</kbd> play or \
            pause, <kbd>Home</kbd> <kbd>End</kbd> first and last.</span></p>
            <noscript><p class="hint">The controls need JavaScript; this is the first frame.</p></noscript>
            </main>
            <script>
            \(script)
            P.kind = "\(page.encoding == .png ? "png" : "svg")";
            </script>

            """
        bytes += Array(html.utf8)
        return bytes
    }

    /// One frame: its picture (SVG text, or a PNG data URI; `nil` for the first frame,
    /// which `head` has put on the page already) and its words, handed to the player.
    static func frame(_ data: [UInt8]?, text: FrameText, encoding: HTMLFrameEncoding) -> [UInt8] {
        var bytes = Array("<script>P.add(".utf8)
        if let data = data {
            bytes += encoding == .png ? Array(jsString(String(decoding: data, as: UTF8.self)).utf8) : templateLiteral(data)
        } else {
            bytes += Array("null".utf8)
        }
        bytes += Array(",{\"p\":\(jsString(text.phase)),\"s\":\(jsString(text.status)),\"t\":\(jsString(text.title)),\"c\":[".utf8)
        bytes += Array(text.caption.map(jsString).joined(separator: ",").utf8)
        bytes += Array("],\"a\":\(jsString(text.alt))\(text.motion ? ",\"m\":1" : "")})</script>\n".utf8)
        return bytes
    }

    /// The end of the page: the player starts once every frame has been read.
    static let tail = Array("<script>P.start()</script>\n</body>\n</html>\n".utf8)

    /// A frame's text alternative made of its title and caption.
    static func altText(title: String, caption: [String]) -> String {
        ([title] + caption).joined(separator: ". ")
    }

    /// The first frame's SVG as the page shows it before any script runs: its root
    /// element gets `role="img"` and `label` as its accessible name, as the script gives
    /// every SVG frame it shows. The rest of the SVG is left as it is.
    static func labelledSVG(_ svg: [UInt8], label: String) -> [UInt8] {
        let root = Array("<svg".utf8)
        guard svg.starts(with: root) else { return svg }
        return root + Array(" role=\"img\" aria-label=\"\(htmlEscaped(label))\"".utf8) + svg.dropFirst(root.count)
    }

    // MARK: Escaping

    /// Text made safe for HTML text and attribute values.
    static func htmlEscaped(_ text: String) -> String {
        MarkupText.escaped(text)
    }

    /// A JavaScript string literal that is also safe inside a `<script>` element: `<` is
    /// written `\u003c`, so no `</script>` or `<!--` can appear.
    static func jsString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// SVG text as a JavaScript template literal inside a `<script>` element. Only what
    /// would end the literal or the element is escaped (`\`, `` ` ``, `${`, a carriage
    /// return, `</script` and `<!--`), so the literal reads back to exactly `svg`.
    static func templateLiteral(_ svg: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "`")]
        out.reserveCapacity(svg.count + 16)
        var i = 0
        while i < svg.count {
            let c = svg[i]
            switch c {
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "`"): out += [UInt8(ascii: "\\"), UInt8(ascii: "`")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "$") where i + 1 < svg.count && svg[i + 1] == UInt8(ascii: "{"):
                out += [UInt8(ascii: "\\"), UInt8(ascii: "$")]
            case UInt8(ascii: "<") where startsTag(svg, at: i, "</script") || startsTag(svg, at: i, "<!--"):
                out += [UInt8(ascii: "<"), UInt8(ascii: "\\")]
            default: out.append(c)
            }
            i += 1
        }
        out.append(UInt8(ascii: "`"))
        return out
    }

    /// Whether `text` (ASCII, lower case) starts at `index`, ignoring ASCII case.
    private static func startsTag(_ bytes: [UInt8], at index: Int, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard index + needle.count <= bytes.count else { return false }
        for (k, n) in needle.enumerated() {
            var c = bytes[index + k]
            if c >= UInt8(ascii: "A"), c <= UInt8(ascii: "Z") { c += 32 }
            if c != n { return false }
        }
        return true
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }

    // MARK: Style and script

    /// Colours: the page follows the frames' theme; Forward and Backprop take the
    /// diagram's hues for the two passes (cyan, purple), darkened so white text on them
    /// keeps a contrast above 4.5:1. A reader who prefers reduced motion gets no CSS
    /// animation or transition, should any be added.
    static let styleSheet = """
        :root{--bg:#fff;--fg:#1f2937;--muted:#5b6472;--line:#cdd3db;--panel:#f4f6f9;color-scheme:light}
        :root.dark{--bg:#0b1120;--fg:#f3f4f6;--muted:#a3abb8;--line:#3a4556;--panel:#1f2937;color-scheme:dark}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
        main{margin:0 auto;padding:12px}
        h1{font-size:1.2rem;margin:0 0 8px;overflow-wrap:anywhere}
        .stage{width:100%;border:1px solid var(--line);border-radius:6px;overflow:hidden}
        .stage>svg,.stage>img{display:block;width:100%;height:100%}
        .controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:10px 0 6px}
        button{font:inherit;font-weight:600;min-height:44px;min-width:44px;padding:0 18px;border-radius:6px;border:1px solid var(--line);background:var(--panel);color:var(--fg);cursor:pointer}
        button.forward{background:#0b7285;border-color:#0b7285;color:#fff}
        button.backprop{background:#7b3a99;border-color:#7b3a99;color:#fff}
        button[aria-disabled="true"]{opacity:.4;cursor:default}
        button:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        input[type=range]{flex:1 1 12rem;min-width:10rem;min-height:44px;margin:0;accent-color:#0b7285}
        .position{font-weight:600;margin:4px 0 2px;font-variant-numeric:tabular-nums}
        .caption p{margin:0 0 4px}
        .caption p+p{color:var(--muted);overflow-wrap:anywhere}
        .hint{min-height:1.45em;margin:4px 0;color:var(--muted)}
        .keys{font-size:.85rem;color:var(--muted);margin:4px 0 0}
        kbd{font:inherit;border:1px solid var(--line);border-radius:3px;padding:0 4px}
        @media (hover:none) and (pointer:coarse){.keyboard{display:none}}
        @media (max-width:640px){main{padding:8px}h1{font-size:1rem}button{flex:1 1 0;padding:0 8px}input[type=range]{flex-basis:100%}}
        @media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
        """

    /// The player. Frames arrive through `P.add(picture, words)` while the page is read;
    /// `P.start()` wires the controls.
    ///
    /// Forward shows the next frame when it is a forward or cost moment, Backprop when it
    /// is a backpropagation or update moment; the other button is dimmed (but stays
    /// focusable) and says which comes next if pressed. So each step goes Forward,
    /// Forward…, then Backprop, Backprop…, as with the 2015 sketch's two buttons.
    ///
    /// Both buttons go from held moment to held moment: a frame marked as motion
    /// (`"m":1`, a tween leading into a moment) is passed over, and so is a frame that
    /// repeats the one before (a hold). Every still is a moment. Play shows one frame a
    /// second; when the reader prefers reduced motion it shows one moment a second
    /// instead, without the motion frames, and the player opens on a moment.
    static let script = #"""
        var P = (function () {
          "use strict";
          var frames = [], index = 0, timer = null, els = {};
          function add(picture, words) { frames.push([picture, words]); }
          function isForward(i) { var p = frames[i][1].p; return p === "forward" || p === "loss"; }
          function isMotion(i) { return frames[i][1].m === 1; }
          function sameWords(i, j) {
            var a = frames[i][1], b = frames[j][1];
            return a.t === b.t && a.s === b.s && a.c.join("\n") === b.c.join("\n");
          }
          // A held moment: not in motion, and not a hold repeating the frame before.
          function isMoment(i) { return !isMotion(i) && (i === 0 || isMotion(i - 1) || !sameWords(i - 1, i)); }
          function nextMoment(i) {
            for (var j = i + 1; j < frames.length; j++) { if (isMoment(j)) { return j; } }
            return -1;
          }
          var motionQuery = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
          function reducedMotion() { return motionQuery !== null && motionQuery.matches; }
          // Where Play starts, and what it shows next (-1: nothing).
          function firstPlayed() { return reducedMotion() && frames.length > 0 && !isMoment(0) ? Math.max(0, nextMoment(0)) : 0; }
          function nextPlayed() { return reducedMotion() ? nextMoment(index) : index + 1 < frames.length ? index + 1 : -1; }
          function enable(button, on) { button.setAttribute("aria-disabled", on ? "false" : "true"); }
          function show(i) {
            var n = frames.length;
            if (n === 0) { return; }
            index = Math.max(0, Math.min(n - 1, i));
            var f = frames[index], w = f[1];
            if (typeof f[0] !== "string") {
              els.stage.replaceChildren(f[0]);
            } else if (P.kind === "png") {
              var img = document.createElement("img");
              img.src = f[0];
              img.alt = w.a;
              img.title = w.t;
              els.stage.replaceChildren(img);
            } else {
              els.stage.innerHTML = f[0];
            }
            // An inline SVG is one image to assistive technology, named by the frame's text.
            var svg = els.stage.querySelector(":scope > svg");
            if (svg !== null) {
              svg.setAttribute("role", "img");
              svg.setAttribute("aria-label", w.a);
            }
            els.stage.setAttribute("data-frame", String(index + 1));
            var where = "Frame " + (index + 1) + " of " + n + " · " + w.s;
            els.position.textContent = where;
            els.caption.replaceChildren.apply(els.caption, w.c.map(function (line) {
              var p = document.createElement("p");
              p.textContent = line;
              return p;
            }));
            els.scrubber.value = String(index + 1);
            els.scrubber.setAttribute("aria-valuetext", where);
            var next = nextMoment(index);
            enable(els.forward, next >= 0 && isForward(next));
            enable(els.backprop, next >= 0 && !isForward(next));
            els.hint.textContent = "";
            try { history.replaceState(null, "", "#frame=" + (index + 1)); } catch (e) { /* file: pages may refuse */ }
          }
          function say(text) { els.hint.textContent = text; }
          function forward() {
            var next = nextMoment(index);
            if (next < 0) { say("This is the last frame."); return; }
            if (!isForward(next)) { say("This step's forward pass is done: Backprop comes next."); return; }
            show(next);
          }
          function backprop() {
            var next = nextMoment(index);
            if (next < 0) { say("This is the last frame."); return; }
            if (isForward(next)) { say("Backpropagation starts once the forward pass has reached the cost: Forward comes next."); return; }
            show(next);
          }
          function stop() {
            if (timer === null) { return; }
            clearInterval(timer);
            timer = null;
            els.play.textContent = "Play";
            els.play.setAttribute("aria-pressed", "false");
            els.live.setAttribute("aria-live", "polite");
          }
          function play() {
            if (timer !== null) { stop(); return; }
            if (nextPlayed() < 0) { show(firstPlayed()); }
            els.play.textContent = "Pause";
            els.play.setAttribute("aria-pressed", "true");
            els.live.setAttribute("aria-live", "off");
            timer = setInterval(function () {
              var next = nextPlayed();
              if (next < 0) { stop(); return; }
              show(next);
            }, 1000);
          }
          function start() {
            ["stage", "forward", "backprop", "play", "scrubber", "position", "caption", "hint", "live"].forEach(function (id) {
              els[id] = document.getElementById(id);
            });
            // The first frame's picture is the one the page shows before any script runs.
            if (frames.length > 0 && frames[0][0] === null) { frames[0][0] = els.stage.firstElementChild; }
            els.scrubber.max = String(Math.max(1, frames.length));
            els.forward.addEventListener("click", function () { stop(); forward(); });
            els.backprop.addEventListener("click", function () { stop(); backprop(); });
            els.play.addEventListener("click", play);
            els.scrubber.addEventListener("input", function () { stop(); show(Number(els.scrubber.value) - 1); });
            document.addEventListener("keydown", function (e) {
              if (e.altKey || e.ctrlKey || e.metaKey) { return; }
              var onRange = e.target === els.scrubber, onButton = e.target && e.target.tagName === "BUTTON";
              switch (e.key) {
                case "ArrowRight": if (onRange) { return; } stop(); show(index + 1); break;
                case "ArrowLeft": if (onRange) { return; } stop(); show(index - 1); break;
                case "Home": if (onRange) { return; } stop(); show(0); break;
                case "End": if (onRange) { return; } stop(); show(frames.length - 1); break;
                case " ": if (onButton) { return; } play(); break;
                case "f": case "F": stop(); forward(); break;
                case "b": case "B": stop(); backprop(); break;
                default: return;
              }
              e.preventDefault();
            });
            var asked = /^#(?:frame=)?(\d+)$/.exec(location.hash);
            show(asked ? Number(asked[1]) - 1 : firstPlayed());
          }
          return { add: add, start: start, kind: "svg" };
        })();
        """#
}
