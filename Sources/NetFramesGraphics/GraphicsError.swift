/// Everything that can go wrong turning a scene into pixels or a document.
///
/// Cairo failures carry cairo's own wording (from `cairo_status_to_string`) and say
/// which step failed, so a message such as "could not create a 1280x720 image surface:
/// out of memory" is enough to act on without a debugger.
public enum GraphicsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The scene's size or the requested scale does not describe a drawable canvas
    /// (zero, negative, not finite, or more pixels than an `Int32` can count).
    case invalidCanvas(width: Double, height: Double, scale: Double)
    /// Cairo refused to create a surface; `kind` is "image", "SVG" or "PDF".
    case surfaceCreation(kind: String, width: Double, height: Double, cairoStatus: String)
    /// Cairo reported an error after drawing a scene onto a surface.
    case drawing(kind: String, cairoStatus: String)
    /// Cairo could not complete a document (an SVG or PDF is written only when finished).
    case finishing(kind: String, cairoStatus: String)
    /// A PNG could not be encoded; the payload says why.
    case pngEncoding(String)
    /// Bytes could not be decoded as a PNG; the payload is libpng's message.
    case pngDecoding(String)
    /// A page was added to, or bytes were asked of, a PDF document that has already been finished.
    case documentAlreadyFinished
    /// A PDF document was finished without any page.
    case documentHasNoPages

    /// One sentence saying what failed and why, fit for an error message to a user.
    public var description: String {
        switch self {
        case let .invalidCanvas(width, height, scale):
            return "cannot draw a \(formatted(width))x\(formatted(height)) scene at scale \(formatted(scale)): "
                + "size and scale must be positive and finite, and the pixel size must fit in 32 bits"
        case let .surfaceCreation(kind, width, height, status):
            return "could not create a \(formatted(width))x\(formatted(height)) \(kind) surface: \(status)"
        case let .drawing(kind, status):
            return "drawing on the \(kind) surface failed: \(status)"
        case let .finishing(kind, status):
            return "could not finish the \(kind) document: \(status)"
        case let .pngEncoding(message):
            return "could not encode the PNG: \(message)"
        case let .pngDecoding(message):
            return "could not decode the PNG: \(message)"
        case .documentAlreadyFinished:
            return "the PDF document has already been finished; create a new one for more pages"
        case .documentHasNoPages:
            return "the PDF document has no pages; add at least one scene before finishing it"
        }
    }
}

/// A size for messages: integral values without a fractional part ("1280", not "1280.0").
private func formatted(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return String(value)
}
