import NetFramesGraphics

/// Says, once and before drawing, which font will really draw the frames when it is not
/// the one asked for, or which characters it lacks; refuses to draw with no font at all.
///
/// - Throws: `NoFontError` when fontconfig knows no font, so every text would be invisible.
func checkFont(_ family: String) throws {
    let font = FontCatalog.resolve(family)
    guard let resolved = font.resolved else { throw NoFontError(requested: family) }
    if !font.isExact {
        note("warning: the font \"\(family)\" is not installed; drawing with \"\(resolved)\" instead "
            + "(`fc-list : family` lists the installed fonts)")
    }
    if !font.missing.isEmpty {
        note("warning: \"\(resolved)\" has no glyph for \(font.missing.map { "'\($0)'" }.joined(separator: " ")); "
            + "those characters will show as boxes (DejaVu Sans has them all)")
    }
}

/// No font is installed that fontconfig can find.
struct NoFontError: Error, CustomStringConvertible {
    var requested: String
    var description: String {
        "no font is installed to draw the frames' text (fontconfig found none for \"\(requested)\"); "
            + "install one with `sudo apt-get install fonts-dejavu-core`"
    }
}
