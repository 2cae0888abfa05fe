import CCairo
import NetFramesScene

/// The one way text is set up on any cairo context, shared by drawing and measuring so
/// that a measured extent is exactly what the drawing uses.
///
/// Metric hinting is off and outline hinting is none: advances and font extents then
/// scale linearly with the transformation, so a label measured once in scene units has
/// the same width in a PNG at scale 1 or 2, in the SVG and in the PDF. Glyphs are
/// antialiased in grey (never subpixel colour fringes, whatever fontconfig says).
enum TextSetup {
    /// Applies the shared font options to a context.
    static func applyOptions(to cr: OpaquePointer) {
        guard let options = cairo_font_options_create() else { return }
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }
}

/// Whether cairo can use `font` at all: a size that is zero, negative or not finite
/// would put the context into a permanent error state (a singular font matrix).
func isUsable(_ font: Font) -> Bool {
    font.size.isFinite && font.size > 0
}

/// The font a context currently has selected, so a run of texts in the same font
/// selects the face and reads the font extents only once.
struct FontState {
    private var family: String?
    private var bold = false
    private var italic = false
    private var size = -1.0
    /// The selected font's ascent and descent in user units.
    private(set) var ascent = 0.0
    private(set) var descent = 0.0

    /// Makes `font` the context's font, touching cairo only for what changed.
    mutating func select(_ font: Font, on cr: OpaquePointer) {
        var changed = false
        if family != font.family || bold != font.bold || italic != font.italic {
            // Italic asks fontconfig for the family's italic or oblique face ("DejaVu Sans
            // Oblique"); a family with neither gets a slanted upright face from cairo.
            font.family.withCString { name in
                cairo_select_font_face(cr, name, font.italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                                       font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            }
            family = font.family
            bold = font.bold
            italic = font.italic
            changed = true
        }
        if size != font.size {
            cairo_set_font_size(cr, font.size)
            size = font.size
            changed = true
        }
        if changed {
            var extents = cairo_font_extents_t()
            cairo_font_extents(cr, &extents)
            ascent = extents.ascent
            descent = extents.descent
        }
    }

    /// The advance width of a NUL-terminated UTF-8 string in the selected font.
    func advance(of string: UnsafePointer<CChar>, on cr: OpaquePointer) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, string, &extents)
        return extents.x_advance
    }

    /// The extent of a NUL-terminated UTF-8 string in the selected font.
    func extent(of string: UnsafePointer<CChar>, on cr: OpaquePointer) -> TextExtent {
        TextExtent(width: advance(of: string, on: cr), ascent: ascent, descent: descent)
    }
}
