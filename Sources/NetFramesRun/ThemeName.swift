/// The colour themes a frame can be drawn in.
public enum ThemeName: String, Codable, CaseIterable, Sendable {
    /// Dark text on white: slides, print, most blogs.
    case light
    /// Light text on near-black: dark-mode pages and talks.
    case dark
    /// The light palette over a transparent background, for compositing onto slides.
    case transparent
    /// For lecture halls: near-black text and strong hues on pure white, thicker lines,
    /// no text smaller than 2.2% of the frame's height (a text that would have to be
    /// drawn smaller to fit is left out), and two decimals unless digits are set.
    case projector

    /// The decimals printed when the style does not set its own: 2 for `projector`
    /// (larger text leaves room for fewer digits), 3 for the others.
    public var defaultDigits: Int {
        self == .projector ? 2 : 3
    }
}
