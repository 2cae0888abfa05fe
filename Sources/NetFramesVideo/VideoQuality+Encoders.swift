import NetFramesRun

/// The encoder settings each quality preset stands for.
extension VideoQuality {
    /// x264 preset and constant-rate factor.
    var x264: (preset: String, crf: Int) {
        switch self {
        case .low: return ("veryfast", 26)
        case .medium: return ("medium", 20)
        case .high, .fourK: return ("medium", 18)
        }
    }

    /// VP9 constant quality, deadline and speed. libvpx's "good" deadline caps its
    /// speed at 5 and encoded a 1280x720 diagram at about 5 frames/s here; "realtime" at
    /// speed 8 ran 7x faster for files about a third larger, so drafts and the default
    /// use it and the high presets keep "good".
    var vp9: (crf: Int, deadline: String, cpuUsed: Int) {
        switch self {
        case .low: return (40, "realtime", 8)
        case .medium: return (33, "realtime", 8)
        case .high, .fourK: return (30, "good", 4)
        }
    }
}
