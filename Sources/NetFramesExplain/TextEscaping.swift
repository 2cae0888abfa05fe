import NetFramesScene

/// Text made safe for each document format.
enum HTMLText {
    /// `text` with &, <, >, " and ' escaped, as the SVG frames and the player escape theirs.
    static func escaped(_ text: String) -> String { MarkupText.escaped(text) }
}

/// Text made safe for Markdown prose.
enum MarkdownText {
    /// `text` with the characters Markdown (or its maths) would read as markup escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]<>|$#".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// Text made safe for LaTeX prose, as pdflatex reads it.
enum LaTeXText {
    /// `text` with LaTeX's special characters escaped, typographic quotes and symbols as
    /// LaTeX writes them, and characters pdflatex cannot set by default replaced by "?".
    static func escaped(_ text: String) -> String {
        var out = ""
        var openQuote = true
        for c in text {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "%", "_": out += "\\" + String(c)
            case "^": out += "\\^{}"
            case "~": out += "\\~{}"
            case "\"":
                out += openQuote ? "``" : "''"
                openQuote.toggle()
            case "−": out += "$-$"
            case "…": out += "\\ldots{}"
            case "⋯": out += "$\\cdots$"
            case "—": out += "---"
            case "–": out += "--"
            case "’": out += "'"
            case "<", ">", "|": out += "$" + String(c) + "$"
            default:
                guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { out += "?"; continue }
                // ASCII, and the accented Latin letters LaTeX's utf8 input sets without extra packages.
                if scalar.value < 0x80 || (0xC0...0xFF).contains(scalar.value) && scalar.value != 0xD7 && scalar.value != 0xF7 {
                    out.append(c)
                } else {
                    out += "?"
                }
            }
        }
        return out
    }
}
