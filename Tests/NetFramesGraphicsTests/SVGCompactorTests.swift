import Foundation
import Testing
@testable import NetFramesGraphics
import NetFramesScene

/// The SVG compaction: numbers, path data, colours, defaults, ids and glyphs.
@Suite("SVG compaction")
struct SVGCompactorTests {
    private func rounded(_ text: String, decimals: Int = 2, dropLeadingZero: Bool = false) -> String? {
        let bytes = Array(text.utf8)
        var i = 0
        guard let number = SVGValues.parseNumber(bytes, &i, end: bytes.count), i == bytes.count else { return nil }
        var out: [UInt8] = []
        SVGValues.append(number, decimals: decimals, dropLeadingZero: dropLeadingZero, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("numbers are rounded half away from zero, exactly, without needless digits")
    func numbers() {
        #expect(rounded("12.156863") == "12.16")
        #expect(rounded("-12.155") == "-12.16")
        #expect(rounded("1.995") == "2")
        #expect(rounded("-0.004") == "0")
        #expect(rounded("720") == "720")
        #expect(rounded("0.5", dropLeadingZero: true) == ".5")
        #expect(rounded("-0.125", dropLeadingZero: true) == "-.13")
        #expect(rounded("0.9376", decimals: 3) == "0.938")
        #expect(rounded("1e-05") == nil, "an exponent is not cairo's notation: kept as written")
        #expect(rounded("abc") == nil)
    }

    private func path(_ d: String) -> String? {
        SVGValues.compactPath(Array(d.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("path data keeps only the separators and command letters its grammar needs")
    func pathData() {
        // cairo's spelling of a glyph's box, with its dangling final moveto.
        #expect(path("M 1.28125 -4.28125 L 8.8125 -4.28125 L 8.8125 -3.28125 L 1.28125 -3.28125 Z M 1.28125 -4.28125 ")
                == "M1.28-4.28L8.81-4.28 8.81-3.28 1.28-3.28Z")
        #expect(path("M 0.5 0.25 C 0.5 1 2 3 4 5 C 6 7 8 9 10 11 ") == "M.5.25C.5 1 2 3 4 5 6 7 8 9 10 11")
        // Two movetos in a row stay two: a second number pair after M would mean a line.
        #expect(path("M 1 1 M 2 2 L 3 3") == "M1 1M2 2L3 3")
        #expect(path("M 1 1 L 2 2 Z M 5 5 L 6 6 Z") == "M1 1L2 2ZM5 5L6 6Z")
        #expect(path("") == "")
        #expect(path("M 1e5 2 L 3 4") == nil, "unexpected data is left alone")
    }

    @Test("colours become hex at 8 bits a channel")
    func colours() {
        func hex(_ s: String) -> String? { SVGValues.hexColor(Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) } }
        #expect(hex("rgb(12.156863%,16.078431%,21.568627%)") == "#1f2937")
        #expect(hex("rgb(100%,100%,100%)") == "#fff")
        #expect(hex("rgb(0%, 40%, 60%)") == "#069")
        #expect(hex("rgb(31, 41, 55)") == "#1f2937")
        #expect(hex("red") == nil)
        #expect(hex("rgb(1%,2%)") == nil)
    }

    private func compact(_ svg: String) -> String {
        String(decoding: SVGCompactor.compact(Array(svg.utf8)), as: UTF8.self)
    }

    @Test("a cairo-shaped document: glyphs deduplicated, ids shortened, defaults dropped, groups merged")
    func document() {
        let input = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10px" height="10px" viewBox="0 0 10 10" version="1.1">
            <defs>
            <g>
            <symbol overflow="visible" id="glyph0-0">
            <path style="stroke:none;" d="M 0 0 L 1 1 Z "/>
            </symbol>
            <symbol overflow="visible" id="glyph0-1">
            <path style="stroke:none;" d="M 0.123456 -1.5 L 2 2 Z M 0.123456 -1.5 "/>
            </symbol>
            <symbol overflow="visible" id="glyph1-1">
            <path style="stroke:none;" d="M 0.123456 -1.5 L 2 2 Z M 0.123456 -1.5 "/>
            </symbol>
            </g>
            </defs>
            <g id="surface42">
            <rect x="0" y="0" width="10" height="10" style="fill:rgb(100%,100%,100%);fill-opacity:1;stroke:none;"/>
            <path style="fill:none;stroke-width:1.444374;stroke-linecap:round;stroke-linejoin:round;stroke:rgb(79.778273%,62.283791%,48.263289%);stroke-opacity:1;stroke-miterlimit:10;" d="M 1.796875 1.429688 L 8.660156 7.167969 "/>
            <g style="fill:rgb(12.156863%,16.078431%,21.568627%);fill-opacity:1;">
              <use xlink:href="#glyph0-1" x="1.818359" y="6.019531"/>
            </g>
            <g style="fill:rgb(12.156863%,16.078431%,21.568627%);fill-opacity:1;">
              <use xlink:href="#glyph1-1" x="3.5" y="6.019531"/>
            </g>
            <g style="fill:rgb(0%,0%,0%);fill-opacity:0.5;">
              <path style="fill-rule:nonzero;fill:rgb(0%,0%,0%);fill-opacity:1;stroke:none;" d="M 0 0 L 1 0 L 1 1 Z"/>
            </g>
            </g>
            </svg>
            """
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10px" height="10px" viewBox="0 0 10 10" version="1.1">
            <defs>
            <g>
            <path id="a" d="M.12-1.5L2 2Z"/>
            </g>
            </defs>
            <g>
            <rect width="10" height="10" style="fill:#fff"/>
            <path style="fill:none;stroke-width:1.44;stroke-linecap:round;stroke-linejoin:round;stroke:#cb9f7b" d="M1.8 1.43L8.66 7.17"/>
            <g style="fill:#1f2937">
            <use xlink:href="#a" x="1.82" y="6.02"/>
            <use xlink:href="#a" x="3.5" y="6.02"/>
            </g>
            <g style="fill:#000;fill-opacity:0.5">
            <path style="fill:#000;fill-opacity:1" d="M0 0L1 0 1 1Z"/>
            </g>
            </g>
            </svg>

            """
        #expect(compact(input) == expected)
    }

    @Test("a group setting a stroke keeps stroke:none below it; miter joins keep their limit")
    func inheritedStroke() {
        let output = compact("""
            <svg width="4px" height="4px">
            <g style="stroke:rgb(0%,0%,0%);">
            <path style="stroke:none;fill-rule:evenodd;" d="M 0 0 L 1 1 "/>
            <path style="stroke-linejoin:miter;stroke-miterlimit:10;stroke:rgb(0%,0%,0%);" d="M 0 0 L 1 1 "/>
            </g>
            </svg>
            """)
        #expect(output.contains("<path style=\"stroke:none;fill-rule:evenodd\" d=\"M0 0L1 1\"/>"))
        #expect(output.contains("stroke-linejoin:miter;stroke-miterlimit:10;stroke:#000"))
    }

    @Test("a whole diagram: every reference resolves, each id and glyph outline once, short numbers")
    func diagram() throws {
        let svg = String(decoding: try SceneRenderer().svgData(DiagramFixture.scene(frame: 3)), as: UTF8.self)
        let ids = matches(of: #"id="([^"]+)""#, in: svg)
        #expect(!ids.isEmpty)
        #expect(Set(ids).count == ids.count, "an id is defined twice")
        let references = Set(matches(of: ##"href="#([^"]+)""##, in: svg))
        #expect(references.isSubset(of: Set(ids)), "references without a definition: \(references.subtracting(ids))")
        #expect(Set(ids).isSubset(of: references), "ids nothing refers to: \(Set(ids).subtracting(references))")
        let outlines = matches(of: #"<path id="[^"]+" d="([^"]*)""#, in: svg)
        #expect(outlines.count > 20 && Set(outlines).count == outlines.count, "a glyph outline is defined twice")
        #expect(!svg.contains("rgb(") && !svg.contains("glyph") && !svg.contains("surface"))
        #expect(matches(of: #"(\d+\.\d{3,})"#, in: svg.replacingOccurrences(of: #"opacity:\d\.\d{3}"#, with: "",
                                                                               options: .regularExpression)).isEmpty,
                "a number with more than two decimals")
    }

    private func matches(of pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }
}

extension SVGCompactorTests {
    @Test("a fill by a pattern inside a style points at the pattern's new id")
    func patternFillInStyle() {
        let output = compact("""
            <svg width="4px" height="4px">
            <defs>
            <image id="image5" width="2" height="2" xlink:href="data:image/png;base64,AAAA"/>
            <pattern id="pattern0" patternUnits="userSpaceOnUse" width="2" height="2">
            <use xlink:href="#image5"/>
            </pattern>
            </defs>
            <path style="stroke:none;fill-rule:nonzero;fill:url(#pattern0);" d="M 0 0 L 4 0 L 4 4 Z "/>
            </svg>
            """)
        #expect(output.contains("<pattern id=\"b\""), "\(output)")
        #expect(output.contains("fill:url(#b)") && !output.contains("pattern0"), "\(output)")
        #expect(output.contains("xlink:href=\"data:image/png;base64,AAAA\""))
    }
}
