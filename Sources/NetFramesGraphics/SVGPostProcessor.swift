import NetFramesScene

/// The minimal edits that make cairo's SVG ready to publish and byte-for-byte repeatable.
///
/// - Ensures the root `<svg>` has `viewBox="0 0 W H"` (cairo 1.16 writes one in pixel
///   units, but older versions did not), so the image scales with CSS.
/// - Inserts `<title>` and `<desc>` (XML-escaped) as the root's first children, for
///   screen readers; empty strings add nothing.
/// - Renumbers ids of the form `surfaceN`: cairo takes N from a process-wide counter of
///   surfaces, so the same scene would otherwise give different bytes in every render.
enum SVGPostProcessor {
    static func blogReady(_ svg: [UInt8], width: Double, height: Double, title: String,
                          summary: String) -> [UInt8] {
        let renumbered = renumberSurfaceIDs(svg)
        guard let rootStart = find(Array("<svg".utf8), in: renumbered, from: 0),
              let rootEnd = renumbered[rootStart...].firstIndex(of: UInt8(ascii: ">")) else {
            return renumbered
        }
        var output: [UInt8] = []
        output.reserveCapacity(renumbered.count + title.utf8.count + summary.utf8.count + 64)
        output += renumbered[..<rootEnd]
        let rootTag = renumbered[rootStart..<rootEnd]
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
        output += renumbered[(rootEnd + 1)...]
        return output
    }

    /// Replaces every `surfaceN` right after `id="`, `#` or `url(#` with `surfaceK`,
    /// K counting distinct N from 1 in order of first appearance.
    static func renumberSurfaceIDs(_ svg: [UInt8]) -> [UInt8] {
        let marker = Array("surface".utf8)
        var numbers: [ArraySlice<UInt8>: Int] = [:]
        var output: [UInt8] = []
        output.reserveCapacity(svg.count)
        var copiedUpTo = 0
        var searchFrom = 0
        while let start = find(marker, in: svg, from: searchFrom) {
            let digitsStart = start + marker.count
            var digitsEnd = digitsStart
            while digitsEnd < svg.count, svg[digitsEnd] >= UInt8(ascii: "0"), svg[digitsEnd] <= UInt8(ascii: "9") {
                digitsEnd += 1
            }
            searchFrom = digitsEnd
            guard digitsEnd > digitsStart, isReferencePosition(svg, start) else { continue }
            let digits = svg[digitsStart..<digitsEnd]
            let number = numbers[digits] ?? (numbers.count + 1)
            numbers[digits] = number
            output += svg[copiedUpTo..<digitsStart]
            output += Array(String(number).utf8)
            copiedUpTo = digitsEnd
        }
        output += svg[copiedUpTo...]
        return output
    }

    /// Whether the bytes before `index` are `id="`, `#` or `url(#`: an id or a reference to one.
    private static func isReferencePosition(_ svg: [UInt8], _ index: Int) -> Bool {
        if index >= 1, svg[index - 1] == UInt8(ascii: "#") { return true }
        let idPrefix = Array("id=\"".utf8)
        return index >= idPrefix.count && Array(svg[(index - idPrefix.count)..<index]) == idPrefix
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
