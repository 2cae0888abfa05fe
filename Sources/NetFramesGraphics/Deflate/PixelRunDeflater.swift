import CDeflate

/// NetFrames' own deflate encoder for unfiltered PNG scanlines: `PixelRunMatcher`
/// finds the repeats and counts their symbols, `DeflateBlockWriter` codes each block of
/// rows with Huffman codes made for it. Produces a complete zlib stream (RFC 1950).
///
/// Made for drawn frames, where most bytes repeat the row above or the pixel to the
/// left: those are skipped in long matches at memory speed, and only the pixels that
/// start a token are hashed. Rows are prepared (packed from cairo's pixels) one block at
/// a time, just before that block is matched, so each block's bytes are still in the
/// cache while they are matched, summed and, rarely, stored. On 1280x720 diagram frames
/// it writes 0.792 of the naive writer's bytes on the same pixels (libdeflate at level 9,
/// `.small`: 0.760) in markedly less time (`netframes-bench render-bytes`, `render`).
///
/// Against zlib on the same unfiltered rows (8 of those frames): 287 KB a frame greedy
/// (level 3) and 273 KB with lazy matching (level 4), against this encoder's about 274 KB.
/// Most of what is left is literal bytes (about 63% of the output): antialiased edges
/// whose blends repeat nowhere in the window. Lazy matching a whole pixel at a time
/// gained nothing here, and blocks of 64 or 256 KB come within 0.35% of these.
enum PixelRunDeflater {
    /// Raw bytes per block, rounded to whole rows: about 34 rows of a 1280-pixel RGB
    /// frame, small enough for the codes to follow the picture's regions, large enough
    /// that the ~70-byte block headers cost little.
    static let blockBytes = 1 << 17

    /// Compresses `height` rows of `rowLength` bytes at `raw` (8 writable bytes past the
    /// end), each row a filter byte 0 and pixels of `bytesPerPixel` bytes, into
    /// `scratch`'s output buffer; returns the zlib stream's length there.
    ///
    /// `prepareRows(first, end)` is called for each block, in order, before its rows are
    /// read, and must fill rows `first..<end` of `raw`.
    static func compress(_ raw: UnsafeMutablePointer<UInt8>, rowLength: Int, height: Int, bytesPerPixel: Int,
                         scratch: PNGScratch, prepareRows: (Int, Int) -> Void) -> Int {
        let rawCount = rowLength * height
        let rowsPerBlock = max(1, blockBytes / rowLength)
        let blockCount = (height + rowsPerBlock - 1) / rowsPerBlock
        // Any block may fall back to stored blocks: its bytes, 5 bytes per 65,535 and
        // per block, the zlib header and trailer.
        let bound = rawCount + 5 * (rawCount / 65535 + 2 * blockCount) + 16

        let tokens = scratch.tokenSlots(rowsPerBlock * rowLength)
        let table = scratch.table
        table.update(repeating: -1, count: PixelRunMatcher.tableSize)
        let blocks = scratch.blocks
        let output = PixelRunMatcher.Output(tokens: tokens, literalFrequencies: blocks.literalFrequencies,
                                            distanceFrequencies: blocks.distanceFrequencies)

        var bits = DeflateBitWriter(buffer: scratch.outputBytes(bound), capacity: bound)
        bits.write(0x78, bits: 8)   // zlib: deflate, 32 KB window
        bits.write(0x01, bits: 8)   // fastest level, no dictionary (0x7801 is a multiple of 31)
        let matcher = PixelRunMatcher(rowLength: rowLength, bytesPerPixel: bytesPerPixel)
        var adler: UInt32 = 1
        var firstRow = 0
        repeat {
            let endRow = min(height, firstRow + rowsPerBlock)
            let start = raw + firstRow * rowLength, count = (endRow - firstRow) * rowLength
            prepareRows(firstRow, endRow)
            adler = libdeflate_adler32(adler, start, count)
            blocks.startBlock()
            let tokenCount = matcher.tokens(raw, rows: firstRow, to: endRow, into: output, table: table)
            blocks.write(UnsafeBufferPointer(start: tokens, count: tokenCount), raw: start, rawCount: count,
                         final: endRow == height, to: &bits)
            firstRow = endRow
        } while firstRow < height
        bits.alignToByte()
        bits.write(adler.byteSwapped, bits: 32)   // big-endian
        return bits.byteCount
    }
}
