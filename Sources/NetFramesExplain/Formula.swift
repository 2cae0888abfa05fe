/// A piece of mathematics in a worked example, written once and printed as LaTeX (for
/// Markdown and LaTeX documents) or as MathML (for HTML pages).
///
/// Numbers from the record stay numbers until printing, so one formula prints with
/// any number of decimals.
public indirect enum Formula: Sendable, Hashable {
    /// A number from the step's record, printed with the document's decimals; negative
    /// numbers print with their sign.
    case number(Double)
    /// A setting as the run gives it (η = 0.5, β₁ = 0.9, ε = 10⁻⁸), in its shortest form.
    case setting(Double)
    /// A whole number, such as a layer size or the batch size.
    case count(Int)
    /// A one-letter variable, italic: `E`, `w`, `t`, or a Greek letter such as `η` or `δ`.
    case variable(String)
    /// A name of several letters, upright: `net`, `out`.
    case word(String)
    /// An operator or relation between terms.
    case op(Operator)
    /// Terms side by side.
    case row([Formula])
    /// A base with a subscript.
    case sub(Formula, Formula)
    /// A base with a superscript.
    case sup(Formula, Formula)
    /// A base with a subscript and a superscript.
    case subSup(Formula, Formula, Formula)
    /// A fraction.
    case fraction(Formula, Formula)
    /// Parentheses that grow with their content.
    case parens(Formula)
    /// A square root.
    case root(Formula)
    /// A named function applied to an argument in parentheses: `tanh(…)`, `log(…)`.
    case function(String, Formula)
    /// The summation sign with what it runs over below it, then its body.
    case sum(over: Formula, Formula)
    /// A letter with a hat, as Adam's bias-corrected means m̂ and v̂ are written.
    case hat(Formula)
}

/// The operators and relations a formula uses.
public enum Operator: String, Sendable, Hashable, CaseIterable {
    /// Equality.
    case equals = "="
    /// Addition.
    case plus = "+"
    /// Subtraction, or a leading minus sign.
    case minus = "−"
    /// Multiplication, as a centred dot.
    case times = "·"
    /// A multiplication cross, for scientific notation.
    case cross = "×"
    /// The partial-derivative sign.
    case partial = "∂"
    /// The arrow of a connection, from one neuron to another.
    case arrow = "→"
    /// A prime, for a value after the update.
    case prime = "′"
    /// An ellipsis standing for terms left out.
    case ellipsis = "⋯"
    /// A comma between arguments or indices.
    case comma = ","
    /// "Is greater than".
    case greater = ">"
    /// "Is at most".
    case atMost = "≤"
    /// "Is about", for a number rounded in print.
    case approx = "≈"
}

extension Formula {
    /// `a · b · …`, each factor in parentheses when it is a negative number.
    static func product(_ factors: [Formula]) -> Formula {
        var items: [Formula] = []
        for (i, factor) in factors.enumerated() {
            if i > 0 { items.append(.op(.times)) }
            items.append(factor.asFactor)
        }
        return .row(items)
    }

    /// `a + b + …`: a term that is a negative number is written in parentheses.
    static func total(_ terms: [Formula]) -> Formula {
        var items: [Formula] = []
        for (i, term) in terms.enumerated() {
            if i > 0 { items.append(.op(.plus)) }
            items.append(i > 0 ? term.asFactor : term)
        }
        return .row(items)
    }

    /// The formula in parentheses if it is a negative number or a sum, so it can stand
    /// as a factor or after an operator.
    var asFactor: Formula {
        switch self {
        case .number(let x) where x < 0: return .parens(self)
        case .setting(let x) where x < 0: return .parens(self)
        case .row(let items) where items.contains(where: { $0 == .op(.plus) || $0 == .op(.minus) }): return .parens(self)
        default: return self
        }
    }

    /// `lhs = rhs`.
    static func equation(_ sides: Formula...) -> Formula {
        var items: [Formula] = []
        for (i, side) in sides.enumerated() {
            if i > 0 { items.append(.op(.equals)) }
            items.append(side)
        }
        return .row(items)
    }

    /// ∂`of` / ∂`by`.
    static func derivative(_ of: Formula, by: Formula) -> Formula {
        .fraction(.row([.op(.partial), of]), .row([.op(.partial), by]))
    }

    /// ½.
    static let half = Formula.fraction(.count(1), .count(2))

    /// A line of a derivation split where it is aligned with the lines after it: before
    /// its first = and from there on; `nil` for a line with no = at the top.
    var alignedHalves: (left: Formula, right: Formula)? {
        guard case .row(let items) = self, let equals = items.firstIndex(of: .op(.equals)), equals > 0 else { return nil }
        return (.row(Array(items[..<equals])), .row(Array(items[equals...])))
    }
}
