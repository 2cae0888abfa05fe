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
                    ? "<mrow><mo>(</mo>" + items[i].mathML(places: places) + "<mo>)</mo></mrow>" : items[i].mathML(places: places)
            }.joined() + "</mrow>"
        case let .sub(base, sub): return "<msub>\(base.mathML(places: places))\(sub.mathML(places: places))</msub>"
        case let .sup(.sub(base, sub), sup): return Formula.subSup(base, sub, sup).mathML(places: places)
        case let .sup(base, sup):
            let shown = base.isScientific(places: places)
                ? "<mrow><mo>(</mo>\(base.mathML(places: places))<mo>)</mo></mrow>" : base.mathML(places: places)
            return "<msup>\(shown)\(sup.mathML(places: places))</msup>"
        case let .subSup(base, sub, sup):
            return "<msubsup>\(base.mathML(places: places))\(sub.mathML(places: places))\(sup.mathML(places: places))</msubsup>"
        case let .fraction(top, bottom): return "<mfrac>\(top.mathML(places: places))\(bottom.mathML(places: places))</mfrac>"
        case .parens(let inner): return "<mrow><mo>(</mo>\(inner.mathML(places: places))<mo>)</mo></mrow>"
        case .root(let inner): return "<msqrt>\(inner.mathML(places: places))</msqrt>"
        case let .function(name, argument):
            let function = name.count == 1 ? "<mi>\(name)</mi>" : "<mi mathvariant=\"normal\">\(name)</mi>"
            return "<mrow>\(function)<mo>&#x2061;</mo><mrow><mo>(</mo>\(argument.mathML(places: places))<mo>)</mo></mrow></mrow>"
        case let .sum(over, body):
            return "<mrow><munder><mo>∑</mo>\(over.mathML(places: places))</munder>\(body.mathML(places: places))</mrow>"
        }
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
