import CPNG

/// Encodes cairo ARGB32 pixels as a PNG in memory with libpng's full write API.
///
/// Why this API and not another:
/// - `cairo_surface_write_to_png` gives no say over compression, and compression is
///   most of the cost of a frame.
/// - libpng's simplified API (`png_image_write_to_memory`) is the safe one (it catches
///   its own errors in C and returns 0 with a message), but it offers only two settings:
///   zlib's default level with adaptive filters, or `PNG_IMAGE_FLAG_FAST`, which in 1.6.39
///   means level 3 with no filter. It cannot read cairo's 4-byte rows as RGB either,
///   so opaque frames would need a repacking copy.
/// - The full API lets us pick level, filter and strategy, and write opaque rows straight
///   out of cairo's buffer (`png_set_bgr` plus `png_set_filler`), with no copy.
///
/// The full API reports errors with `longjmp`, which must never cross Swift frames, so
/// this encoder never arms it: no `setjmp`, no `png_set_longjmp_fn`. With no jump buffer,
/// libpng's `png_longjmp` cannot jump at all; it aborts. To keep that from happening,
/// everything libpng validates is validated here first (dimensions within libpng's user
/// limits, row sizes that fit), and the write callback never fails, so the only errors
/// left are memory exhaustion inside libpng or zlib, which Swift treats the same way.
/// The error handler turns such a failure into a `fatalError` with libpng's message,
/// rather than libpng's silent `abort()`.
enum PNGEncoder {
    /// PNG bytes for `width`x`height` premultiplied ARGB32 pixels at `pixels`, rows
    /// `stride` bytes apart. `opaque` writes 8-bit RGB (every alpha must be 255);
    /// otherwise straight-alpha RGBA.
    static func encode(argb32 pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int,
                       opaque: Bool, compression: PNGCompression) throws -> [UInt8] {
        // libpng's own checks (png_check_IHDR), made here so it never has to fail.
        guard width > 0, height > 0, width <= Int(PNG_USER_WIDTH_MAX), height <= Int(PNG_USER_HEIGHT_MAX),
              width <= Int(Int32.max) / 8 else {
            throw GraphicsError.pngEncoding("\(width)x\(height) is outside libpng's limits (1 to \(PNG_USER_WIDTH_MAX) per side)")
        }
        guard stride >= width * 4 else {
            throw GraphicsError.pngEncoding("row stride \(stride) is shorter than \(width) pixels")
        }

        var png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nil, pngError, pngWarning)
        guard png != nil else {
            throw GraphicsError.pngEncoding("libpng could not create a writer (out of memory or library version mismatch)")
        }
        var info = png_create_info_struct(png)
        defer { png_destroy_write_struct(&png, &info) }
        guard info != nil else {
            throw GraphicsError.pngEncoding("libpng could not create an info structure (out of memory)")
        }

        let sink = ByteSink()
        sink.bytes.reserveCapacity(1 << 16)
        png_set_write_fn(png, sink.closurePointer, pngWrite, pngFlush)
        png_set_compression_level(png, Int32(compression.level))
        png_set_compression_strategy(png, compression.zlibStrategy)
        png_set_filter(png, PNG_FILTER_TYPE_BASE, compression.libpngFilters)
        // Fewer, larger IDAT chunks: fewer write callbacks and less chunk overhead.
        png_set_compression_buffer_size(png, 1 << 16)

        png_set_IHDR(png, info, UInt32(width), UInt32(height), 8,
                     opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE)
        png_write_info(png, info)

        if opaque {
            // Rows go straight from cairo's buffer: libpng reorders B, G, R and drops the
            // fourth byte (alpha, all 255) while filtering.
            if ARGB32Layout.isBGRA {
                png_set_bgr(png)
                png_set_filler(png, 0, PNG_FILLER_AFTER)
            } else {
                png_set_filler(png, 0, PNG_FILLER_BEFORE)
            }
            for y in 0..<height {
                png_write_row(png, pixels + y * stride)
            }
        } else {
            let row = UnsafeMutablePointer<UInt8>.allocate(capacity: width * 4)
            defer { row.deallocate() }
            for y in 0..<height {
                Unpremultiply.row(from: pixels + y * stride, to: row, width: width)
                png_write_row(png, row)
            }
        }
        png_write_end(png, nil)
        return sink.bytes
    }
}

/// Appends libpng's output to the `ByteSink` registered as the write function's io pointer.
private let pngWrite: png_rw_ptr = { png, data, length in
    guard let io = png_get_io_ptr(png), let data else { return }
    let sink = Unmanaged<ByteSink>.fromOpaque(io).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
}

/// Nothing to flush in memory.
private let pngFlush: png_flush_ptr = { _ in }

/// Reached only if libpng itself fails after the checks above (in practice: out of
/// memory). Returning would make libpng abort, and jumping is impossible without
/// `setjmp`, so stop with libpng's reason instead of a bare abort.
private let pngError: png_error_ptr = { _, message in
    let reason = message.map { String(cString: $0) } ?? "unknown error"
    fatalError("libpng failed while encoding an in-memory PNG: \(reason)")
}

/// Warnings do not affect the output; they are not printed.
private let pngWarning: png_error_ptr = { _, _ in }
