import NetFramesEngine

/// Writes a worked step out as a document: the forward pass, the error, the backward
/// pass, the update and its result, then every number in tables. One file per part
/// (Derivation+Forward.swift, …); this one holds what they share.
struct Derivation {
    let step: WorkedStep
    let names: Notation
    /// Which neurons are worked in full.
    let detail: NeuronDetail
    /// The moments whose frames are placed in the text.
    let frames: Set<FrameMoment>
    /// Decimals numbers will be printed with, to judge how long a line is.
    let places: Int
    /// The document so far.
    private(set) var blocks: [Block] = []

    /// Sums of more terms than this show the first few, ⋯ and the last.
    static let longestSum = 8
    /// A displayed line is broken before it grows past this width (about a character each).
    static let lineWidth = 60.0

    init(step: WorkedStep, options: ExplainOptions, frames: Set<FrameMoment>) {
        self.step = step
        names = Notation(shape: step.shape)
        detail = options.detail(for: step.shape)
        self.frames = frames
        places = options.digits
    }

    /// The whole document, with frames at the moments in `frames`.
    static func document(_ step: WorkedStep, options: ExplainOptions, frames: Set<FrameMoment>) -> ExplainDocument {
        var d = Derivation(step: step, options: options, frames: frames)
        d.introduction()
        d.forwardPass()
        d.error()
        d.backwardPass()
        if step.examples.count > 1 { d.batchMean() }
        d.update()
        d.result()
        d.tables()
        return ExplainDocument(title: "Step \(step.step) of \(step.runName), worked through", blocks: d.blocks)
    }

    // MARK: shared

    var setup: TrainingSetup { step.setup }
    var shape: NetworkShape { step.shape }
    /// The output layer's index.
    var outputLayer: Int { shape.outputLayer }
    /// The example worked in full: the batch's first.
    var pass: ExamplePass { step.examples[0] }

    /// The neurons of `layer` worked in full.
    func worked(_ layer: Int) -> [Int] {
        detail == .all ? Array(0..<shape.layers[layer]) : [0]
    }

    /// Whether `layer` has neurons that are not worked in full.
    func summarised(_ layer: Int) -> Bool { worked(layer).count < shape.layers[layer] }

    mutating func heading(_ level: Int, _ text: String) { blocks.append(.heading(level, text)) }
    mutating func paragraph(_ prose: Inline...) { blocks.append(.paragraph(prose)) }
    mutating func paragraph(_ prose: Prose) { blocks.append(.paragraph(prose)) }
    mutating func table(_ table: NumberTable) { blocks.append(.table(table)) }

    /// Adds `prose` to the end of the last paragraph.
    mutating func extendParagraph(_ prose: Prose) {
        guard case .paragraph(let items)? = blocks.last else { return paragraph(prose) }
        blocks[blocks.count - 1] = .paragraph(items + prose)
    }

    /// A frame of the step, if there is one for `moment`.
    mutating func figure(_ moment: FrameMoment, _ caption: String) {
        if frames.contains(moment) { blocks.append(.figure(moment, caption: caption)) }
    }

    /// A derivation `lhs = parts[0] = parts[1] = …`, broken into lines that fit.
    mutating func display(_ lhs: Formula, _ parts: [Part]) {
        blocks.append(.display(lines(lhs, parts)))
    }

    /// One side of an equation in a derivation.
    enum Part {
        /// A formula kept whole.
        case whole(Formula)
        /// A sum whose terms may be spread over lines.
        case terms([Formula])
    }

    /// Lays `lhs = parts…` out in lines of at most `lineWidth`. A part that fits goes
    /// on the current line; one that does not starts a new line with =, and a sum too
    /// long for one line goes on over more, each starting with +. So every line reads
    /// as one step of the derivation.
    func lines(_ lhs: Formula, _ parts: [Part]) -> [Formula] {
        var lines: [[Formula]] = [[lhs]]
        var width = lhs.width(places: places)
        for part in parts {
            let items: [Formula]
            switch part {
            case .whole(let f): items = [f]
            case .terms(let terms): items = terms.enumerated().map { $0 > 0 ? $1.asFactor : $1 }
            }
            let widths = items.map { $0.width(places: places) + 2 }
            let partWidth = widths.reduce(0, +)
            // A part that fits, or one that would not fit a line of its own either, stays on the line.
            if width + partWidth <= Derivation.lineWidth || lines[lines.count - 1].count == 1 {
                lines[lines.count - 1].append(.op(.equals))
            } else {
                lines.append([.op(.equals)])
                width = 0
            }
            for (i, item) in items.enumerated() {
                if i > 0 {
                    if width + widths[i] > Derivation.lineWidth {
                        lines.append([.op(.plus)])
                        width = 0
                    } else {
                        lines[lines.count - 1].append(.op(.plus))
                    }
                }
                lines[lines.count - 1].append(item)
                width += widths[i]
            }
        }
        return lines.map { Formula.row($0) }
    }

    /// The terms `make(0) … make(count − 1)`, or with many, the first three, ⋯ and the last.
    func terms(_ count: Int, _ make: (Int) -> Formula) -> [Formula] {
        if count <= Derivation.longestSum { return (0..<count).map(make) }
        return [make(0), make(1), make(2), .op(.ellipsis), make(count - 1)]
    }

    /// "(The sum has 784 terms; the tables list every weight.)" when a sum was shortened.
    func shortenedNote(_ count: Int, what: String) -> Prose? {
        count > Derivation.longestSum ? [.t("The sum has \(count) terms, one per \(what); ⋯ stands for those left out.")] : nil
    }

    /// A number of the record.
    func n(_ x: Double) -> Formula { .number(x) }

    /// e.
    static let e = Formula.variable("e")

    /// The learning rate of weights (η) or biases (η_b, when it differs).
    func rate(bias: Bool) -> (symbol: Formula, value: Double) {
        if bias && setup.biasLearningRate != setup.learningRate {
            return (.sub(.variable("η"), .variable("b")), setup.biasLearningRate)
        }
        return (.variable("η"), bias ? setup.biasLearningRate : setup.learningRate)
    }
}

extension Formula {
    /// About how many characters wide the formula prints with `places` decimals.
    func width(places: Int) -> Double {
        switch self {
        case .number(let x):
            let p = PrintedNumber(x, places: places)
            return Double(p.digits.count) + (p.negative ? 1 : 0) + (p.exponent != nil ? 5 : 0)
        case .setting(let x):
            let p = PrintedNumber(setting: x)
            return Double(p.digits.count) + (p.negative ? 1 : 0) + (p.exponent != nil ? 5 : 0)
        case .count(let n): return Double(String(n).count)
        case .variable: return 1
        case .word(let w): return Double(w.count)
        case .op(let op): return [.equals, .plus, .minus, .times, .cross, .arrow, .approx, .atMost, .greater].contains(op) ? 2 : 1
        case .row(let items): return items.reduce(0) { $0 + $1.width(places: places) }
        case let .sub(b, s): return b.width(places: places) + 0.7 * s.width(places: places)
        case let .sup(b, s): return b.width(places: places) + 0.7 * s.width(places: places)
        case let .subSup(b, s, p): return b.width(places: places) + 0.7 * max(s.width(places: places), p.width(places: places))
        case let .fraction(t, b): return max(t.width(places: places), b.width(places: places)) + 1
        case .parens(let f): return f.width(places: places) + 2
        case .root(let f): return f.width(places: places) + 2
        case let .function(name, f): return Double(name.count) + f.width(places: places) + 2
        case let .sum(over, body): return 1.5 + 0.5 * over.width(places: places) + body.width(places: places)
        case .hat(let base): return base.width(places: places)
        }
    }
}
