extension Formula {
    /// The formula as MathML Core elements (without the surrounding `<math>`), with
    /// numbers of the record printed to `places` decimals: what browsers draw
    /// without any script.
    func mathML(places: Int) -> String {
        switch self {
        case .number(let x): return Formula.mathML(PrintedNumber(x, places: places))
        case .setting(let x): return Formula.mathML(PrintedNumber(setting: x))
        case .count(let n): return n < 0 ? "<mrow><mo>−</mo><mn>\(-n)</mn></mrow>" : "<mn>\(n)</mn>"
        case .variable(let name): return "<mi>\(HTMLText.escaped(name))</mi>"
        case .word(let name): return "<mi mathvariant=\"normal\">\(HTMLText.escaped(name))</mi>"
        case .op(let op): return op.mathML
        case .row(let items):
            return "<mrow>" + items.indices.map { i in
                items[i].isScientific(places: places) && Formula.nextToProduct(items, i)
                    ? Formula.parenthesised(items[i].mathML(places: places), growing: false) : items[i].mathML(places: places)
            }.joined() + "</mrow>"
        case let .sub(base, sub): return "<msub>\(base.mathML(places: places))\(sub.mathML(places: places))</msub>"
        case let .sup(.sub(base, sub), sup): return Formula.subSup(base, sub, sup).mathML(places: places)
        // A prime follows its base at full size, as w′ is written: in a superscript it would shrink to a speck.
        case let .sup(base, .op(.prime)): return "<mrow>\(base.mathML(places: places))<mo>′</mo></mrow>"
        case let .subSup(base, sub, .op(.prime)):
            return "<msub><mrow>\(base.mathML(places: places))<mo>′</mo></mrow>\(sub.mathML(places: places))</msub>"
        case let .sup(base, sup):
            let shown = base.isScientific(places: places)
                ? Formula.parenthesised(base.mathML(places: places), growing: false) : base.mathML(places: places)
            return "<msup>\(shown)\(sup.mathML(places: places))</msup>"
        case let .subSup(base, sub, sup):
            return "<msubsup>\(base.mathML(places: places))\(sub.mathML(places: places))\(sup.mathML(places: places))</msubsup>"
        case let .fraction(top, bottom): return "<mfrac>\(top.mathML(places: places))\(bottom.mathML(places: places))</mfrac>"
        case .parens(let inner): return Formula.parenthesised(inner.mathML(places: places), growing: inner.isTall)
        case .root(let inner): return "<msqrt>\(inner.mathML(places: places))</msqrt>"
        case let .function(name, argument):
            let function = name.count == 1 ? "<mi>\(name)</mi>" : "<mi mathvariant=\"normal\">\(name)</mi>"
            return "<mrow>\(function)<mo>&#x2061;</mo>" + Formula.parenthesised(argument.mathML(places: places), growing: argument.isTall)
                + "</mrow>"
        case .hat(let base): return "<mover accent=\"true\">\(base.mathML(places: places))<mo>^</mo></mover>"
        case let .sum(over, body):
            return "<mrow><munder><mo>∑</mo>\(over.mathML(places: places))</munder>\(body.mathML(places: places))</mrow>"
        }
    }

    /// `inner` in parentheses, which grow with it only when asked: plain ones sit close,
    /// as in print.
    static func parenthesised(_ inner: String, growing: Bool) -> String {
        growing ? "<mrow><mo>(</mo>\(inner)<mo>)</mo></mrow>"
            : "<mrow><mo stretchy=\"false\">(</mo>\(inner)<mo stretchy=\"false\">)</mo></mrow>"
    }

    /// A printed number in MathML: a sign operator, the digits, a power of ten.
    static func mathML(_ n: PrintedNumber) -> String {
        let sign = n.negative ? "<mo>−</mo>" : ""
        let body: String
        if n.infinite {
            body = "<mi mathvariant=\"normal\">∞</mi>"
        } else if n.digits == "NaN" {
            body = "<mi mathvariant=\"normal\">NaN</mi>"
        } else if let exponent = n.exponent {
            let power = "<msup><mn>10</mn>" + (exponent < 0 ? "<mrow><mo>−</mo><mn>\(-exponent)</mn></mrow>" : "<mn>\(exponent)</mn>")
                + "</msup>"
            body = (n.digits == "1" ? "" : "<mn>\(n.digits)</mn><mo>×</mo>") + power
        } else {
            body = "<mn>\(n.digits)</mn>"
        }
        return sign.isEmpty && n.exponent == nil ? body : "<mrow>\(sign)\(body)</mrow>"
    }
}

extension Operator {
    /// The operator in MathML.
    var mathML: String {
        switch self {
        case .partial: return "<mi mathvariant=\"normal\">∂</mi>"
        case .prime: return "<mo>′</mo>"
        case .comma: return "<mo separator=\"true\">,</mo>"
        default: return "<mo>\(HTMLText.escaped(rawValue))</mo>"
        }
    }
}
