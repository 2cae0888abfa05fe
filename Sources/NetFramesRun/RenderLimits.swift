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

    /// A frame's size in pixels, as the renderers round it.
    public static func pixelSize(_ style: DiagramStyle) -> (width: Int, height: Int) {
        (Int((style.width * style.scale).rounded(.up)), Int((style.height * style.scale).rounded(.up)))
    }
}
