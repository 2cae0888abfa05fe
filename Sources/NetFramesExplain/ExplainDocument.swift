import NetFramesEngine

/// A worked example as a format-free document: headings, prose with inline maths,
/// displayed derivations, tables and frames. The Markdown, LaTeX and HTML writers
/// each print the same document.
struct ExplainDocument: Sendable {
    /// The title, plain text.
    var title: String
    /// The blocks, in reading order.
    var blocks: [Block]
}

/// Prose: text and inline maths, run together.
typealias Prose = [Inline]

/// A piece of prose.
enum Inline: Sendable, Hashable {
    /// Plain text (escaped by each writer).
    case text(String)
    /// Inline maths.
    case math(Formula)
    /// A name as typed, such as a run file setting: `trainBiases: false`.
    case code(String)
}

/// One block of a worked example.
enum Block: Sendable {
    /// A heading: level 2 for a part (Forward pass), 3 for a layer.
    case heading(Int, String)
    /// A paragraph.
    case paragraph(Prose)
    /// A derivation shown on its own lines: the first line states it, each further
    /// line goes on from the one before (it starts with = or +).
    case display([Formula])
    /// A table of numbers.
    case table(NumberTable)
    /// A frame of the step, drawn by the frame pipeline.
    case figure(FrameMoment, caption: String)
}

/// A table: a caption, column headings and rows of cells (all prose).
struct NumberTable: Sendable {
    /// What the table holds.
    var caption: String
    /// The column headings.
    var header: [Prose]
    /// The rows.
    var rows: [[Prose]]
}

extension Inline {
    /// Text of `s`.
    static func t(_ s: String) -> Inline { .text(s) }
    /// Inline maths.
    static func m(_ f: Formula) -> Inline { .math(f) }
}
