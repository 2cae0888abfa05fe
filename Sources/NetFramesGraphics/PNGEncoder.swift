import CDeflate

/// Encodes cairo ARGB32 pixels as a PNG in memory: rows packed and filtered here,
/// compressed by libdeflate, wrapped in chunks by `PNGChunkWriter`.
///
/// Why not libpng's writer, as before: libpng hands rows to zlib one at a time and
/// reorders and strips each pixel through its transform stages; on 1280x720 diagram
/// frames zlib and those stages took half of a frame's whole time. libdeflate compresses
/// the whole image in one call, about twice as fast as zlib at its fastest level and
/// smaller at every level. The pixels are the same; libpng still reads every PNG back
/// in the tests.
///
/// The bytes depend only on the pixels and the compression setting: no time stamp, no
/// other chunk than IHDR, IDAT and IEND.
enum PNGEncoder {
    /// The largest side a PNG may have (the format's own limit, 2^31 − 1), and the
    /// largest raw image handled (rows of filter byte plus pixels), kept well inside memory.
    static let maximumSide = Int(Int32.max)
    static let maximumRawBytes = 1 << 34

    /// PNG bytes for `width`x`height` premultiplied ARGB32 pixels at `pixels`, rows
    /// `stride` bytes apart. `opaque` writes 8-bit RGB (every alpha must be 255);
    /// otherwise straight-alpha RGBA.
    static func encode(argb32 pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int,
                       opaque: Bool, compression: PNGCompression) throws -> [UInt8] {
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

        let raw = UnsafeMutablePointer<UInt8>.allocate(capacity: rawCount)
        defer { raw.deallocate() }
        let rows = PNGRowFilter(rowBytes: rowBytes, bytesPerPixel: bytesPerPixel, choice: compression.filter)
        for y in 0..<height {
            let source = pixels + y * stride
            if opaque {
                ARGB32Rows.packRGB(from: source, to: rows.current, width: width)
            } else {
                Unpremultiply.row(from: source, to: rows.current, width: width)
            }
            rows.filter(into: raw + y * lineLength)
        }

        guard let compressor = libdeflate_alloc_compressor(Int32(compression.level)) else {
            throw GraphicsError.pngEncoding("libdeflate could not allocate a compressor (out of memory)")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, rawCount)
        let compressed = UnsafeMutablePointer<UInt8>.allocate(capacity: bound)
        defer { compressed.deallocate() }
        let compressedCount = libdeflate_zlib_compress(compressor, raw, rawCount, compressed, bound)
        guard compressedCount > 0 else {
            // Cannot happen with a buffer of the bound's size; checked all the same.
            throw GraphicsError.pngEncoding("libdeflate could not compress \(rawCount) bytes into \(bound)")
        }

        var png = PNGChunkWriter(capacity: compressedCount + 128)
        png.appendHeader(width: width, height: height, colorType: opaque ? .rgb : .rgba)
        png.appendImageData(UnsafeBufferPointer(start: compressed, count: compressedCount))
        png.appendEnd()
        return png.bytes
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
        for x in 0..<width {
            let pixel = UInt32(littleEndian: words.loadUnaligned(fromByteOffset: 4 * x, as: UInt32.self))
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
        }
    }
}
