import CCairo

/// A scene drawn into pixels by `SceneRenderer.raster(_:scale:)`, ready to encode.
///
/// Holds cairo's image surface until it is released; encode it on the thread that
/// drew it, or hand it on whole (it is not shared while encoding).
public final class Raster {
    private let context: CairoContext
    private let opaque: Bool
    /// The encoder's working memory, when a frame canvas lends its own.
    private let scratch: PNGScratch?

    init(context: CairoContext, opaque: Bool, scratch: PNGScratch? = nil) {
        self.context = context
        self.opaque = opaque
        self.scratch = scratch
    }

    /// Width in pixels.
    public var width: Int { Int(cairo_image_surface_get_width(context.surface.pointer)) }
    /// Height in pixels.
    public var height: Int { Int(cairo_image_surface_get_height(context.surface.pointer)) }

    /// The pixels as a PNG: 8-bit RGB when the scene's background is opaque, else
    /// straight-alpha RGBA. The same pixels always give the same bytes.
    ///
    /// - Parameters:
    ///   - title: stored as the PNG's `Title` text (iTXt), when not empty.
    ///   - description: stored as its `Description` text: the frame's text alternative.
    public func pngData(compression: PNGCompression = .fast, title: String = "", description: String = "") throws -> [UInt8] {
        try PNGEncoder.encode(argb32: pixels, width: width, height: height, stride: stride,
                              opaque: opaque, compression: compression,
                              text: [("Title", title), ("Description", description)], scratch: scratch)
    }

    /// The pixels as straight-alpha RGBA, for inspecting them.
    public func rgbaImage() -> RGBAImage {
        let width = self.width, height = self.height, stride = self.stride, pixels = self.pixels
        let bytes = [UInt8](unsafeUninitializedCapacity: width * height * 4) { buffer, count in
            for y in 0..<height {
                Unpremultiply.row(from: pixels + y * stride, to: buffer.baseAddress! + y * width * 4, width: width)
            }
            count = width * height * 4
        }
        return RGBAImage(width: width, height: height, bytes: bytes)
    }

    /// cairo's premultiplied ARGB32 pixels; valid while this raster lives (the methods
    /// that read them run on `self`, which keeps the surface alive).
    private var pixels: UnsafePointer<UInt8> {
        UnsafePointer(cairo_image_surface_get_data(context.surface.pointer)!)
    }

    private var stride: Int { Int(cairo_image_surface_get_stride(context.surface.pointer)) }
}
