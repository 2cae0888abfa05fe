/// The value rewriting behind `SVGCompactor`: numbers cut to the decimals a viewer can
/// show, path data in its shortest spelling, colours as hex, styles without defaults.
///
/// Everything works on bytes and decimal digits, never through `Double` formatting, so
/// the same input always gives the same bytes. A value that does not parse as expected
/// is kept as it was.
enum SVGValues {
    /// Decimals kept in coordinates and lengths: 0.01 px, a hundredth of a pixel at 1x.
    static let coordinateDecimals = 2
    /// Decimals kept in opacities: finer than the 1/255 steps of an 8-bit channel.
    static let opacityDecimals = 3

    /// A decimal number read exactly as written: `mantissa / 10^scale`.
    struct Decimal {
        var negative: Bool
        var mantissa: Int64
        var scale: Int
    }

    /// Reads `[+-]digits[.digits]` at `index` (before `end`), moving `index` past it.
    /// Returns `nil`, leaving `index` unchanged, for anything else: no digits, an
    /// exponent, or more digits than fit exactly.
    static func parseNumber(_ bytes: [UInt8], _ index: inout Int, end: Int) -> Decimal? {
        var i = index
        var negative = false
        if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: Int64 = 0, scale = 0, digits = 0, seenPoint = false
        while i < end {
            let c = bytes[i]
            if c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 18 else { return nil }
                mantissa = mantissa * 10 + Int64(c - UInt8(ascii: "0"))
                if seenPoint { scale += 1 }
            } else if c == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
        index = i
        return Decimal(negative: negative, mantissa: mantissa, scale: scale)
    }

    /// `number` rounded half away from zero to `decimals`, without trailing zeros, and
    /// not negative when it rounds to zero.
    static func rounded(_ number: Decimal, decimals: Int) -> Decimal {
        var m = number.mantissa
        var scale = number.scale
        if scale > decimals {
            var divisor: Int64 = 1
            for _ in 0..<(scale - decimals) { divisor *= 10 }
            m = (m + divisor / 2) / divisor
            scale = decimals
        }
        while scale > 0, m % 10 == 0 {
            m /= 10
            scale -= 1
        }
        return Decimal(negative: number.negative && m != 0, mantissa: m, scale: scale)
    }

    /// Whether a rounded number is written starting with "." when leading zeros are dropped.
    static func startsWithPoint(_ r: Decimal) -> Bool {
        guard r.scale > 0, r.mantissa != 0 else { return false }
        var limit: Int64 = 1
        for _ in 0..<r.scale { limit *= 10 }
        return r.mantissa < limit
    }

    /// Writes an already rounded number: a "-" if negative, the digits with the point
    /// `scale` places from the right, and no "0" before the point when `dropLeadingZero`.
    static func write(_ r: Decimal, dropLeadingZero: Bool, to out: inout [UInt8]) {
        if r.negative { out.append(UInt8(ascii: "-")) }
        // Digits from the right into a small buffer, the point placed as they go.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var i = buffer.count
            var m = r.mantissa
            var digits = 0
            repeat {
                if digits == r.scale && r.scale > 0 {
                    i -= 1
                    buffer[i] = UInt8(ascii: ".")
                }
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                digits += 1
            } while m > 0 || digits <= r.scale
            if dropLeadingZero, r.scale > 0, digits == r.scale + 1, buffer[i] == UInt8(ascii: "0") {
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i...]))
        }
    }

    /// `number` rounded to `decimals` and written (see `rounded` and `write`).
    static func append(_ number: Decimal, decimals: Int, dropLeadingZero: Bool = false, to out: inout [UInt8]) {
        write(rounded(number, decimals: decimals), dropLeadingZero: dropLeadingZero, to: &out)
    }

    /// A whole value that is one number (optionally followed by `px`) rounded to
    /// `decimals`; `nil` if the value is anything else.
    static func rounded(_ value: [UInt8], decimals: Int) -> [UInt8]? {
        var i = 0
        guard let number = parseNumber(value, &i, end: value.count) else { return nil }
        let rest = value[i...]
        guard rest.isEmpty || rest.elementsEqual("px".utf8) else { return nil }
        var out: [UInt8] = []
        append(number, decimals: decimals, to: &out)
        out += rest
        return out
    }

    /// A comma- or space-separated list of numbers (a dash array) rounded to `decimals`.
    static func roundedList(_ value: [UInt8], decimals: Int) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 0
        while i < value.count {
            if value[i] == UInt8(ascii: ",") || value[i] == UInt8(ascii: " ") {
                i += 1
                continue
            }
            guard let number = parseNumber(value, &i, end: value.count) else { return nil }
            if !out.isEmpty { out.append(UInt8(ascii: ",")) }
            append(number, decimals: decimals, to: &out)
        }
        return out.isEmpty ? nil : out
    }

    // MARK: Path data

    /// Path data with every number rounded to `coordinateDecimals`, no spaces that the
    /// grammar does not need, a command letter only where the command changes, and no
    /// moveto dangling at the end (it draws nothing). `nil` if the data holds anything
    /// unexpected, so the caller keeps it as it was.
    static func compactPath(_ data: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(data.count / 2)
        var previousCommand: UInt8 = 0
        var segments = 0
        var numbersInSegment = 0
        /// Where the last segment starts in `out`, if it is a moveto.
        var moveStart: Int?
        /// Whether the number just written has a point; `nil` right after a command letter.
        var pointBefore: Bool?
        var i = 0
        while i < data.count {
            let c = data[i]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: ",") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\t") {
                i += 1
            } else if isLetter(c) {
                let isMove = c == UInt8(ascii: "M") || c == UInt8(ascii: "m")
                let isClose = c == UInt8(ascii: "Z") || c == UInt8(ascii: "z")
                moveStart = isMove ? out.count : nil
                // A repeated command needs no letter, except a moveto (more pairs after M
                // would be lines) and a close (which takes no numbers to carry it).
                if c != previousCommand || isMove || isClose {
                    out.append(c)
                    pointBefore = nil
                }
                previousCommand = c
                segments += 1
                numbersInSegment = 0
                i += 1
            } else {
                guard segments > 0, let number = parseNumber(data, &i, end: data.count) else { return nil }
                let r = rounded(number, decimals: coordinateDecimals)
                let point = startsWithPoint(r)
                if let before = pointBefore, !(r.negative || (point && before)) {
                    out.append(UInt8(ascii: " "))
                }
                write(r, dropLeadingZero: true, to: &out)
                pointBefore = r.scale > 0
                numbersInSegment += 1
            }
        }
        // A moveto at the very end starts a subpath with nothing in it: it draws nothing.
        if segments > 1, let moveStart, numbersInSegment == 2 {
            out.removeSubrange(moveStart...)
        }
        return out
    }

    private static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
    }

    // MARK: Colours

    /// `rgb(r%, g%, b%)` or `rgb(r, g, b)` as `#rrggbb` (or `#rgb` when that says the
    /// same), each channel rounded to 8 bits as any viewer shows it; `nil` for anything else.
    static func hexColor(_ value: [UInt8]) -> [UInt8]? {
        guard value.starts(with: "rgb(".utf8), value.last == UInt8(ascii: ")") else { return nil }
        var channels: [Int] = []
        var i = 4
        let end = value.count - 1
        while i < end {
            if value[i] == UInt8(ascii: " ") || value[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard let number = parseNumber(value, &i, end: end) else { return nil }
            var x = Double(number.mantissa)
            for _ in 0..<number.scale { x /= 10 }
            if number.negative { x = -x }
            if i < end, value[i] == UInt8(ascii: "%") {
                x *= 2.55
                i += 1
            }
            channels.append(Int(min(255, max(0, x.rounded()))))
        }
        guard channels.count == 3 else { return nil }
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "#")]
        if channels.allSatisfy({ $0 >> 4 == $0 & 15 }) {
            for c in channels { out.append(hex[c & 15]) }
        } else {
            for c in channels { out.append(hex[c >> 4]); out.append(hex[c & 15]) }
        }
        return out
    }

    // MARK: Presentation properties

    /// What a property holds, which decides how its value is cut.
    enum PropertyKind {
        case color, length, opacity, lengthList, other
    }

    static func kind(of property: [UInt8]) -> PropertyKind {
        kinds[property] ?? .other
    }

    private static let kinds: [[UInt8]: PropertyKind] = {
        var kinds: [[UInt8]: PropertyKind] = [:]
        for name in ["fill", "stroke", "stop-color", "flood-color", "lighting-color", "color"] {
            kinds[Array(name.utf8)] = .color
        }
        for name in ["stroke-width", "stroke-dashoffset", "x", "y", "width", "height", "x1", "y1", "x2", "y2",
                     "cx", "cy", "r", "rx", "ry"] {
            kinds[Array(name.utf8)] = .length
        }
        for name in ["fill-opacity", "stroke-opacity", "opacity", "stop-opacity", "flood-opacity"] {
            kinds[Array(name.utf8)] = .opacity
        }
        kinds[Array("stroke-dasharray".utf8)] = .lengthList
        return kinds
    }()

    /// A property value cut to what is visible, or `nil` to keep it as written.
    static func shortened(_ value: [UInt8], kind: PropertyKind) -> [UInt8]? {
        switch kind {
        case .color: return hexColor(value)
        case .length: return rounded(value, decimals: coordinateDecimals)
        case .opacity: return rounded(value, decimals: opacityDecimals)
        case .lengthList: return roundedList(value, decimals: coordinateDecimals)
        case .other: return nil
        }
    }
}
