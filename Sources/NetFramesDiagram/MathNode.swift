/// What a run of typeset maths stands for, which decides its colour on a frame: a number
/// takes the colour of the element it comes from, everything else the line's own colour.
enum MathInk: Hashable, Sendable {
    /// The line's own colour (the caption's text or muted text).
    case base
    /// The theme's text colour, for a result that stands out from muted working.
    case strong
    /// A weight: the hue of its connection's sign.
    case weight(Double)
    /// An activation, input or pre-activation: the hue of its neuron's sign.
    case activation(Double)
    /// A neuron's error δ: the backward colour.
    case delta
    /// A gradient ∂L/∂w or g: the backward colour.
    case gradient
    /// A target: the colour of the cost, which compares outputs with targets.
    case target
    /// A learning rate η: the update colour.
    case rate
    /// An optimizer's stored state (velocity, mean square, m̂, √v̂): the update colour.
    case optimizerState
}

/// A run of maths in one face and colour: a number, an operator, a function name, a
/// variable (italic) or words.
struct MathRun: Hashable, Sendable {
    /// The characters, as the plain caption has them.
    var text: String
    /// Whether the run is set in italic (single-letter variables).
    var italic: Bool
    /// What the run stands for.
    var ink: MathInk
}

/// A piece of typeset maths; a line is a list of them, set left to right on one baseline.
indirect enum MathNode: Hashable, Sendable {
    /// Text in one face and colour.
    case run(MathRun)
    /// A subscript, smaller and lowered, after whatever precedes it.
    case sub([MathNode])
    /// A superscript, smaller and raised, after whatever precedes it.
    case sup([MathNode])
    /// A fraction stacked over a bar, and how it reads on one line (`inline`), which is
    /// what the plain caption says and what a line too short for the stack draws.
    case fraction(numerator: [MathNode], denominator: [MathNode], inline: [MathNode])

    /// The node as plain text: scripts as Unicode sub- and superscript characters,
    /// fractions in their inline form.
    var plain: String {
        switch self {
        case let .run(run): return run.text
        case let .sub(nodes): return String(nodes.plain.map { MathScripts.lowered[$0] ?? $0 })
        case let .sup(nodes): return String(nodes.plain.map { MathScripts.raised[$0] ?? $0 })
        case let .fraction(_, _, inline): return inline.plain
        }
    }
}

extension [MathNode] {
    /// The nodes as plain text, one after another.
    var plain: String { map(\.plain).joined() }

    /// Whether any node, at any depth, is a fraction.
    var hasFraction: Bool {
        contains { node in
            switch node {
            case .run: return false
            case let .sub(nodes), let .sup(nodes): return nodes.hasFraction
            case .fraction: return true
            }
        }
    }
}

/// The Unicode script characters the plain captions use, and the characters they stand for.
enum MathScripts {
    /// Subscript characters by the character they lower: "1" → "₁".
    static let lowered: [Character: Character] = Dictionary(uniqueKeysWithValues: zip("0123456789+−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"))
    /// Superscript characters by the character they raise: "2" → "²".
    static let raised: [Character: Character] = Dictionary(uniqueKeysWithValues: zip("0123456789+−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾"))
    /// The character a subscript character lowers: "₁" → "1".
    static let fromLowered: [Character: Character] = Dictionary(uniqueKeysWithValues: lowered.map { ($1, $0) })
    /// The character a superscript character raises: "²" → "2".
    static let fromRaised: [Character: Character] = Dictionary(uniqueKeysWithValues: raised.map { ($1, $0) })
}
