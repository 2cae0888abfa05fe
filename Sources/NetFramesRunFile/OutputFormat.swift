import NetFramesScene
import NetFramesVideo

/// Every format NetFrames writes: still frames, or one animation file.
public enum OutputFormat: String, Codable, CaseIterable, Sendable {
    case png, svg, pdf, mp4, webm, gif, mov

    /// The still-frame format, for png, svg and pdf.
    public var frameFormat: FrameFormat? { FrameFormat(rawValue: rawValue) }

    /// The video format, for mp4, webm, gif and mov.
    public var videoFormat: VideoFormat? { VideoFormat(rawValue: rawValue) }
}
