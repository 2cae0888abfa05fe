/// Appends JSON text to a byte buffer, fast and without Foundation's encoder, so a
/// trace of millions of snapshots is written at the speed of the disk. Numbers are
/// written in their shortest form that reads back to the same `Double`.
public struct JSONText: Sendable {
    /// The UTF-8 text written so far.
    public var bytes: [UInt8] = []

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `s` as it is: punctuation, keywords, pre-escaped text.
    public mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A number in its shortest form that reads back to the same `Double`; `null` if not finite.
    public mutating func number(_ x: Double) {
        if x.isFinite {
            bytes.append(contentsOf: x.description.utf8)
        } else {
            raw("null")
        }
    }

    /// A whole number.
    public mutating func integer(_ n: Int) {
        bytes.append(contentsOf: String(n).utf8)
    }

    /// `true` or `false`.
    public mutating func bool(_ b: Bool) {
        b ? raw("true") : raw("false")
    }

    /// A JSON string, quoted, with quotes, backslashes and control characters escaped.
    public mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for unit in s.utf8 {
            switch unit {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(hex[Int(unit >> 4)])
                bytes.append(hex[Int(unit & 0xF)])
            default: bytes.append(unit)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON array of numbers (see `number(_:)`).
    public mutating func numbers<C: Collection>(_ values: C) where C.Element == Double {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for v in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            number(v)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A row-major matrix as a list of rows.
    public mutating func matrix<C: Collection>(_ values: C, columns: Int) where C.Element == Double, C.Index == Int {
        bytes.append(UInt8(ascii: "["))
        var row = values.startIndex
        var first = true
        while row < values.endIndex {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            numbers(values[row..<(row + columns)])
            row += columns
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A list with one entry per item, each written by `body` (which may write `null`).
    public mutating func list<S: Sequence>(_ items: S, _ body: (inout JSONText, S.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            body(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An object key and its colon; `k` must need no escaping.
    public mutating func key(_ k: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(k)
        raw("\":")
    }
}
