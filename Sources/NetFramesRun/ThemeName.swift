/// The colour themes a frame can be drawn in.
public enum ThemeName: String, Codable, CaseIterable, Sendable {
    /// Dark text on white: slides, print, most blogs.
    case light
    /// Light text on near-black: dark-mode pages and talks.
    case dark
    /// The light palette over a transparent background, for compositing onto slides.
    case transparent
}
