import CCairo
import NetFramesScene

/// A multi-page PDF built in memory, one scene per page.
///
/// Pages may differ in size; one scene unit is one point. The document's title is the
/// first page's scene title, and its creation and modification dates are fixed, so the
/// same scenes always give the same bytes.
///
/// A document is used from one thread at a time (it is not `Sendable`); separate
/// documents may be built concurrently.
public final class PDFDocument {
    /// The date written as the document's creation and modification date (ISO 8601).
    ///
    /// Fixed so that the same scenes always give the same bytes; cairo would otherwise
    /// write the current time.
    public static let fixedDate = "2000-01-01T00:00:00Z"

    private var surface: CairoSurface?
    private var pageSize: (width: Double, height: Double)?
    private var pages = 0
    private var finished = false

    /// An empty document; the page size comes from each scene added.
    public init() {}

    /// The number of pages added so far.
    public var pageCount: Int { pages }

    /// Draws `scene` as the next page.
    ///
    /// Throws `GraphicsError.documentAlreadyFinished` after `finish()`, or a cairo error.
    /// After a cairo error the document cannot be finished successfully.
    public func addPage(_ scene: Scene) throws {
        guard !finished else { throw GraphicsError.documentAlreadyFinished }
        try checkVectorSize(scene)
        let surface: CairoSurface
        if let existing = self.surface {
            surface = existing
            if pageSize.map({ $0.width != scene.width || $0.height != scene.height }) ?? true {
                cairo_pdf_surface_set_size(surface.pointer, scene.width, scene.height)
            }
        } else {
            surface = try CairoSurface.pdf(width: scene.width, height: scene.height)
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATE_DATE, Self.fixedDate)
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_MOD_DATE, Self.fixedDate)
            if !scene.title.isEmpty {
                cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_TITLE, scene.title)
            }
            // The first page's text alternative: a still's whole description.
            if !scene.summary.isEmpty {
                cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_SUBJECT, scene.summary)
            }
            self.surface = surface
        }
        pageSize = (scene.width, scene.height)

        let context = try CairoContext(surface)
        var drawing = SceneDrawing(context: context, scale: 1, rasterStyle: .rectangles)
        drawing.draw(scene, clearFirst: false)
        cairo_show_page(context.pointer)
        try context.checkStatus()
        pages += 1
    }

    /// Completes the document and returns its bytes. The document is then closed.
    ///
    /// Throws `GraphicsError.documentHasNoPages` if no page was added.
    public func finish() throws -> [UInt8] {
        guard !finished else { throw GraphicsError.documentAlreadyFinished }
        guard let surface, pages > 0 else { throw GraphicsError.documentHasNoPages }
        finished = true
        try surface.finish()
        let bytes = surface.sink!.bytes
        self.surface = nil
        return bytes
    }
}
