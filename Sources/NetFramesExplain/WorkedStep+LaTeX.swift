extension WorkedStep {
    /// The step worked through as a complete LaTeX article for pdflatex (amsmath,
    /// graphicx, longtable, geometry), with each frame in `framePaths` (PDF or PNG,
    /// relative to the document) included at its moment.
    public func latex(_ options: ExplainOptions = ExplainOptions(), framePaths: [FrameMoment: String] = [:]) -> String {
        let document = Derivation.document(self, options: options, frames: Set(framePaths.keys))
        let places = options.digits
        func prose(_ items: Prose) -> String {
            items.map { item in
                switch item {
                case .text(let s): return LaTeXText.escaped(s)
                case .math(let f): return "$" + f.latex(places: places) + "$"
                case .code(let s): return "\\texttt{" + LaTeXText.escaped(s) + "}"
                }
            }.joined()
        }
        var out = """
            % \(WorkedStep.signature): step \(step) of \(LaTeXText.escaped(runName)).
            \\documentclass[11pt]{article}
            \\usepackage[a4paper,margin=2cm]{geometry}
            \\usepackage{amsmath}
            \\usepackage{graphicx}
            \\usepackage{longtable}
            \\setlength{\\LTleft}{0pt}
            \\setlength{\\LTright}{\\fill}
            \\allowdisplaybreaks
            \\setlength{\\parindent}{0pt}
            \\setlength{\\parskip}{0.6em}
            \\begin{document}

            \\begin{center}
            {\\LARGE \(LaTeXText.escaped(document.title))}
            \\end{center}

            """
        for (i, block) in document.blocks.enumerated() {
            // A derivation belongs to the paragraph around it: no blank line before or after it.
            let isDisplay: (Block) -> Bool = { if case .display = $0 { return true } else { return false } }
            if !isDisplay(block) && !(i > 0 && isDisplay(document.blocks[i - 1])) { out += "\n" }
            switch block {
            case let .heading(level, text):
                out += (level <= 2 ? "\\section*{" : "\\subsection*{") + LaTeXText.escaped(text) + "}\n"
            case .paragraph(let items):
                out += prose(items) + "\n"
            case .display(let lines):
                out += "\\begin{align*}\n" + lines.map { Self.alignedLine($0, places: places) }.joined(separator: " \\\\\n")
                    + "\n\\end{align*}\n"
            case .table(let table):
                out += "\\textit{\(LaTeXText.escaped(table.caption))}\\nopagebreak\n{\\footnotesize\\setlength{\\tabcolsep}{3pt}\n"
                out += "\\begin{longtable}{l" + String(repeating: "r", count: table.header.count - 1) + "}\n"
                out += table.header.map(prose).joined(separator: " & ") + " \\\\\n\\hline\n\\endhead\n"
                out += table.rows.map { $0.map(prose).joined(separator: " & ") + " \\\\\n" }.joined()
                out += "\\end{longtable}}\n"
            case let .figure(moment, caption):
                guard let path = framePaths[moment] else { continue }
                out += "\\begin{center}\n\\includegraphics[width=0.8\\linewidth]{\(path)}\\\\\n"
                    + "{\\small \(LaTeXText.escaped(caption))}\n\\end{center}\n"
            }
        }
        out += "\n\\end{document}\n"
        return out
    }

    /// One line of an `align*`: aligned at its first =, or a continuation (= … or + …).
    static func alignedLine(_ line: Formula, places: Int) -> String {
        if case .row(let items) = line, items.first == .op(.plus) {
            return "&\\quad " + line.latex(places: places)
        }
        guard let (left, right) = line.alignedHalves else { return "&" + line.latex(places: places) }
        return left.latex(places: places) + " &" + right.latex(places: places)
    }
}
