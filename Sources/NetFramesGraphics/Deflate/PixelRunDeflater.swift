import CDeflate

/// NetFrames' own deflate encoder for unfiltered PNG scanlines: `PixelRunMatcher`
/// finds the repeats, `DeflateBlockWriter` codes each block of rows with Huffman codes
/// made for it. Produces a complete zlib stream (RFC 1950).
///
/// Made for drawn frames, where most bytes repeat the row above or the pixel to the
/// left: those are skipped in long matches at memory speed, and only the pixels that
/// start a token are hashed. On 1280x720 diagram frames it writes files about 4%
/// larger than libdeflate's level 1 in markedly less time (`netframes-bench render`).
enum PixelRunDeflater {
    /// Raw bytes per block, rounded to whole rows: about 34 rows of a 1280-pixel RGB
    /// frame, small enough for the codes to follow the picture's regions, large enough
    /// that the ~70-byte block headers cost little.
    static let blockBytes = 1 << 17

    /// The zlib stream for `height` rows of `rowLength` bytes at `raw` (8 readable bytes
    /// past the end), each row a filter byte 0 and pixels of `bytesPerPixel` bytes.
    static func compress(_ raw: UnsafePointer<UInt8>, rowLength: Int, height: Int, bytesPerPixel: Int) -> [UInt8] {
        let rawCount = rowLength * height
        let rowsPerBlock = max(1, blockBytes / rowLength)
        let blockCount = (height + rowsPerBlock - 1) / rowsPerBlock
        // Any block may fall back to stored blocks: its bytes, 5 bytes per 65,535 and
        // per block, the zlib header and trailer.
        let bound = rawCount + 5 * (rawCount / 65535 + 2 * blockCount) + 16

        let tokens = UnsafeMutablePointer<DeflateToken>.allocate(capacity: rowsPerBlock * rowLength)
        defer { tokens.deallocate() }
        let table = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << PixelRunMatcher.hashBits)
        defer { table.deallocate() }
        table.initialize(repeating: -1, count: 1 << PixelRunMatcher.hashBits)

        return [UInt8](unsafeUninitializedCapacity: bound + 8) { buffer, written in
            var bits = DeflateBitWriter(buffer: buffer.baseAddress!, capacity: bound)
            bits.write(0x78, bits: 8)   // zlib: deflate, 32 KB window
            bits.write(0x01, bits: 8)   // fastest level, no dictionary (0x7801 is a multiple of 31)
            let matcher = PixelRunMatcher(rowLength: rowLength, bytesPerPixel: bytesPerPixel)
            let blocks = DeflateBlockWriter()
            var firstRow = 0
            repeat {
                let endRow = min(height, firstRow + rowsPerBlock)
                let count = matcher.tokens(raw, rows: firstRow, to: endRow, into: tokens, table: table)
                blocks.write(UnsafeBufferPointer(start: tokens, count: count), raw: raw + firstRow * rowLength,
                             rawCount: (endRow - firstRow) * rowLength, final: endRow == height, to: &bits)
                firstRow = endRow
            } while firstRow < height
            bits.alignToByte()
            bits.write(UInt32(libdeflate_adler32(1, raw, rawCount)).byteSwapped, bits: 32)   // big-endian
            written = bits.byteCount
        }
    }
}
