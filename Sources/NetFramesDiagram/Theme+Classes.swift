import NetFramesScene

/// Colours that tell classes apart, for panels of three or more classes.
///
/// The palettes follow Okabe and Ito's colour-blind-safe set (orange, blue, bluish green,
/// reddish purple, yellow, vermillion, sky blue), starting with the theme's own negative
/// and positive hues so that classes 1 and 2 read as in a two-class panel. Each theme's
/// set is tuned to its ground: darker on white (projector the strongest), lighter on the
/// dark theme. Beyond the palette's length the colours repeat.
extension Theme {
    /// The colour of class `index` (from 0) among `count` classes: the negative and positive
    /// hues for two classes (class 1 positive, as a single output ≥ 0.5), else `classes`.
    public func classColor(_ index: Int, of count: Int) -> Color {
        if count <= 2 { return index >= 1 ? positive : negative }
        guard !classes.isEmpty else { return index % 2 == 1 ? positive : negative }
        return classes[((index % classes.count) + classes.count) % classes.count]
    }

    /// On white: the light theme's orange and blue, then Okabe–Ito hues darkened to hold
    /// at least 2.5:1 against white, so every dot and region reads.
    static let lightClasses: [Color] = [
        Color(hex: 0xD9650A), Color(hex: 0x0877BD), Color(hex: 0x008F68), Color(hex: 0xB8509A),
        Color(hex: 0xB59600), Color(hex: 0x7A4FB8), Color(hex: 0x3C9BD0), Color(hex: 0x6B7280),
    ]

    /// On the dark ground: the dark theme's orange and blue, then lighter Okabe–Ito hues.
    static let darkClasses: [Color] = [
        Color(hex: 0xFF9F43), Color(hex: 0x4FB3FF), Color(hex: 0x34D399), Color(hex: 0xF08AD0),
        Color(hex: 0xF0E442), Color(hex: 0xB79CFF), Color(hex: 0x9AD6FF), Color(hex: 0xC7CCD4),
    ]

    /// For a projector's wash-out: the projector theme's orange and blue, then strong hues.
    static let projectorClasses: [Color] = [
        Color(hex: 0xD14D00), Color(hex: 0x0055D4), Color(hex: 0x007A55), Color(hex: 0xA8328A),
        Color(hex: 0x9A7B00), Color(hex: 0x6A2FB8), Color(hex: 0x1F8AC0), Color(hex: 0x4B5563),
    ]
}
