import Foundation

/// Formats numbers for a diagram: a fixed number of decimals, a true minus sign, and
/// scientific notation only where fixed decimals would lie (0.0004 as "0.000").
public struct NumberFormat: Sendable, Hashable {
    /// Decimals after the point.
    public var digits: Int

    /// A format with `digits` decimals, clamped to 0...8.
    public init(digits: Int) {
        self.digits = max(0, min(8, digits))
    }

    /// The widest text an ordinary value takes, used to reserve label room.
    public var template: String { "−0." + String(repeating: "0", count: max(1, digits)) }

    /// `x` as the diagram prints it; the same as `format(_:)`.
    public func callAsFunction(_ x: Double) -> String {
        format(x)
    }

    /// `x` as the diagram prints it: fixed decimals, "−" for minus, NaN and ∞ by name.
    public func format(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        if x == 0 { return digits == 0 ? "0" : "0." + String(repeating: "0", count: digits) }
        let magnitude = abs(x)
        let smallest = 0.5 * pow(10, -Double(digits))
        if magnitude < smallest || magnitude >= 1e5 {
            let mantissaDigits = max(1, digits - 2)
            let text = String(format: "%.\(mantissaDigits)e", x)  // e.g. 4.4e-04
            return tidyExponent(text)
        }
        var text = String(format: "%.\(digits)f", x)
        if text.hasPrefix("-") {
            text.removeFirst()
            text = "−" + text
        }
        return text
    }

    /// "4.4e-04" → "4.4e−4", "1.0e+300" → "1.0e300".
    private func tidyExponent(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        var mantissa = String(text[..<e])
        var exponent = String(text[text.index(after: e)...])
        var sign = ""
        if exponent.hasPrefix("-") { sign = "−" }
        exponent = String(exponent.drop(while: { $0 == "+" || $0 == "-" }))
        exponent = String(exponent.drop(while: { $0 == "0" }))
        if exponent.isEmpty { exponent = "0" }
        if mantissa.hasPrefix("-") {
            mantissa.removeFirst()
            mantissa = "−" + mantissa
        }
        return "\(mantissa)e\(sign)\(exponent)"
    }
}
