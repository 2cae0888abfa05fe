/// One caption line built as maths: words, formulas, coloured numbers and fractions.
///
/// The caption builds each line once, as a `MathLine`; its `plain` text is the line the
/// HTML player, the subtitles and the manifest show, and its nodes are how a frame draws
/// it. So the drawn maths and the plain words can never say different things.
struct MathLine: Hashable, Sendable {
    /// The pieces, left to right.
    private(set) var nodes: [MathNode] = []

    /// An empty line.
    init() {}

    /// A line of words.
    init(words: String) { self.words(words) }

    /// A line of one formula.
    init(formula: String) { self.formula(formula) }

    /// The line as plain text.
    var plain: String { nodes.plain }

    /// Whether the line holds a fraction.
    var hasFraction: Bool { nodes.hasFraction }

    // MARK: Building

    /// Words, set upright in the line's colour (or `ink`).
    mutating func words(_ text: String, _ ink: MathInk = .base) {
        append(MathRun(text: text, italic: false, ink: ink))
    }

    /// A number (already formatted), set upright in the colour of what it stands for.
    mutating func number(_ text: String, _ ink: MathInk) {
        append(MathRun(text: text, italic: false, ink: ink))
    }

    /// A formula written as plain text, such as "δ = (a − t) · σ′(z)" or "L = ½ Σ (a − t)²":
    /// single letters become italic variables (an upper-case Greek letter such as Σ stays
    /// upright), longer words (tanh, exp, log) upright function names, and Unicode sub-
    /// and superscript characters real scripts ("β₁", "g²").
    mutating func formula(_ text: String, _ ink: MathInk = .base) {
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if MathScripts.fromLowered[c] != nil || MathScripts.fromRaised[c] != nil {
                let lowered = MathScripts.fromLowered[c] != nil
                let table = lowered ? MathScripts.fromLowered : MathScripts.fromRaised
                var script = ""
                while i < characters.count, let plain = table[characters[i]] {
                    script.append(plain)
                    i += 1
                }
                let inner = [MathNode.run(MathRun(text: script, italic: false, ink: ink))]
                nodes.append(lowered ? .sub(inner) : .sup(inner))
            } else if c.isLetter {
                var word = ""
                while i < characters.count, characters[i].isLetter {
                    word.append(characters[i])
                    i += 1
                }
                append(MathRun(text: word, italic: word.count == 1 && !Self.isUpperGreek(c), ink: ink))
            } else {
                append(MathRun(text: String(c), italic: false, ink: ink))
                i += 1
            }
        }
    }

    /// A fraction: stacked where the line has room, `inline` where it has not (and in
    /// the plain text).
    mutating func fraction(_ numerator: MathLine, over denominator: MathLine, inline: MathLine) {
        nodes.append(.fraction(numerator: numerator.nodes, denominator: denominator.nodes, inline: inline.nodes))
    }

    /// The partial derivative ∂`of`/∂`by`: stacked, or "∂L/∂w" on one line.
    mutating func partial(_ of: String, by: String, _ ink: MathInk = .base) {
        fraction(MathLine(formula: "∂" + of, ink), over: MathLine(formula: "∂" + by, ink),
                 inline: MathLine(formula: "∂\(of)/∂\(by)", ink))
    }

    /// `other`'s pieces after this line's.
    mutating func append(_ other: MathLine) {
        for node in other.nodes {
            if case let .run(run) = node { append(run) } else { nodes.append(node) }
        }
    }

    /// Two lines, one after the other.
    static func + (lhs: MathLine, rhs: MathLine) -> MathLine {
        var line = lhs
        line.append(rhs)
        return line
    }

    /// Whether the plain text starts with a minus sign.
    var startsWithMinus: Bool { plain.hasPrefix("−") }

    /// The line without its leading minus sign (for "a − b" made of "a" and "−b").
    var droppingLeadingMinus: MathLine {
        guard startsWithMinus, case var .run(first)? = nodes.first else { return self }
        var line = self
        first.text.removeFirst()
        if first.text.isEmpty { line.nodes.removeFirst() } else { line.nodes[0] = .run(first) }
        return line
    }

    // MARK: Private

    private init(formula: String, _ ink: MathInk) { self.formula(formula, ink) }

    /// Appends a run, joined to the last one when both share face and colour.
    private mutating func append(_ run: MathRun) {
        guard !run.text.isEmpty else { return }
        if case var .run(last)? = nodes.last, last.italic == run.italic, last.ink == run.ink, !run.italic {
            last.text += run.text
            nodes[nodes.count - 1] = .run(last)
        } else {
            nodes.append(.run(run))
        }
    }

    private static func isUpperGreek(_ c: Character) -> Bool {
        c.unicodeScalars.first.map { (0x391...0x3A9).contains($0.value) } ?? false
    }
}
