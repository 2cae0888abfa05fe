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
        guard let rootStart = compacted.index(of: "<svg"),
              let rootEnd = compacted[rootStart...].firstIndex(of: UInt8(ascii: ">")) else {
            return compacted
        }
        var output: [UInt8] = []
        output.reserveCapacity(compacted.count + title.utf8.count + summary.utf8.count + 64)
        output += compacted[..<rootEnd]
        let rootTag = compacted[rootStart..<rootEnd]
        if rootTag.index(of: "viewBox=") == nil {
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

    /// A length without a needless ".0".
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
