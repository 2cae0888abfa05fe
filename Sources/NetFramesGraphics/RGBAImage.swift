import CPNG

/// A bitmap of 8-bit straight-alpha RGBA pixels, rows top to bottom with no padding.
///
/// What `SceneRenderer.rasterize` returns and what `init(pngData:)` reads, so tests can
/// compare pixels from our renderer, our PNGs and other programs' PNGs alike.
public struct RGBAImage: Sendable, Equatable {
    /// Pixels per row.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// `width · height · 4` bytes: R, G, B, A for each pixel, row by row.
    public let bytes: [UInt8]

    /// An image over existing bytes.
    ///
    /// - Precondition: `bytes.count == width * height * 4`.
    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(width >= 0 && height >= 0 && bytes.count == width * height * 4,
                     "RGBAImage needs width·height·4 bytes")
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// The pixel at column `x`, row `y` (0,0 is the top left).
    ///
    /// - Precondition: the coordinates lie inside the image.
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside \(width)x\(height)")
        let i = (y * width + x) * 4
        return (bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3])
    }

    /// Decodes a PNG of any colour type and bit depth to 8-bit straight-alpha RGBA.
    ///
    /// Uses libpng's simplified read API, which handles its errors inside C and reports
    /// them as a message, so a malformed file becomes a `GraphicsError.pngDecoding`.
    /// Colour values are passed through as stored (no gamma correction is needed for
    /// PNGs without a gAMA chunk, like ours and cairo's).
    public init(pngData: [UInt8]) throws {
        // libpng's memory reader keeps both the bytes' address and the png_image's own (as
        // its io pointer) and reads through them until `png_image_finish_read`, so every
        // call happens inside closures that pin both: a pointer must not outlive its
        // closure (in optimised builds the bytes may be gone).
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let decoded: Result<(Int, Int, [UInt8]), GraphicsError> = pngData.withUnsafeBytes { raw in
            withUnsafeMutablePointer(to: &image) { image in
                guard png_image_begin_read_from_memory(image, raw.baseAddress, raw.count) != 0 else {
                    return .failure(.pngDecoding(Self.message(of: &image.pointee)))
                }
                image.pointee.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)  // PNG_FORMAT_RGBA
                let width = Int(image.pointee.width)
                let height = Int(image.pointee.height)
                var pixels = [UInt8](repeating: 0, count: width * height * 4)
                let finished = pixels.withUnsafeMutableBytes { out in
                    png_image_finish_read(image, nil, out.baseAddress, Int32(width * 4), nil)
                }
                guard finished != 0 else {
                    let reason = Self.message(of: &image.pointee)
                    png_image_free(image)
                    return .failure(.pngDecoding(reason))
                }
                return .success((width, height, pixels))
            }
        }
        let (width, height, pixels) = try decoded.get()
        self.init(width: width, height: height, bytes: pixels)
    }

    /// The NUL-terminated message libpng left in `image.message`.
    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? "libpng gave no reason" : text
        }
    }
}
