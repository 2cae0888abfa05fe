import Foundation

extension WorkedStep {
    /// The step worked through as one self-contained HTML page that works offline:
    /// maths as MathML, which browsers draw without any script; tables of every number;
    /// and each frame in `frames` inline at its moment (SVG as `<svg>`, PNG as a data URI).
    public func html(_ options: ExplainOptions = ExplainOptions(), frames: [FrameMoment: StepFrame] = [:]) -> String {
        let document = Derivation.document(self, options: options, frames: Set(frames.keys))
        let places = options.digits
        func prose(_ items: Prose) -> String {
            items.map { item in
                switch item {
                case .text(let s): return HTMLText.escaped(s)
                case .math(let f): return "<math>" + f.mathML(places: places) + "</math>"
                case .code(let s): return "<code>" + HTMLText.escaped(s) + "</code>"
                }
            }.joined()
        }
        let title = HTMLText.escaped(document.title)
        var out = """
            <!DOCTYPE html>
            <!-- \(WorkedStep.signature): step \(step) of \(HTMLText.escaped(runName)). -->
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="NetFrames">
            <title>\(title)</title>
            <style>
            \(WorkedStep.pageStyle)
            </style>
            </head>
            <body>
            <main>
            <h1>\(title)</h1>

            """
        var figureNumber = 0
        for block in document.blocks {
            switch block {
            case let .heading(level, text):
                // The parts have ids (#forward-pass, #update …) so a page can link to one.
                let id = level == 2 ? " id=\"" + text.lowercased().split(separator: " ").joined(separator: "-") + "\"" : ""
                out += "<h\(level)\(id)>\(HTMLText.escaped(text))</h\(level)>\n"
            case .paragraph(let items):
                out += "<p>" + prose(items) + "</p>\n"
            case .display(let lines):
                out += "<div class=\"derivation\">" + WorkedStep.derivationMathML(lines, places: places) + "</div>\n"
            case .table(let table):
                out += "<div class=\"numbers\"><table>\n<caption>\(HTMLText.escaped(table.caption))</caption>\n<thead><tr>"
                    + table.header.map { "<th scope=\"col\">" + prose($0) + "</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                out += table.rows.map { row in
                    "<tr>" + row.enumerated().map { i, cell in
                        i == 0 ? "<th scope=\"row\">" + prose(cell) + "</th>" : "<td>" + prose(cell) + "</td>"
                    }.joined() + "</tr>\n"
                }.joined()
                out += "</tbody>\n</table></div>\n"
            case let .figure(moment, caption):
                guard let frame = frames[moment] else { continue }
                figureNumber += 1
                out += "<figure>\n" + WorkedStep.inlinePicture(frame, prefix: "f\(figureNumber)-")
                    + "\n<figcaption>\(HTMLText.escaped(caption))</figcaption>\n</figure>\n"
            }
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// A derivation as one block formula: a line alone, or lines in a table aligned at
    /// their first =, as LaTeX's align* sets them.
    static func derivationMathML(_ lines: [Formula], places: Int) -> String {
        guard lines.count > 1 else { return "<math display=\"block\">" + lines[0].mathML(places: places) + "</math>" }
        let rows = lines.map { line -> String in
            func cell(_ f: Formula, _ side: String, indent: Bool = false) -> String {
                "<mtd class=\"\(side)\"><mrow displaystyle=\"true\">" + (indent ? "<mspace width=\"1em\"></mspace>" : "")
                    + f.mathML(places: places) + "</mrow></mtd>"
            }
            if let (left, right) = line.alignedHalves { return "<mtr>" + cell(left, "r") + cell(right, "l") + "</mtr>" }
            let continued: Bool
            if case .row(let items) = line, items.first == .op(.plus) { continued = true } else { continued = false }
            return "<mtr><mtd></mtd>" + cell(line, "l", indent: continued) + "</mtr>"
        }
        return "<math display=\"block\"><mtable>" + rows.joined() + "</mtable></math>"
    }

    /// A frame as the page holds it: the SVG itself, its ids given `prefix` so that
    /// several frames on one page keep their own glyphs; or a PNG as a data URI.
    static func inlinePicture(_ frame: StepFrame, prefix: String) -> String {
        switch frame.format {
        case .png:
            return "<img src=\"data:image/png;base64,\(Data(frame.bytes).base64EncodedString())\" alt=\"\(HTMLText.escaped(frame.summary))\">"
        case .svg, .pdf:
            var svg = String(decoding: frame.bytes, as: UTF8.self)
            if svg.hasPrefix("<?xml"), let end = svg.firstIndex(of: ">") {
                svg = String(svg[svg.index(after: end)...]).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return svg.replacingOccurrences(of: " id=\"", with: " id=\"" + prefix)
                .replacingOccurrences(of: "href=\"#", with: "href=\"#" + prefix)
                .replacingOccurrences(of: "url(#", with: "url(#" + prefix)
        }
    }

    /// The page's style sheet: readable prose, derivations and tables that scroll
    /// sideways on a narrow screen rather than overflow, frames as wide as the text.
    static let pageStyle = """
        body { margin: 0; background: #fff; color: #1f2937; font: 17px/1.55 Georgia, "DejaVu Serif", serif; }
        main { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
        h1 { font-size: 1.8rem; line-height: 1.25; }
        h2 { margin-top: 2.2rem; border-bottom: 1px solid #e5e7eb; padding-bottom: .2rem; }
        h3 { margin-top: 1.6rem; }
        math { font-size: 1.05em; }
        .derivation { overflow-x: auto; margin: .6rem 0; }
        .derivation math { margin: .3rem 0; }
        .derivation mtd { padding: .15rem 0; }
        .derivation mtd.l { text-align: left; }
        .derivation mtd.r { text-align: right; }
        .numbers { overflow-x: auto; margin: 1rem 0 1.5rem; }
        table { border-collapse: collapse; font-size: .9rem; }
        caption { text-align: left; font-style: italic; padding-bottom: .3rem; }
        th, td { padding: .2rem .6rem; border-bottom: 1px solid #e5e7eb; text-align: right; white-space: nowrap; }
        th[scope=row], thead th:first-child { text-align: left; }
        figure { margin: 1.2rem 0; }
        figure svg, figure img { display: block; width: 100%; height: auto; border: 1px solid #e5e7eb; }
        figcaption { font-size: .9rem; color: #4b5563; margin-top: .3rem; }
        code { font-size: .9em; }
        """
}
