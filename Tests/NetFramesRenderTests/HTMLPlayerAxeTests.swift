import Foundation
import Testing
import NetFramesRender
import NetFramesTestSupport

/// The HTML player checked by axe-core in headless Chromium: the page as a reader
/// meets it once the player has started, with SVG and PNG frames, light and dark.
@Suite("HTML player accessibility (axe-core in headless Chromium)",
       .enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium)"),
       .enabled(if: AxeCore.path != nil, "axe-core is missing (pip install axe-selenium-python: its axe.min.js runs the checks)"))
struct HTMLPlayerAxeTests {
    /// What axe-core said of a page.
    struct Report: Decodable {
        struct Violation: Decodable, CustomStringConvertible {
            var id: String
            /// "minor", "moderate", "serious" or "critical".
            var impact: String?
            var help: String
            /// The elements at fault, as CSS selectors.
            var nodes: [String]

            var description: String { "\(id) (\(impact ?? "no impact")): \(help) at \(nodes.joined(separator: ", "))" }
        }

        var version: String?
        /// The rules that found nothing wrong.
        var passes: [String]?
        var violations: [Violation]?
        /// Set when axe-core itself failed.
        var error: String?

        /// Violations a reader cannot get past, or only with great effort.
        var blocking: [Violation] { (violations ?? []).filter { $0.impact == "serious" || $0.impact == "critical" } }
    }

    /// Runs axe-core on the whole page, after the player has started (this script comes
    /// after the page's `P.start()`), and records its violations and the rules passed.
    static let check = #"""
        <script>
        (function () {
          "use strict";
          function done(value) {
            var out = document.createElement("pre");
            out.id = "nf-test-record";
            out.textContent = JSON.stringify(value);
            document.body.appendChild(out);
          }
          axe.run(document, { resultTypes: ["violations"] }).then(function (results) {
            done({
              version: axe.version,
              passes: results.passes.map(function (rule) { return rule.id; }),
              violations: results.violations.map(function (v) {
                return { id: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.map(function (node) { return node.target.join(" "); }) };
              })
            });
          }, function (error) { done({ error: String(error) }); });
        })();
        </script>
        """#

    /// axe-core's report on `page`.
    func audit(_ page: String, name: String = "tested", in folder: TemporaryFolder) throws -> Report {
        let axe = "<script>\n" + (try AxeCore.script()) + "\n</script>\n"
        let json = try PlayerInChromium.record(of: page, adding: axe + Self.check, name: name, in: folder)
        let report = try JSONDecoder().decode(Report.self, from: json)
        try #require(report.error == nil, "axe-core failed: \(report.error ?? "")")
        return report
    }

    @Test("axe-core finds nothing serious or critical in the player", arguments: [HTMLFrameEncoding.svg, .png], [false, true])
    func noBlockingViolations(encoding: HTMLFrameEncoding, dark: Bool) throws {
        try withTemporaryFolder("html-axe") { folder in
            let yaml = Fixture.demo + (dark ? "\nrender: {theme: dark}\n" : "")
            let page = try PlayerInChromium.page(yaml, file: "demo", encoding: encoding, in: folder)
            #expect(page.contains("<html lang=\"en\"\(dark ? " class=\"dark\"" : "")>"))
            let report = try audit(page, in: folder)
            // axe-core ran its rules on this page: these apply to it and found it sound.
            let passes = Set(report.passes ?? [])
            var expected: Set = ["color-contrast", "button-name", "label", "landmark-one-main", "region",
                                 "document-title", "html-has-lang", "aria-valid-attr-value"]
            if encoding == .png { expected.insert("image-alt") }
            #expect(expected.isSubset(of: passes), "axe-core \(report.version ?? "?") did not pass \(expected.subtracting(passes).sorted())")
            #expect(report.blocking.isEmpty, "\(report.blocking)")
            let others = (report.violations ?? []).filter { v in !report.blocking.contains { $0.id == v.id } }
            print("axe-core \(report.version ?? "?"), \(encoding.rawValue) \(dark ? "dark" : "light"): "
                  + "\(report.violations?.count ?? 0) violations; minor or moderate: \(others.map(\.id))")
        }
    }

    @Test("the check can fail: a scrubber without a name is a critical violation")
    func catchesAViolation() throws {
        try withTemporaryFolder("html-axe-broken") { folder in
            let page = try PlayerInChromium.page(Fixture.demo, file: "demo", encoding: .svg, in: folder)
            let named = "<input type=\"range\" id=\"scrubber\" min=\"1\" max=\"1\" value=\"1\" step=\"1\" aria-label=\"Frame\">"
            try #require(page.contains(named))
            let unnamed = page.replacingOccurrences(of: named, with: named.replacingOccurrences(of: " aria-label=\"Frame\"", with: ""))
            let report = try audit(unnamed, in: folder)
            let label = report.blocking.first { $0.id == "label" }
            #expect(label?.impact == "critical" && label?.nodes == ["#scrubber"], "\(report.violations ?? [])")
        }
    }
}
