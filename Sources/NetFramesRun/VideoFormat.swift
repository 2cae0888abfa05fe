/// The single-file animation formats NetFrames writes through ffmpeg.
public enum VideoFormat: String, Codable, CaseIterable, Sendable {
    /// H.264 in MP4: plays everywhere; no transparency.
    case mp4
    /// VP9 in WebM: plays in browsers; keeps transparency (yuva420p).
    case webm
    /// Animated GIF through a generated palette; no partial transparency.
    case gif
    /// ProRes 4444 in QuickTime: for video editors; keeps transparency.
    case mov

    /// The file name extension: mp4, webm, gif or mov.
    public var fileExtension: String { rawValue }

    /// Whether the format can carry an alpha channel.
    public var supportsAlpha: Bool { self == .webm || self == .mov }
}

/// Encoder settings in the spirit of Manim's quality flags.
public enum VideoQuality: String, Codable, CaseIterable, Sendable {
    /// 854x480 at 15 fps, fast encoding: drafts.
    case low
    /// 1280x720 at 30 fps.
    case medium
    /// 1920x1080 at 60 fps.
    case high
    /// 3840x2160 at 60 fps.
    case fourK = "4k"

    /// The frame size the preset draws at.
    public var size: (width: Int, height: Int) {
        switch self {
        case .low: return (854, 480)
        case .medium: return (1280, 720)
        case .high: return (1920, 1080)
        case .fourK: return (3840, 2160)
        }
    }

    /// The frame rate the preset plays at.
    public var fps: Double {
        switch self {
        case .low: return 15
        case .medium: return 30
        case .high, .fourK: return 60
        }
    }
}
