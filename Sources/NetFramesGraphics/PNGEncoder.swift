import CDeflate

/// Encodes cairo ARGB32 pixels as a PNG in memory: rows packed and filtered here,
/// compressed by `PixelRunDeflater` or libdeflate, wrapped in chunks by `PNGChunkWriter`.
///
/// Why not libpng's writer, as before: libpng hands rows to zlib one at a time and
/// reorders and strips each pixel through its transform stages; on 1280x720 diagram
/// frames zlib and those stages took half of a frame's whole time. Both encoders here
/// compress the whole image in one pass. The pixels are the same; libpng still reads
/// every PNG back in the tests.
///
/// The bytes depend only on the pixels, the text and the compression setting: no time
/// stamp, no other chunk than IHDR, the text's iTXt chunks, IDAT and IEND.
enum PNGEncoder {
    /// The largest side a PNG may have (the format's own limit, 2^31 − 1), and the
    /// largest raw image handled (rows of filter byte plus pixels), kept well inside memory.
    static let maximumSide = Int(Int32.max)
    static let maximumRawBytes = 1 << 34

    /// PNG bytes for `width`x`height` premultiplied ARGB32 pixels at `pixels`, rows
    /// `stride` bytes apart. `opaque` writes 8-bit RGB (every alpha must be 255);
    /// otherwise straight-alpha RGBA. `text` becomes iTXt chunks (keyword, text), in
    /// order, before the image data; empty texts are left out.
    ///
    /// `scratch` lends the working buffers (a frame canvas keeps one from frame to frame);
    /// without it they are allocated for this call. The bytes do not depend on it.
    static func encode(argb32 pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int,
                       opaque: Bool, compression: PNGCompression,
                       text: [(keyword: String, text: String)] = [], scratch: PNGScratch? = nil) throws -> [UInt8] {
        guard width > 0, height > 0, width <= maximumSide, height <= maximumSide else {
            throw GraphicsError.pngEncoding("\(width)x\(height) is outside PNG's limits (1 to \(maximumSide) per side)")
        }
        guard stride >= width * 4 else {
            throw GraphicsError.pngEncoding("row stride \(stride) is shorter than \(width) pixels")
        }
        let bytesPerPixel = opaque ? 3 : 4
        let rowBytes = width * bytesPerPixel
        let lineLength = rowBytes + 1
        let (rawCount, overflow) = lineLength.multipliedReportingOverflow(by: height)
        guard !overflow, rawCount <= maximumRawBytes else {
            throw GraphicsError.pngEncoding("\(width)x\(height) is too large to encode in memory")
        }

        let scratch = scratch ?? PNGScratch()
        let raw = scratch.rawBytes(rawCount)
        let rows = PNGRowFilter(rowBytes: rowBytes, bytesPerPixel: bytesPerPixel, choice: compression.filter)
        // Packs (and filters) rows first..<end into `raw`, in order.
        func prepareRows(_ first: Int, _ end: Int) {
            for y in first..<end {
                let source = pixels + y * stride
                let line = raw + y * lineLength
                if opaque {
                    ARGB32Rows.packRGB(from: source, to: line + 1, width: width)
                } else {
                    Unpremultiply.row(from: source, to: line + 1, width: width)
                }
                rows.filter(line: line)
            }
        }

        let zlibCount: Int
        switch compression.encoder {
        case .pixelRuns:
            zlibCount = PixelRunDeflater.compress(raw, rowLength: lineLength, height: height, bytesPerPixel: bytesPerPixel,
                                                  scratch: scratch, prepareRows: prepareRows)
        case .libdeflate(let level):
            prepareRows(0, height)
            zlibCount = try libdeflateCompress(raw, count: rawCount, level: level, scratch: scratch)
        }
        let zlib = UnsafeBufferPointer(start: scratch.output.contents, count: zlibCount)
        var png = PNGChunkWriter(capacity: zlibCount + 128 + text.reduce(0) { $0 + $1.text.utf8.count + 24 })
        png.appendHeader(width: width, height: height, colorType: opaque ? .rgb : .rgba)
        for (keyword, value) in text where !value.isEmpty { png.appendText(keyword: keyword, value) }
        png.appendImageData(zlib)
        png.appendEnd()
        return png.bytes
    }

    /// Compresses `count` bytes at `raw` with libdeflate at `level` into `scratch`'s output
    /// buffer; returns the zlib stream's length there.
    private static func libdeflateCompress(_ raw: UnsafePointer<UInt8>, count: Int, level: Int,
                                           scratch: PNGScratch) throws -> Int {
        guard let compressor = libdeflate_alloc_compressor(Int32(level)) else {
            throw GraphicsError.pngEncoding("libdeflate could not allocate a compressor (out of memory)")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, count)
        let written = libdeflate_zlib_compress(compressor, raw, count, scratch.outputBytes(bound), bound)
        // Cannot happen with a buffer of the bound's size; checked all the same.
        guard written > 0 else {
            throw GraphicsError.pngEncoding("libdeflate could not compress \(count) bytes into \(bound)")
        }
        return written
    }
}

/// Rows of cairo's ARGB32 pixels repacked as PNG wants them.
enum ARGB32Rows {
    /// Writes `width` opaque pixels from `source` as R, G, B bytes (the alpha is dropped;
    /// premultiplied and straight colour agree when alpha is 255).
    @inline(__always)
    static func packRGB(from source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>, width: Int) {
        let words = UnsafeRawPointer(source)
        var out = destination
        var x = 0
        #if _endian(little)
        // Four pixels at a time: B G R A ×4 in, R G B ×4 out as three 32-bit words.
        while x &+ 4 <= width {
            let p0 = words.loadUnaligned(fromByteOffset: 4 &* x, as: UInt32.self)
            let p1 = words.loadUnaligned(fromByteOffset: 4 &* x &+ 4, as: UInt32.self)
            let p2 = words.loadUnaligned(fromByteOffset: 4 &* x &+ 8, as: UInt32.self)
            let p3 = words.loadUnaligned(fromByteOffset: 4 &* x &+ 12, as: UInt32.self)
            // Each pixel as R | G<<8 | B<<16, then the four packed end to end.
            let r0 = rgb(p0), r1 = rgb(p1), r2 = rgb(p2), r3 = rgb(p3)
            let raw = UnsafeMutableRawPointer(out)
            raw.storeBytes(of: r0 | r1 << 24, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: r1 >> 8 | r2 << 16, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: r2 >> 16 | r3 << 8, toByteOffset: 8, as: UInt32.self)
            out += 12
            x &+= 4
        }
        #endif
        while x < width {
            let pixel = UInt32(littleEndian: words.loadUnaligned(fromByteOffset: 4 &* x, as: UInt32.self))
            #if _endian(little)
            // Bytes B, G, R, A: the word is A<<24 | R<<16 | G<<8 | B.
            out[0] = UInt8(truncatingIfNeeded: pixel >> 16)
            out[1] = UInt8(truncatingIfNeeded: pixel >> 8)
            out[2] = UInt8(truncatingIfNeeded: pixel)
            #else
            // Bytes A, R, G, B, read little-endian: B<<24 | G<<16 | R<<8 | A.
            out[0] = UInt8(truncatingIfNeeded: pixel >> 8)
            out[1] = UInt8(truncatingIfNeeded: pixel >> 16)
            out[2] = UInt8(truncatingIfNeeded: pixel >> 24)
            #endif
            out += 3
            x &+= 1
        }
    }

    /// An ARGB32 word (A<<24 | R<<16 | G<<8 | B) as R | G<<8 | B<<16.
    @inline(__always)
    private static func rgb(_ pixel: UInt32) -> UInt32 {
        (pixel >> 16 & 0xFF) | (pixel & 0xFF00) | (pixel & 0xFF) << 16
    }
}
