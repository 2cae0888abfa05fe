import Foundation
import NetFramesExplain
import NetFramesRunFile
import NetFramesTestSupport
import Testing

/// The HTML page `netframes explain --format html` writes, opened in headless Chromium
/// with no network: its MathML must be drawn (every `<math>` has a box of its own size)
/// and no TeX may show as text.
@Suite("explain --format html in headless Chromium", .enabled(if: Chromium.path != nil,
                                                              "chromium is not installed (apt-get install chromium)"))
struct HTMLPageBrowserTests {
    /// What the page looked like once drawn, as the injected script measured it.
    struct Measured: Decodable {
        var maths: Int
        /// `<math>` elements drawn with no width or height.
        var emptyMaths: Int
        /// Block maths wider than the page's text, which would run off a narrow screen.
        var widestMath: Double
        var svgs: Int
        /// `<svg>` frames drawn with no size.
        var emptySVGs: Int
        /// The ids in the page that occur more than once.
        var duplicateIDs: [String]
        var text: String
        var overflow: Bool
    }

    static let measure = #"""
        <script>
        window.addEventListener("load", function () {
          var maths = Array.prototype.slice.call(document.querySelectorAll("math"));
          var svgs = Array.prototype.slice.call(document.querySelectorAll("figure svg"));
          var ids = {}, duplicates = [];
          Array.prototype.forEach.call(document.querySelectorAll("[id]"), function (e) {
            if (ids[e.id] && duplicates.indexOf(e.id) < 0) duplicates.push(e.id);
            ids[e.id] = true;
          });
          var widest = 0;
          maths.forEach(function (m) { widest = Math.max(widest, m.getBoundingClientRect().width); });
          var record = {
            maths: maths.length,
            emptyMaths: maths.filter(function (m) { var r = m.getBoundingClientRect(); return !(r.width > 0 && r.height > 0); }).length,
            widestMath: widest,
            svgs: svgs.length,
            emptySVGs: svgs.filter(function (s) { var r = s.getBoundingClientRect(); return !(r.width > 100 && r.height > 50); }).length,
            duplicateIDs: duplicates,
            text: document.body.innerText,
            overflow: document.documentElement.scrollWidth > window.innerWidth
          };
          var out = document.createElement("pre");
          out.id = "nf-test-record";
          out.textContent = JSON.stringify(record);
          document.body.appendChild(out);
        });
        </script>
        """#

    func measure(_ page: String, window: String, in folder: TemporaryFolder) throws -> Measured {
        let html = String(decoding: try readBytes(page), as: UTF8.self)
        let tested = folder.file("tested.html")
        try html.replacingOccurrences(of: "</body>", with: Self.measure + "\n</body>").write(toFile: tested, atomically: true, encoding: .utf8)
        let result = try Chromium.run(["--virtual-time-budget=10000", "--window-size=\(window)", "--dump-dom",
                                       URL(fileURLWithPath: tested).absoluteString], profile: folder.file("profile"))
        try #require(result.status == 0, "chromium failed (\(result.status)): \(result.stderr.suffix(2000))")
        let dom = result.stdout
        let open = "<pre id=\"nf-test-record\">"
        let start = try #require(dom.range(of: open), "the page's script left no record: \(dom.suffix(500))")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Measured.self, from: Data(json.utf8))
    }

    @Test("Mazur's page draws every formula as MathML and every frame as SVG, with no TeX in sight",
          arguments: ["1200,900", "390,844"])
    func mazur(window: String) throws {
        try withTemporaryFolder("explain-html") { folder in
            let page = folder.file("mazur.html")
            let result = try netframes(["explain", examplePath("two-two-two.yaml"), "--format", "html", "--digits", "9",
                                        "--out", page], in: folder)
            try #require(result.status == 0, "exit \(result.status): \(result.stderr)")
            let html = String(decoding: try readBytes(page), as: UTF8.self)
            #expect(!html.contains("<script"), "the page needs no script")
            #expect(!html.contains("src=\"http") && !html.contains("href=\"http"), "the page loads nothing from the network")
            let shown = try measure(page, window: window, in: folder)
            #expect(shown.maths > 100, "\(shown.maths) formulas")
            #expect(shown.emptyMaths == 0, "\(shown.emptyMaths) of \(shown.maths) formulas were not drawn")
            #expect(shown.svgs == 6 && shown.emptySVGs == 0, "\(shown.svgs) frames, \(shown.emptySVGs) not drawn")
            #expect(shown.duplicateIDs.isEmpty, "ids used twice, so frames would borrow each other's glyphs: \(shown.duplicateIDs.prefix(5))")
            for tex in ["\\frac", "\\partial", "\\mathrm", "$", "\\left"] {
                #expect(!shown.text.contains(tex), "the page shows raw TeX \"\(tex)\"")
            }
            #expect(shown.text.contains("0.593269992") && shown.text.contains("0.291027774"))
            #expect(!shown.overflow, "the page is wider than a \(window) window")
        }
    }

    @Test("pages of every optimizer and pairing draw all their maths", arguments: ExplainCombination.all)
    func combination(_ combination: ExplainCombination) throws {
        try withTemporaryFolder("explain-html-\(combination.name)") { folder in
            let run = try folder.write("\(combination.name).yaml", combination.yaml)
            let page = folder.file("\(combination.name).html")
            let result = try netframes(["explain", run, "--step", "2", "--format", "html", "--frames", "png", "--out", page],
                                       in: folder)
            try #require(result.status == 0, "exit \(result.status): \(result.stderr)")
            let shown = try measure(page, window: "1200,900", in: folder)
            #expect(shown.maths > 50 && shown.emptyMaths == 0, "\(shown.emptyMaths) of \(shown.maths) formulas not drawn")
            #expect(!shown.text.contains("\\frac") && !shown.text.contains("$"))
            let html = String(decoding: try readBytes(page), as: UTF8.self)
            let moments = try Fixture.run(combination.yaml).setup.shape.momentsPerStep
            #expect(html.components(separatedBy: "<img src=\"data:image/png;base64,").count - 1 == moments)
        }
    }
}
