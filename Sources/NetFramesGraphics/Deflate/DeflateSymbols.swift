/// deflate's length and distance alphabets (RFC 1951, 3.2.5): which symbol codes a
/// match length or distance, and the extra bits that follow it.
enum DeflateSymbols {
    /// Literal/length symbols: 0–255 bytes, 256 end of block, 257–285 lengths.
    static let literalLengthCount = 286
    /// Distance symbols 0–29.
    static let distanceCount = 30
    static let endOfBlock = 256

    /// For a match length 3…258: symbol, extra-bit count and extra-bit value packed as
    /// `symbol | count << 16 | value << 24`.
    static let lengthCodes: [UInt32] = (0...258).map { length in
        guard length >= 3 else { return 0 }
        if length == 258 { return 285 }
        let x = length - 3
        if x < 8 { return UInt32(257 + x) }
        let top = Int.bitWidth - 1 - x.leadingZeroBitCount   // 3…7
        let extra = top - 2
        let symbol = 257 + 4 * (top - 1) + (x >> extra) & 3
        return UInt32(symbol) | UInt32(extra) << 16 | UInt32(x & ((1 << extra) - 1)) << 24
    }

    /// Extra bits after each length symbol 257…285, and after each distance symbol 0…29
    /// (the block's size is counted from these before it is written).
    static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                                    9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// The distance symbol, extra-bit count and extra-bit value for a distance 1…32768.
    @inline(__always)
    static func distanceCode(_ distance: Int) -> (symbol: Int, extraBits: Int, extra: UInt32) {
        let x = distance - 1
        if x < 4 { return (x, 0, 0) }
        let top = Int.bitWidth - 1 - x.leadingZeroBitCount   // 2…14
        let extraBits = top - 1
        return (2 * top + (x >> extraBits) & 1, extraBits, UInt32(x & ((1 << extraBits) - 1)))
    }
}
