extension Formula {
    /// The formula as LaTeX maths (without the surrounding `$`), with numbers of the
    /// record printed to `places` decimals. Only standard commands are used, so
    /// pdflatex with amsmath, KaTeX, MathJax and GitHub all read it.
    func latex(places: Int) -> String {
        switch self {
        case .number(let x): return Formula.latex(PrintedNumber(x, places: places))
        case .setting(let x): return Formula.latex(PrintedNumber(setting: x))
        case .count(let n): return n < 0 ? "-\(-n)" : "\(n)"
        case .variable(let name): return Formula.latexLetter(name)
        case .word(let name): return "\\mathrm{\(name)}"
        case .op(let op): return op.latex
        case .row(let items):
            return items.indices.map { i in
                items[i].isScientific(places: places) && Formula.nextToProduct(items, i)
                    ? "(" + items[i].latex(places: places) + ")" : items[i].latex(places: places)
            }.joined(separator: " ")
        case let .sub(base, sub): return "\(base.latexBase(places: places))_{\(sub.latex(places: places))}"
        case let .sup(.sub(base, sub), sup): return Formula.subSup(base, sub, sup).latex(places: places)
        case let .sup(base, sup):
            let shown = base.isScientific(places: places) ? "(\(base.latex(places: places)))" : base.latexBase(places: places)
            return "\(shown)^{\(sup.latex(places: places))}"
        case let .subSup(base, sub, sup):
            return "\(base.latexBase(places: places))_{\(sub.latex(places: places))}^{\(sup.latex(places: places))}"
        case let .fraction(top, bottom): return "\\frac{\(top.latex(places: places))}{\(bottom.latex(places: places))}"
        case .parens(let inner):
            // Parentheses grow only around something tall, as a person would write them.
            return inner.isTall ? "\\left( \(inner.latex(places: places)) \\right)" : "(\(inner.latex(places: places)))"
        case .root(let inner): return "\\sqrt{\(inner.latex(places: places))}"
        case let .function(name, argument):
            let command: String
            switch name {
            case "σ": command = "\\sigma"
            case "tanh", "log", "exp", "max": command = "\\" + name
            default: command = "\\mathrm{\(name)}"
            }
            return argument.isTall ? "\(command)\\left( \(argument.latex(places: places)) \\right)"
                : "\(command)(\(argument.latex(places: places)))"
        case let .sum(over, body): return "\\sum_{\(over.latex(places: places))} \(body.latex(places: places))"
        case .hat(let base): return "\\hat{\(base.latex(places: places))}"
        }
    }

    /// Whether the formula holds a fraction, sum or root, which parentheses must grow around.
    var isTall: Bool {
        switch self {
        case .fraction, .sum, .root: return true
        case .row(let items): return items.contains { $0.isTall }
        case let .sub(base, _), let .sup(base, _), let .subSup(base, _, _): return base.isTall
        case .parens(let inner), .function(_, let inner): return inner.isTall
        default: return false
        }
    }

    /// Whether the formula is a number that prints with a power of ten.
    func isScientific(places: Int) -> Bool {
        switch self {
        case .number(let x): return PrintedNumber(x, places: places).exponent != nil
        case .setting(let x): return PrintedNumber(setting: x).exponent != nil
        default: return false
        }
    }

    /// Whether item `i` of a row stands beside a multiplication dot: a number in powers
    /// of ten there goes in parentheses, so 0.9 · (6.1 × 10⁻⁸) reads as one product.
    static func nextToProduct(_ items: [Formula], _ i: Int) -> Bool {
        (i > 0 && items[i - 1] == .op(.times)) || (i + 1 < items.count && items[i + 1] == .op(.times))
    }

    /// The formula as the base of a sub- or superscript: braced unless it is one symbol.
    private func latexBase(places: Int) -> String {
        switch self {
        case .variable, .word, .count, .parens, .hat: return latex(places: places)
        default: return "{\(latex(places: places))}"
        }
    }

    /// A printed number in LaTeX: `-0.0381`, `4.386 \times 10^{-4}`, `\infty`.
    static func latex(_ n: PrintedNumber) -> String {
        let sign = n.negative ? "-" : ""
        if n.infinite { return sign + "\\infty" }
        if n.digits == "NaN" { return "\\mathrm{NaN}" }
        guard let exponent = n.exponent else { return sign + n.digits }
        let mantissa = n.digits == "1" ? "" : n.digits + " \\times "
        return "\(sign)\(mantissa)10^{\(exponent)}"
    }

    /// A variable's letter: Latin as it is, Greek as its command.
    static func latexLetter(_ name: String) -> String {
        let greek: [String: String] = ["α": "\\alpha", "β": "\\beta", "δ": "\\delta", "ε": "\\epsilon", "η": "\\eta",
                                       "λ": "\\lambda", "μ": "\\mu", "σ": "\\sigma", "Σ": "\\Sigma"]
        return greek[name] ?? name
    }
}

extension Operator {
    /// The operator in LaTeX.
    var latex: String {
        switch self {
        case .equals: return "="
        case .plus: return "+"
        case .minus: return "-"
        case .times: return "\\cdot"
        case .cross: return "\\times"
        case .partial: return "\\partial"
        case .arrow: return "\\to"
        case .prime: return "\\prime"
        case .ellipsis: return "\\cdots"
        case .comma: return ","
        case .greater: return ">"
        case .atMost: return "\\le"
        case .approx: return "\\approx"
        }
    }
}
