/// The canvas sizes NetFrames accepts; `Limits` holds the ones `--allow-large` lifts.
public enum RenderLimits {
    /// The shortest side of a canvas, in pixels.
    public static let smallestSide = 16
    /// The longest side of a frame in pixels: cairo draws no larger image.
    public static let largestSide = 32767
    /// Pixel densities allowed.
    public static let scale = 0.25...8.0
    /// `scale` in words, for messages.
    public static let scaleText = "a number from 0.25 to 8"
    /// Decimals a number may be printed with.
    public static let digits = 0...8
    /// Frame rates of an animation.
    public static let fps = 1.0...240.0
    /// `fps` in words, for messages.
    public static let fpsText = "a frame rate from 1 to 240"
    /// The longest font family name, in characters.
    public static let fontFamilyLength = 100
    /// The most frames drawn at once: each holds a canvas in memory.
    public static let maxJobs = 256
}
