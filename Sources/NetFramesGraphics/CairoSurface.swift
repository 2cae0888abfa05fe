import CCairo

/// Cairo's description of a status, e.g. "out of memory".
func cairoStatusText(_ status: cairo_status_t) -> String {
    String(cString: cairo_status_to_string(status))
}

/// Bytes a cairo stream surface writes, collected in memory.
///
/// Cairo calls the write function with the sink as its closure pointer; the sink lives
/// at least as long as the surface that writes into it (the surface holds it).
final class ByteSink {
    var bytes: [UInt8] = []

    /// The pointer cairo hands back to the write function.
    var closurePointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}

/// One cairo surface, destroyed when the last reference goes away.
///
/// Not `Sendable`: a surface belongs to the call that created it. Every render creates
/// its own, which is what makes concurrent rendering safe.
final class CairoSurface {
    let pointer: OpaquePointer
    /// What kind of surface this is, for messages ("image", "SVG", "PDF").
    let kind: String
    /// For stream surfaces, where the document's bytes go. Released after the surface,
    /// because `deinit` runs before stored properties are released.
    let sink: ByteSink?

    private init(pointer: OpaquePointer, kind: String, sink: ByteSink?) {
        self.pointer = pointer
        self.kind = kind
        self.sink = sink
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    /// Wraps a freshly created surface, or throws cairo's reason if creation failed.
    private static func checked(_ pointer: OpaquePointer?, kind: String, width: Double, height: Double,
                                sink: ByteSink?) throws -> CairoSurface {
        guard let pointer else {
            throw GraphicsError.surfaceCreation(kind: kind, width: width, height: height,
                                                cairoStatus: cairoStatusText(CAIRO_STATUS_NO_MEMORY))
        }
        let status = cairo_surface_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(pointer)
            throw GraphicsError.surfaceCreation(kind: kind, width: width, height: height,
                                                cairoStatus: cairoStatusText(status))
        }
        return CairoSurface(pointer: pointer, kind: kind, sink: sink)
    }

    /// A cleared ARGB32 image surface whose pixels cairo allocates.
    static func image(width: Int, height: Int) throws -> CairoSurface {
        try checked(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)),
                    kind: "image", width: Double(width), height: Double(height), sink: nil)
    }

    /// An ARGB32 image surface drawing straight into `data`, which must hold
    /// `stride · height` bytes and outlive the surface.
    static func image(over data: UnsafeMutablePointer<UInt8>, width: Int, height: Int,
                      stride: Int) throws -> CairoSurface {
        try checked(cairo_image_surface_create_for_data(data, CAIRO_FORMAT_ARGB32, Int32(width),
                                                        Int32(height), Int32(stride)),
                    kind: "image", width: Double(width), height: Double(height), sink: nil)
    }

    /// An SVG 1.1 surface in pixel units whose document collects in memory.
    static func svg(width: Double, height: Double) throws -> CairoSurface {
        let sink = ByteSink()
        let surface = try checked(
            cairo_svg_surface_create_for_stream(streamWriter, sink.closurePointer, width, height),
            kind: "SVG", width: width, height: height, sink: sink)
        cairo_svg_surface_restrict_to_version(surface.pointer, CAIRO_SVG_VERSION_1_1)
        cairo_svg_surface_set_document_unit(surface.pointer, CAIRO_SVG_UNIT_PX)
        return surface
    }

    /// A PDF surface (one scene unit is one point) whose document collects in memory.
    static func pdf(width: Double, height: Double) throws -> CairoSurface {
        let sink = ByteSink()
        return try checked(
            cairo_pdf_surface_create_for_stream(streamWriter, sink.closurePointer, width, height),
            kind: "PDF", width: width, height: height, sink: sink)
    }

    /// Writes out everything pending (for SVG and PDF: the whole document) and checks
    /// that cairo succeeded.
    func finish() throws {
        cairo_surface_finish(pointer)
        let status = cairo_surface_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw GraphicsError.finishing(kind: kind, cairoStatus: cairoStatusText(status))
        }
    }
}

/// Appends what a stream surface writes to the `ByteSink` passed as its closure.
private let streamWriter: cairo_write_func_t = { closure, data, length in
    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    if let data, length > 0 {
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    }
    return CAIRO_STATUS_SUCCESS
}

/// One cairo drawing context, destroyed when released. Keeps its surface alive.
final class CairoContext {
    let pointer: OpaquePointer
    let surface: CairoSurface

    init(_ surface: CairoSurface) throws {
        let pointer = cairo_create(surface.pointer)!
        let status = cairo_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(pointer)
            throw GraphicsError.drawing(kind: surface.kind, cairoStatus: cairoStatusText(status))
        }
        self.pointer = pointer
        self.surface = surface
    }

    deinit {
        cairo_destroy(pointer)
    }

    /// Throws if any drawing call so far put the context into an error state.
    func checkStatus() throws {
        let status = cairo_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw GraphicsError.drawing(kind: surface.kind, cairoStatus: cairoStatusText(status))
        }
    }
}
