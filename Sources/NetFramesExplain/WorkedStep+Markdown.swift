extension WorkedStep {
    /// The step worked through as Markdown: `$…$` and `$$…$$` maths in standard LaTeX,
    /// which GitHub, KaTeX and MathJax all render, tables of every number, and a picture
    /// of each frame in `framePaths` (paths relative to the document), placed at its moment.
    public func markdown(_ options: ExplainOptions = ExplainOptions(), framePaths: [FrameMoment: String] = [:]) -> String {
        let document = Derivation.document(self, options: options, frames: Set(framePaths.keys))
        let places = options.digits
        var out = "<!-- \(WorkedStep.signature): step \(step) of \(runName). -->\n\n# \(MarkdownText.escaped(document.title))\n"
        func prose(_ items: Prose) -> String {
            items.map { item in
                switch item {
                case .text(let s): return MarkdownText.escaped(s)
                case .math(let f): return "$" + f.latex(places: places) + "$"
                case .code(let s): return "`" + s + "`"
                }
            }.joined()
        }
        for block in document.blocks {
            out += "\n"
            switch block {
            case let .heading(level, text):
                out += String(repeating: "#", count: level) + " " + MarkdownText.escaped(text) + "\n"
            case .paragraph(let items):
                out += prose(items) + "\n"
            case .display(let lines):
                out += lines.map { "$$\n" + $0.latex(places: places) + "\n$$\n" }.joined(separator: "\n")
            case .table(let table):
                out += "*" + MarkdownText.escaped(table.caption) + "*\n\n"
                out += "| " + table.header.map(prose).joined(separator: " | ") + " |\n"
                out += "|" + table.header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined() + "\n"
                for row in table.rows { out += "| " + row.map(prose).joined(separator: " | ") + " |\n" }
            case let .figure(moment, caption):
                guard let path = framePaths[moment] else { continue }
                out += "![\(MarkdownText.escaped(caption))](\(path))\n\n*\(MarkdownText.escaped(caption))*\n"
            }
        }
        return out
    }

    /// What the first line of every document `netframes explain` writes says, so it
    /// knows the file as its own when asked to write it again.
    public static let signature = "Written by netframes explain"
}
