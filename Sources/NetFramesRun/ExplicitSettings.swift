/// The settings a run file gave itself, as against those left to their defaults.
///
/// A video quality preset (`--quality`, `animation.quality`) sets the canvas size and
/// frame rate only where neither the command line nor the run file did: the one
/// precedence rule is command-line flag, then run file, then preset, then default.
public struct ExplicitSettings: OptionSet, Sendable, Hashable {
    /// The raw bits.
    public let rawValue: Int
    /// A set from its raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `render.width`.
    public static let width = ExplicitSettings(rawValue: 1 << 0)
    /// `render.height`.
    public static let height = ExplicitSettings(rawValue: 1 << 1)
    /// `animation.fps`.
    public static let fps = ExplicitSettings(rawValue: 1 << 2)
}
