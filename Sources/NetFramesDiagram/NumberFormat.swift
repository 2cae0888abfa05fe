import Foundation

/// Formats numbers for a diagram: a fixed number of decimals and a true minus sign,
/// or a compact scientific form where fixed decimals would lie (0.0004 as "0.000") or
/// would not fit the label boxes, which are sized for `template`.
///
/// With 3 digits: 0.731, −12.500, 1234.568, 1.23e5, −4.00e−4, 1.80e308, −5e−324, NaN, ∞.
/// Zero is "0.000" whatever its sign; no number is shown as "−0.000".
public struct NumberFormat: Sendable, Hashable {
    /// Decimals after the point.
    public var digits: Int

    /// A format with `digits` decimals, clamped to 0...8.
    public init(digits: Int) {
        self.digits = max(0, min(8, digits))
    }

    /// The widest text an ordinary value takes, used to reserve label room.
    public var template: String { "−0." + String(repeating: "0", count: max(1, digits)) }

    /// The most characters a number may take: the template's and two more, which a
    /// label absorbs by drawing its text a little smaller.
    public var maxLength: Int { template.count + 2 }

    /// `x` as the diagram prints it; the same as `format(_:)`.
    public func callAsFunction(_ x: Double) -> String {
        format(x)
    }

    /// `x` as the diagram prints it: fixed decimals, "−" for minus, NaN and ∞ by name, or
    /// the scientific form where fixed decimals would round to zero or not fit.
    public func format(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        if x == 0 { return digits == 0 ? "0" : "0." + String(repeating: "0", count: digits) }
        let fixed = trueMinus(String(format: "%.\(digits)f", x))
        // Fixed decimals that round to zero would hide the number; too many would not fit.
        if fixed.contains(where: { $0 != "0" && $0.isNumber }) && fixed.count <= maxLength { return fixed }
        return scientific(x)
    }

    /// The most significant digits that fit: "1.23e5", "−1.2e−300", "−5e−324".
    private func scientific(_ x: Double) -> String {
        var mantissaDigits = max(0, digits - 1)
        while true {
            let text = tidyExponent(String(format: "%.\(mantissaDigits)e", x))
            if text.count <= maxLength || mantissaDigits == 0 { return text }
            mantissaDigits -= 1
        }
    }

    private func trueMinus(_ text: String) -> String {
        text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// "4.4e-04" → "4.4e−4", "1.0e+300" → "1.0e300".
    private func tidyExponent(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        let mantissa = String(text[..<e])
        var exponent = String(text[text.index(after: e)...])
        let sign = exponent.hasPrefix("-") ? "−" : ""
        exponent = String(exponent.drop(while: { $0 == "+" || $0 == "-" }))
        exponent = String(exponent.drop(while: { $0 == "0" }))
        if exponent.isEmpty { exponent = "0" }
        return "\(trueMinus(mantissa))e\(sign)\(exponent)"
    }
}
