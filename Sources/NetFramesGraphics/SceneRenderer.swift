import CCairo
import NetFramesScene

/// Turns scenes into PNG bytes, raw pixels, SVG and PDF documents with cairo.
///
/// A plain value that holds no cairo state: every call creates, uses and destroys its
/// own surface and context, so one renderer (or many) may be used from any number of
/// threads at once. Scene units map to pixels at `scale` for raster output, to CSS
/// pixels in SVG and to points in PDF.
public struct SceneRenderer: Sendable {
    /// A renderer. It has no settings yet; per-call choices are parameters.
    public init() {}

    /// The pixel size of `scene` at `scale`: `ceil(width · scale)` by `ceil(height · scale)`.
    ///
    /// Throws `GraphicsError.invalidCanvas` for sizes or scales that are not positive and
    /// finite, or whose pixel size would not fit cairo's 32-bit dimensions.
    public func pixelSize(of scene: Scene, scale: Double = 1) throws -> (width: Int, height: Int) {
        let width = (scene.width * scale).rounded(.up)
        let height = (scene.height * scale).rounded(.up)
        guard scale.isFinite, scale > 0, scene.width.isFinite, scene.height.isFinite,
              width >= 1, height >= 1, width <= Double(Int32.max), height <= Double(Int32.max) else {
            throw GraphicsError.invalidCanvas(width: scene.width, height: scene.height, scale: scale)
        }
        return (Int(width), Int(height))
    }

    /// `scene` rasterised at `scale` and encoded as a PNG.
    ///
    /// A scene whose background is fully opaque becomes an 8-bit RGB PNG, written row by
    /// row straight out of cairo's pixel buffer; any other scene becomes straight-alpha
    /// RGBA. The scene's title and summary (its text alternative) are stored as the
    /// PNG's `Title` and `Description` texts. The bytes hold no time stamp or other
    /// varying chunk, so the same scene always gives the same file.
    public func pngData(_ scene: Scene, scale: Double = 1, compression: PNGCompression = .fast) throws -> [UInt8] {
        try raster(scene, scale: scale).pngData(compression: compression, title: scene.title, description: scene.summary)
    }

    /// `scene` as `pngData(_:scale:compression:)` gives it, drawn on a canvas from
    /// `canvases` and encoded in that canvas's buffers, which then go back to the pool for
    /// the next frame. The bytes are exactly those of `pngData(_:scale:compression:)`; a
    /// render saves allocating and clearing a surface and the encoder's buffers per frame.
    public func pngData(_ scene: Scene, scale: Double = 1, compression: PNGCompression = .fast,
                        canvases: FrameCanvasPool) throws -> [UInt8] {
        let (width, height) = try imageSize(of: scene, scale: scale)
        let canvas = try canvases.take(width: width, height: height)
        defer { canvases.give(canvas) }
        return try pngData(scene, scale: scale, compression: compression, on: canvas)
    }

    /// Draws and encodes on `canvas`; its context is gone when this returns, before the
    /// canvas goes back to the pool.
    private func pngData(_ scene: Scene, scale: Double, compression: PNGCompression,
                         on canvas: FrameCanvas) throws -> [UInt8] {
        let context = try CairoContext(canvas.surface)
        var drawing = SceneDrawing(context: context, scale: scale, rasterStyle: .pixels)
        // A used canvas is cleared to exactly what a fresh, transparent surface gives.
        drawing.draw(scene, clearFirst: canvas.used)
        canvas.used = true
        try context.checkStatus()
        cairo_surface_flush(canvas.surface.pointer)
        guard cairo_image_surface_get_data(canvas.surface.pointer) != nil else {
            throw GraphicsError.drawing(kind: "image", cairoStatus: "cairo gave no pixel data")
        }
        return try Raster(context: context, opaque: (scene.background?.alpha ?? 0) >= 1, scratch: canvas.scratch)
            .pngData(compression: compression, title: scene.title, description: scene.summary)
    }

    /// `scene` drawn by cairo at `scale`, not yet encoded: the two halves of `pngData`,
    /// apart so that each can be timed (`netframes-bench render` reports them).
    public func raster(_ scene: Scene, scale: Double = 1) throws -> Raster {
        let context = try drawnImage(scene, scale: scale)
        guard cairo_image_surface_get_data(context.surface.pointer) != nil else {
            throw GraphicsError.drawing(kind: "image", cairoStatus: "cairo gave no pixel data")
        }
        return Raster(context: context, opaque: (scene.background?.alpha ?? 0) >= 1)
    }

    /// `scene` rasterised at `scale` as straight-alpha RGBA, for inspecting pixels.
    public func rasterize(_ scene: Scene, scale: Double = 1) throws -> RGBAImage {
        try raster(scene, scale: scale).rgbaImage()
    }

    /// Draws `scene` at `scale` into `buffer` as cairo holds pixels: premultiplied ARGB32
    /// (bytes B, G, R, A on little-endian machines), rows `width · 4` bytes apart, no padding.
    ///
    /// Meant for piping raw frames to a video encoder (`-pix_fmt bgra`). The buffer is
    /// resized to `width · height · 4` bytes, where the size is `pixelSize(of:scale:)`,
    /// and cairo draws directly into its storage, so reusing one buffer across frames
    /// allocates nothing after the first.
    public func renderBGRA(_ scene: Scene, scale: Double, into buffer: inout [UInt8]) throws {
        let (width, height) = try imageSize(of: scene, scale: scale)
        let stride = width * 4
        let count = stride * height
        if buffer.count != count {
            buffer = [UInt8](repeating: 0, count: count)
        }
        try buffer.withUnsafeMutableBufferPointer { pixels in
            let surface = try CairoSurface.image(over: pixels.baseAddress!, width: width, height: height,
                                                 stride: stride)
            let context = try CairoContext(surface)
            var drawing = SceneDrawing(context: context, scale: scale, rasterStyle: .pixels)
            drawing.draw(scene, clearFirst: true)
            try context.checkStatus()
            cairo_surface_flush(surface.pointer)
            // Releasing the context and surface here, inside the closure, guarantees
            // cairo is done with the buffer before Swift may move it.
            try surface.finish()
        }
    }

    /// `scene` as an SVG 1.1 document in pixel units, vector only.
    ///
    /// Texts become glyph outlines (the SVG needs no fonts), blocky rasters become
    /// rectangles and smooth ones an embedded PNG that viewers scale smoothly.
    /// The root element has a `viewBox` so the image scales, and `<title>` and `<desc>`
    /// from the scene's title and summary (when not empty) for screen readers. The bytes
    /// are deterministic.
    public func svgData(_ scene: Scene) throws -> [UInt8] {
        try checkVectorSize(scene)
        let surface = try CairoSurface.svg(width: scene.width, height: scene.height)
        try draw(scene, onVector: surface)
        return SVGPostProcessor.blogReady(surface.sink!.bytes, width: scene.width, height: scene.height,
                                          title: scene.title, summary: scene.summary)
    }

    /// `scene` as a one-page PDF (scene units are points), vector only, deterministic.
    public func pdfData(_ scene: Scene) throws -> [UInt8] {
        let document = PDFDocument()
        try document.addPage(scene)
        return try document.finish()
    }

    // MARK: Internals

    /// A fresh image surface of the scene's pixel size with the scene drawn on it, its
    /// drawing status checked and its pixels flushed for reading.
    private func drawnImage(_ scene: Scene, scale: Double) throws -> CairoContext {
        let (width, height) = try imageSize(of: scene, scale: scale)
        let context = try CairoContext(CairoSurface.image(width: width, height: height))
        var drawing = SceneDrawing(context: context, scale: scale, rasterStyle: .pixels)
        drawing.draw(scene, clearFirst: false)
        try context.checkStatus()
        cairo_surface_flush(context.surface.pointer)
        return context
    }

    /// The pixel size, checked against cairo's image limit before anything is allocated
    /// (cairo refuses image surfaces over 32767 pixels a side; without this check a huge
    /// scene would first make `renderBGRA` allocate its buffer).
    private func imageSize(of scene: Scene, scale: Double) throws -> (width: Int, height: Int) {
        let size = try pixelSize(of: scene, scale: scale)
        let cairoMaximum = 32767
        guard size.width <= cairoMaximum, size.height <= cairoMaximum else {
            throw GraphicsError.surfaceCreation(kind: "image", width: Double(size.width), height: Double(size.height),
                                                cairoStatus: cairoStatusText(CAIRO_STATUS_INVALID_SIZE))
        }
        return size
    }

    /// Draws onto an SVG or PDF surface and finishes it (which is when the document is written).
    private func draw(_ scene: Scene, onVector surface: CairoSurface) throws {
        do {
            let context = try CairoContext(surface)
            var drawing = SceneDrawing(context: context, scale: 1, rasterStyle: .rectangles)
            drawing.draw(scene, clearFirst: false)
            try context.checkStatus()
        }
        try surface.finish()
    }
}

/// Throws unless the scene's size is positive and finite (vector surfaces have no pixel limit).
func checkVectorSize(_ scene: Scene) throws {
    guard scene.width.isFinite, scene.height.isFinite, scene.width > 0, scene.height > 0 else {
        throw GraphicsError.invalidCanvas(width: scene.width, height: scene.height, scale: 1)
    }
}
