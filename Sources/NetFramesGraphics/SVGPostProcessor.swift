import NetFramesScene

/// The edits that make cairo's SVG ready to publish and byte-for-byte repeatable.
///
/// - Compacts the document (`SVGCompactor`): shorter numbers, colours and ids, no
///   default properties, each glyph defined once. Renaming every id in order of
///   appearance also removes cairo's `surfaceN` ids, whose N comes from a process-wide
///   counter of surfaces and would otherwise differ from render to render.
/// - Ensures the root `<svg>` has `viewBox="0 0 W H"` (cairo 1.16 writes one in pixel
///   units, but older versions did not), so the image scales with CSS.
/// - Inserts `<title>` and `<desc>` (XML-escaped) as the root's first children, for
///   screen readers; empty strings add nothing.
enum SVGPostProcessor {
    static func blogReady(_ svg: [UInt8], width: Double, height: Double, title: String,
                          summary: String) -> [UInt8] {
        let compacted = SVGCompactor.compact(svg)
        guard let rootStart = find(Array("<svg".utf8), in: compacted, from: 0),
              let rootEnd = compacted[rootStart...].firstIndex(of: UInt8(ascii: ">")) else {
            return compacted
        }
        var output: [UInt8] = []
        output.reserveCapacity(compacted.count + title.utf8.count + summary.utf8.count + 64)
        output += compacted[..<rootEnd]
        let rootTag = compacted[rootStart..<rootEnd]
        if find(Array("viewBox=".utf8), in: Array(rootTag), from: 0) == nil {
            output += Array(" viewBox=\"0 0 \(number(width)) \(number(height))\"".utf8)
        }
        output.append(UInt8(ascii: ">"))
        if !title.isEmpty {
            output += Array("\n<title>\(MarkupText.escaped(title))</title>".utf8)
        }
        if !summary.isEmpty {
            output += Array("\n<desc>\(MarkupText.escaped(summary))</desc>".utf8)
        }
        output += compacted[(rootEnd + 1)...]
        return output
    }

    /// The first index at or after `from` where `needle` occurs in `haystack`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// A length without a needless ".0".
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
