/// Finds deflate matches in unfiltered PNG scanlines one whole pixel at a time, at the
/// places diagram frames repeat themselves:
/// - the row above (identical rows, and the spans of a row that did not change);
/// - the pixel to the left (flat runs);
/// - the last two places the same two pixels were seen (repeated glyphs and shapes),
///   looked up whenever the row above or the pixel to the left repeat fewer than
///   `hashBelow` pixels.
///
/// A match found after literal pixels is extended back over the bytes of those pixels
/// that also repeat (an antialiased edge often differs from its model in one or two
/// channels only), so the match starts mid-pixel and the literals are fewer.
///
/// A pixel that starts no match of two pixels is looked up once more by its colour
/// alone: the last pixel of that colour looked up so, anywhere in the window.
/// Antialiased edges of lines, circles and glyphs in one colour keep meeting the same
/// few blends, and one pixel repeated from there costs fewer bits than its literal
/// bytes. So does one pixel repeated from the row above. On 25 of scene A's frames
/// one-pixel matches take 2.4% off the bytes (7,184,457 -> 7,009,949) for 5.0 M more
/// instructions and 0.17 M more mispredicted branches a frame (callgrind): whether a
/// pixel is a match or a literal is hard to predict.
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
    /// Positions kept per hash bucket: the newest first. Two find about a fifth more of
    /// the repeats one finds, for a few more instructions per literal pixel.
    static let ways = 2
    /// Entries of the pair hash table: `ways` per bucket.
    static let pairTableSize = ways << hashBits
    /// Bits of the colour table's index: per colour hash, the last pixel that started no
    /// match of two pixels.
    static let colourBits = 12
    /// Entries of the whole table: the pair buckets, then the colour slots.
    static let tableSize = pairTableSize + (1 << colourBits)
    /// The hashed place is looked up too while the row above and the pixel to the left
    /// repeat fewer than this many pixels: short runs there are often a longer repeat
    /// elsewhere (measured on diagram frames, 2 to 16 give nearly the same bytes).
    static let hashBelow = 8

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
    /// its end, and `table` hold `tableSize` positions (−1 for none; kept from call to
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
        let colourMask: UInt32 = pixel == 3 ? 0xFF_FFFF : ~0
        let colours = table + Self.pairTableSize
        let leftSymbol = DeflateSymbols.distanceCode(pixel).symbol
        let upSymbol = DeflateSymbols.distanceCode(rowLength).symbol
        var count = 0
        // Where the literal bytes of the last token end, when the last token holds literals.
        var literalsEnd = -1

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
                literalsEnd = i
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
                if bestLength < Self.hashBelow &* pixel && limit >= 2 &* pixel {
                    let pair = UnsafeRawPointer(here).loadUnaligned(as: UInt64.self) & pairMask
                    let bucket = table + Int(truncatingIfNeeded: (pair &* 0x9E37_79B9_7F4A_7C15)
                                                 &>> UInt64(64 &- Self.hashBits)) &* Self.ways
                    let newer = Int(bucket[0]), older = Int(bucket[1])
                    bucket[1] = bucket[0]
                    bucket[0] = Int32(truncatingIfNeeded: i)
                    if newer >= 0 && i &- newer <= Self.window {
                        let length = Self.matchLength(here, data + newer, limit: limit)
                        if length > bestLength {
                            bestLength = length
                            bestDistance = i &- newer
                            bestSymbol = -1
                        }
                        if older >= 0 && i &- older <= Self.window && bestLength < limit {
                            let length = Self.matchLength(here, data + older, limit: limit)
                            if length > bestLength {
                                bestLength = length
                                bestDistance = i &- older
                                bestSymbol = -1
                            }
                        }
                    }
                }
                bestLength = wholePixels(bestLength)
                // A pixel about to be a literal: the last such pixel of its colour.
                if bestLength < 2 &* pixel && !(bestLength == pixel && bestDistance == pixel) && rowEnd &- i >= pixel {
                    let colour = UnsafeRawPointer(here).loadUnaligned(as: UInt32.self) & colourMask
                    let slot = colours + Int(truncatingIfNeeded: (UInt64(colour) &* 0x9E37_79B9_7F4A_7C15)
                                                 &>> UInt64(64 &- Self.colourBits))
                    let earlier = Int(slot.pointee)
                    slot.pointee = Int32(truncatingIfNeeded: i)
                    if earlier >= 0 && i &- earlier <= Self.window
                        && UnsafeRawPointer(data + earlier).loadUnaligned(as: UInt32.self) & colourMask == colour {
                        let length = wholePixels(Self.matchLength(here, data + earlier, limit: limit))
                        if length > bestLength || (length == bestLength && i &- earlier < bestDistance) {
                            bestLength = length
                            bestDistance = i &- earlier
                            bestSymbol = -1
                        }
                    }
                }
                // Two pixels or more; one pixel as a run of the pixel to its left, a repeat
                // of the pixel above, or of an earlier pixel of its colour.
                if bestLength >= pixel {
                    // Back over the literal bytes just written that repeat too.
                    var start = i
                    while literalsEnd == start && start &- bestDistance > 0 && bestLength < Self.maximumLength
                            && data[start &- 1] == data[start &- 1 &- bestDistance] {
                        let last = tokens[count &- 1].bits, n = last >> 24
                        literals[Int(last >> (8 &* (n &- 1)) & 0xFF)] &-= 1
                        if n == 1 {
                            count &-= 1
                            // The token before ends where this one began, if it holds literals.
                            if count == 0 || tokens[count &- 1].isMatch { literalsEnd = -1 }
                        } else {
                            tokens[count &- 1] = .literals(last & ~(0xFF << (8 &* (n &- 1))) & 0xFF_FFFF, count: Int(n &- 1))
                        }
                        start &-= 1
                        bestLength &+= 1
                        if literalsEnd >= 0 { literalsEnd = start }
                    }
                    emitMatch(length: bestLength, distance: bestDistance,
                              symbol: bestSymbol >= 0 ? bestSymbol : DeflateSymbols.distanceCode(bestDistance).symbol)
                    i = start &+ bestLength
                } else if pixel == 3 && rowEnd &- i >= 3 {
                    // One RGB pixel, one token.
                    let bytes = UnsafeRawPointer(here).loadUnaligned(as: UInt32.self) & 0xFF_FFFF
                    tokens[count] = .literals(UInt32(littleEndian: bytes), count: 3)
                    count &+= 1
                    literals[Int(here[0])] &+= 1
                    literals[Int(here[1])] &+= 1
                    literals[Int(here[2])] &+= 1
                    i &+= 3
                    literalsEnd = i
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
                    literalsEnd = i
                }
            }
        }
        return count
    }

    /// `length` rounded down to whole pixels. Run for every token: the pixel sizes are
    /// spelt out so the remainder is a multiplication or a mask, not a division.
    @inline(__always)
    func wholePixels(_ length: Int) -> Int {
        bytesPerPixel == 3 ? length &- length % 3 : length & ~3
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
