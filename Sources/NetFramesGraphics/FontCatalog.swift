import CCairo

/// Which installed font draws a requested family, as fontconfig (and so cairo) resolves
/// it, and which of the characters NetFrames draws it lacks.
///
/// Cairo's toy text API never fails on a family that is not installed: fontconfig hands
/// it the closest match, and characters that font lacks come out as empty boxes. This
/// says so up front, so a frame is never silently drawn in a font nobody asked for.
public struct FontResolution: Sendable, Equatable {
    /// The family asked for.
    public var requested: String
    /// The family that will draw the text; `nil` when no font is installed at all.
    public var resolved: String?
    /// Characters NetFrames draws that the resolved font has no glyph for.
    public var missing: [Character]

    /// Whether the requested family is the one that will draw.
    public var isExact: Bool {
        resolved.map { FontResolution.sameFamily($0, requested) } ?? false
    }

    static func sameFamily(_ a: String, _ b: String) -> Bool {
        let fold = { (s: String) in s.lowercased().filter { !$0.isWhitespace } }
        return fold(a) == fold(b)
    }
}

/// Fonts as fontconfig, and so cairo, sees them.
public enum FontCatalog {
    /// The characters frames use beyond ASCII: signs, arrows, subscripts, symbols.
    public static let frameCharacters: [Character] = Array("−→σδ⋮·×∞≈₀₁₂₃₄₅₆₇₈₉ŷ")
        + Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=+-.,:;()[]?%")

    /// How fontconfig resolves `family` (regular weight) on this machine.
    public static func resolve(_ family: String) -> FontResolution {
        var result = FontResolution(requested: family, resolved: nil, missing: [])
        guard FcInit() == FcTrue, let config = FcConfigGetCurrent(), let pattern = FcPatternCreate() else { return result }
        defer { FcPatternDestroy(pattern) }
        family.withCString { name in
            name.withMemoryRebound(to: FcChar8.self, capacity: family.utf8.count + 1) { _ = FcPatternAddString(pattern, FC_FAMILY, $0) }
        }
        FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var matchResult = FcResultNoMatch
        guard let match = FcFontMatch(config, pattern, &matchResult) else { return result }
        defer { FcPatternDestroy(match) }
        // A match with no file behind it is fontconfig's way of saying there are no fonts.
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch, file != nil else { return result }
        var name: UnsafeMutablePointer<FcChar8>?
        if FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch, let name {
            result.resolved = String(cString: name)
        }
        var charset: OpaquePointer?
        if FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) == FcResultMatch, let charset {
            result.missing = frameCharacters.filter { character in
                character.unicodeScalars.contains { FcCharSetHasChar(charset, FcChar32($0.value)) == FcFalse }
            }
        }
        return result
    }
}
