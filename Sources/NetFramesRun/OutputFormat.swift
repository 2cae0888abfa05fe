
/// Every format NetFrames writes: still frames, one animation file, or one HTML page
/// that plays the stills.
public enum OutputFormat: String, Codable, CaseIterable, Sendable {
    /// A PNG still per snapshot.
    case png
    /// An SVG still per snapshot.
    case svg
    /// A PDF still per snapshot, or one PDF with a page per snapshot.
    case pdf
    /// An H.264 animation.
    case mp4
    /// A VP9 animation, transparency kept.
    case webm
    /// An animated GIF.
    case gif
    /// A ProRes 4444 animation, transparency kept.
    case mov
    /// One self-contained HTML page that plays the stills, with Forward and Backprop buttons.
    case html

    /// The still-frame format, for png, svg and pdf.
    public var frameFormat: FrameFormat? { FrameFormat(rawValue: rawValue) }

    /// The video format, for mp4, webm, gif and mov.
    public var videoFormat: VideoFormat? { VideoFormat(rawValue: rawValue) }
}
