/// Finds deflate matches in unfiltered PNG scanlines one whole pixel at a time, at the
/// places diagram frames repeat themselves:
/// - the row above (identical rows, and the spans of a row that did not change);
/// - the pixel to the left (flat runs);
/// - the last place the same two pixels were seen (repeated glyphs and shapes).
///
/// A general deflate encoder hashes every byte, matched or not; here bytes inside a
/// match are skipped eight at a time and only pixels that start a token are hashed.
/// Anything that does not repeat is a literal pixel (its bytes as literals).
struct PixelRunMatcher {
    static let maximumLength = 258
    static let window = 32768
    static let hashBits = 14

    /// Bytes per scanline, the filter byte included.
    let rowLength: Int
    /// 3 (RGB) or 4 (RGBA).
    let bytesPerPixel: Int

    /// Tokens for rows `firstRow..<endRow` of `data`, every row a filter byte then the
    /// pixels; earlier rows may be matched against. `data` must have 8 readable bytes past
    /// its end, `tokens` room for one token per byte of the rows, and `table` hold
    /// 2^`hashBits` positions (−1 for none; kept from call to call). Returns the count.
    func tokens(_ data: UnsafePointer<UInt8>, rows firstRow: Int, to endRow: Int,
                into tokens: UnsafeMutablePointer<DeflateToken>, table: UnsafeMutablePointer<Int32>) -> Int {
        let rowLength = self.rowLength, pixel = bytesPerPixel
        let useUp = rowLength <= Self.window
        let pairMask: UInt64 = pixel == 3 ? 0xFFFF_FFFF_FFFF : ~0
        var count = 0
        for y in firstRow..<endRow {
            let rowStart = y &* rowLength
            let rowEnd = rowStart &+ rowLength
            var i = rowStart
            // The filter byte (0) with whatever follows it unchanged from the row above.
            let first = y > 0 && useUp
                ? wholePixels(Self.matchLength(data + i, data + i - rowLength,
                                               limit: min(Self.maximumLength, rowLength)) &- 1)
                : 0
            if first > 0 {
                tokens[count] = .match(length: first &+ 1, distance: rowLength)
                i &+= first &+ 1
            } else {
                tokens[count] = .literal(data[i])
                i &+= 1
            }
            count &+= 1

            while i < rowEnd {
                let limit = min(Self.maximumLength, rowEnd &- i)
                let here = data + i
                // The pixel to the left first: on a tie its distance codes in no extra bits,
                // the row above's in ten or more.
                var bestLength = 0, bestDistance = 0
                if i &- rowStart > pixel {
                    bestLength = Self.matchLength(here, here - pixel, limit: limit)
                    bestDistance = pixel
                }
                if bestLength < limit && useUp && y > 0 {
                    let length = Self.matchLength(here, here - rowLength, limit: limit)
                    if length > bestLength {
                        bestLength = length
                        bestDistance = rowLength
                    }
                }
                if bestLength < 2 &* pixel && limit >= 2 &* pixel {
                    let pair = UnsafeRawPointer(here).loadUnaligned(as: UInt64.self) & pairMask
                    let key = Int(truncatingIfNeeded: (pair &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 &- Self.hashBits))
                    let candidate = Int(table[key])
                    table[key] = Int32(truncatingIfNeeded: i)
                    if candidate >= 0 && i &- candidate <= Self.window {
                        let length = Self.matchLength(here, data + candidate, limit: limit)
                        if length > bestLength {
                            bestLength = length
                            bestDistance = i &- candidate
                        }
                    }
                }
                bestLength = wholePixels(bestLength)
                // Two pixels or more; one pixel only as a run of the pixel to its left.
                if bestLength >= 2 &* pixel || (bestLength == pixel && bestDistance == pixel) {
                    tokens[count] = .match(length: bestLength, distance: bestDistance)
                    count &+= 1
                    i &+= bestLength
                } else {
                    let n = min(pixel, rowEnd &- i)
                    for k in 0..<n {
                        tokens[count &+ k] = .literal(here[k])
                    }
                    count &+= n
                    i &+= n
                }
            }
        }
        return count
    }

    /// `length` rounded down to whole pixels.
    @inline(__always)
    func wholePixels(_ length: Int) -> Int {
        length < bytesPerPixel ? 0 : length &- length % bytesPerPixel
    }

    /// How many bytes at `a` equal those at `b`, up to `limit`; eight at a time.
    @inline(__always)
    static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, limit: Int) -> Int {
        var n = 0
        while n &+ 8 <= limit {
            let difference = UnsafeRawPointer(a + n).loadUnaligned(as: UInt64.self)
                ^ UnsafeRawPointer(b + n).loadUnaligned(as: UInt64.self)
            if difference != 0 {
                return n &+ (UInt64(littleEndian: difference).trailingZeroBitCount &>> 3)
            }
            n &+= 8
        }
        while n < limit && a[n] == b[n] {
            n &+= 1
        }
        return n
    }
}
