import Foundation

/// A number as a worked example prints it: a sign, digits, and a power of ten when
/// fixed decimals would hide it; or NaN or ∞ by name.
struct PrintedNumber: Sendable, Hashable {
    /// Whether a minus sign goes first.
    var negative: Bool
    /// The digits, with a decimal point: "0.3775", "4.386".
    var digits: String
    /// The power of ten the digits are multiplied by, if any.
    var exponent: Int?
    /// Whether the number is infinite (`digits` is then empty) or NaN (`digits` is "NaN").
    var infinite = false

    /// A number of the record with `places` decimals.
    ///
    /// Fixed decimals, unless the number is so small that they would show at most one
    /// unit in the last place (10⁻ᴰ or less) or so large (10⁷ or more) that they hide
    /// its size: then a mantissa with `places − 1` decimals times a power of ten.
    /// Zero prints as 0.000… whatever its sign, so no "−0.0000" appears.
    init(_ x: Double, places: Int) {
        negative = x < 0
        exponent = nil
        if x.isNaN {
            negative = false
            digits = "NaN"
            return
        }
        if x.isInfinite {
            digits = ""
            infinite = true
            return
        }
        let magnitude = abs(x)
        if magnitude == 0 {
            negative = false
            digits = String(format: "%.\(places)f", 0.0)
            return
        }
        if magnitude >= 1e7 || magnitude < pow(10, -Double(places)) {
            let text = String(format: "%.\(max(0, places - 1))e", magnitude)
            let parts = text.split(separator: "e")
            digits = String(parts[0])
            exponent = Int(parts[1]) ?? 0
            return
        }
        digits = String(format: "%.\(places)f", magnitude)
    }

    /// A setting as the run gives it, in its shortest form: 0.5, 0.999, 1 × 10⁻⁸.
    init(setting x: Double) {
        guard x.isFinite else {
            self.init(x, places: 0)
            return
        }
        // Twelve significant digits: a setting's own digits, without the noise of
        // arithmetic such as 1 − 0.99 = 0.010000000000000009.
        let text = String(format: "%.12g", abs(x))
        if let e = text.firstIndex(of: "e") {
            self.init(negative: x < 0, digits: String(text[..<e]), exponent: Int(text[text.index(after: e)...]) ?? 0)
        } else {
            self.init(negative: x < 0, digits: text, exponent: nil)
        }
    }

    private init(negative: Bool, digits: String, exponent: Int?) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }
}
