import NetFramesScene

/// Colours for text drawn straight on the canvas, such as the caption's coloured numbers:
/// a theme's hues are chosen for lines and fills, and some (light orange, cyan) are too
/// pale to read as thin glyphs on white.
extension Theme {
    /// The contrast every coloured text keeps against the canvas (WCAG AA for text).
    public static let textContrast = 4.5

    /// What text on the canvas is read against: the background, or white for the
    /// transparent theme, whose palette is the light one.
    public var textGround: Color {
        if let background, background.alpha > 0 { return background }
        return .white
    }

    /// `color`, moved towards the theme's text colour just far enough (in steps of 5%)
    /// to keep `textContrast` against the canvas; unchanged when it already does.
    public func legible(_ color: Color) -> Color {
        let ground = textGround
        let opaque = color.withAlpha(1)
        for step in 0...20 {
            let candidate = opaque.mixed(with: text.withAlpha(1), Double(step) / 20)
            if candidate.contrastRatio(with: ground) >= Theme.textContrast { return candidate }
        }
        return text
    }

    /// The hue of a value's sign, as its connection or neuron shows it: positive or
    /// negative, and `neutral` for zero or a value that is not a number.
    public func signHue(_ value: Double, neutral: Color) -> Color {
        guard value.isFinite, value != 0 else { return neutral }
        return value > 0 ? positive : negative
    }
}
