import CCairo

/// A scene drawn into pixels by `SceneRenderer.raster(_:scale:)`, ready to encode.
///
/// Holds cairo's image surface until it is released; encode it on the thread that
/// drew it, or hand it on whole (it is not shared while encoding).
public final class Raster {
    private let context: CairoContext
    private let opaque: Bool

    init(context: CairoContext, opaque: Bool) {
        self.context = context
        self.opaque = opaque
    }

    /// Width in pixels.
    public var width: Int { Int(cairo_image_surface_get_width(context.surface.pointer)) }
    /// Height in pixels.
    public var height: Int { Int(cairo_image_surface_get_height(context.surface.pointer)) }

    /// The pixels as a PNG: 8-bit RGB when the scene's background is opaque, else
    /// straight-alpha RGBA. The same pixels always give the same bytes.
    public func pngData(compression: PNGCompression = .fast) throws -> [UInt8] {
        let surface = context.surface.pointer
        return try PNGEncoder.encode(argb32: cairo_image_surface_get_data(surface)!,
                                     width: width, height: height,
                                     stride: Int(cairo_image_surface_get_stride(surface)),
                                     opaque: opaque, compression: compression)
    }
}
