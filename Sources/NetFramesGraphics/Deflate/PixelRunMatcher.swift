/// Finds deflate matches in unfiltered PNG scanlines one whole pixel at a time, at the
/// places diagram frames repeat themselves:
/// - the row above (identical rows, and the spans of a row that did not change);
/// - the pixel to the left (flat runs);
/// - the last place the same two pixels were seen (repeated glyphs and shapes).
///
/// A general deflate encoder hashes every byte, matched or not; here bytes inside a
/// match are skipped eight at a time and only pixels that start a token are hashed.
/// Anything that does not repeat is a literal pixel (its bytes in one token). The
/// block's symbol frequencies are counted as the tokens are made, so the Huffman codes
/// need no second pass over them.
struct PixelRunMatcher {
    static let maximumLength = 258
    static let window = 32768
    static let hashBits = 14

    /// Bytes per scanline, the filter byte included.
    let rowLength: Int
    /// 3 (RGB) or 4 (RGBA).
    let bytesPerPixel: Int

    /// Where a block's tokens and their symbol counts go.
    struct Output {
        /// Room for one token per byte of the rows.
        let tokens: UnsafeMutablePointer<DeflateToken>
        /// Counts of literal/length symbols (286) and distance symbols (30), added to.
        let literalFrequencies: UnsafeMutablePointer<UInt32>
        let distanceFrequencies: UnsafeMutablePointer<UInt32>
    }

    /// Tokens for rows `firstRow..<endRow` of `data`, every row a filter byte then the
    /// pixels; earlier rows may be matched against. `data` must have 8 readable bytes past
    /// its end, and `table` hold 2^`hashBits` positions (−1 for none; kept from call to
    /// call). Returns the count of tokens written to `output`.
    func tokens(_ data: UnsafePointer<UInt8>, rows firstRow: Int, to endRow: Int, into output: Output,
                table: UnsafeMutablePointer<Int32>) -> Int {
        DeflateSymbols.lengthCodes.withUnsafeBufferPointer { lengthCodes in
            tokens(data, rows: firstRow, to: endRow, into: output, table: table, lengthCodes: lengthCodes.baseAddress!)
        }
    }

    private func tokens(_ data: UnsafePointer<UInt8>, rows firstRow: Int, to endRow: Int, into output: Output,
                        table: UnsafeMutablePointer<Int32>, lengthCodes: UnsafePointer<UInt32>) -> Int {
        let rowLength = self.rowLength, pixel = bytesPerPixel
        let tokens = output.tokens, literals = output.literalFrequencies, distances = output.distanceFrequencies
        let useUp = rowLength <= Self.window
        let pairMask: UInt64 = pixel == 3 ? 0xFFFF_FFFF_FFFF : ~0
        let leftSymbol = DeflateSymbols.distanceCode(pixel).symbol
        let upSymbol = DeflateSymbols.distanceCode(rowLength).symbol
        var count = 0

        @inline(__always) func emitMatch(length: Int, distance: Int, symbol: Int) {
            tokens[count] = .match(length: length, distance: distance)
            count &+= 1
            literals[Int(lengthCodes[length] & 0xFFFF)] &+= 1
            distances[symbol] &+= 1
        }

        for y in firstRow..<endRow {
            let rowStart = y &* rowLength
            let rowEnd = rowStart &+ rowLength
            var i = rowStart
            // The filter byte with whatever follows it unchanged from the row above.
            let first = y > 0 && useUp
                ? wholePixels(Self.matchLength(data + i, data + i - rowLength,
                                               limit: min(Self.maximumLength, rowLength)) &- 1)
                : 0
            if first > 0 {
                emitMatch(length: first &+ 1, distance: rowLength, symbol: upSymbol)
                i &+= first &+ 1
            } else {
                tokens[count] = .literals(UInt32(data[i]), count: 1)
                count &+= 1
                literals[Int(data[i])] &+= 1
                i &+= 1
            }

            while i < rowEnd {
                let limit = min(Self.maximumLength, rowEnd &- i)
                let here = data + i
                // The pixel to the left first: on a tie its distance codes in no extra bits,
                // the row above's in ten or more.
                var bestLength = 0, bestDistance = 0, bestSymbol = 0
                if i &- rowStart > pixel {
                    bestLength = Self.matchLength(here, here - pixel, limit: limit)
                    bestDistance = pixel
                    bestSymbol = leftSymbol
                }
                if bestLength < limit && useUp && y > 0 {
                    let length = Self.matchLength(here, here - rowLength, limit: limit)
                    if length > bestLength {
                        bestLength = length
                        bestDistance = rowLength
                        bestSymbol = upSymbol
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
                            bestSymbol = -1
                        }
                    }
                }
                bestLength = wholePixels(bestLength)
                // Two pixels or more; one pixel only as a run of the pixel to its left.
                if bestLength >= 2 &* pixel || (bestLength == pixel && bestDistance == pixel) {
                    emitMatch(length: bestLength, distance: bestDistance,
                              symbol: bestSymbol >= 0 ? bestSymbol : DeflateSymbols.distanceCode(bestDistance).symbol)
                    i &+= bestLength
                } else if pixel == 3 && rowEnd &- i >= 3 {
                    // One RGB pixel, one token.
                    let bytes = UnsafeRawPointer(here).loadUnaligned(as: UInt32.self) & 0xFF_FFFF
                    tokens[count] = .literals(UInt32(littleEndian: bytes), count: 3)
                    count &+= 1
                    literals[Int(here[0])] &+= 1
                    literals[Int(here[1])] &+= 1
                    literals[Int(here[2])] &+= 1
                    i &+= 3
                } else {
                    // A pixel's bytes, up to three to a token.
                    let n = min(pixel, rowEnd &- i)
                    var k = 0
                    while k < n {
                        let m = min(3, n &- k)
                        var bytes: UInt32 = 0
                        for j in 0..<m {
                            bytes |= UInt32(here[k &+ j]) &<< UInt32(8 &* j)
                            literals[Int(here[k &+ j])] &+= 1
                        }
                        tokens[count] = .literals(bytes, count: m)
                        count &+= 1
                        k &+= m
                    }
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
