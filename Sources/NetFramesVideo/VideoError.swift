/// Why a video could not be made.
public enum VideoError: Error, Equatable, CustomStringConvertible, Sendable {
    /// No ffmpeg on the PATH (or at NETFRAMES_FFMPEG).
    case ffmpegMissing(searched: String)
    /// ffmpeg could not be started.
    case cannotStart(path: String, reason: String)
    /// ffmpeg stopped before it had all the frames, or failed at the end.
    case encoderFailed(output: String, status: Int32, framesSent: Int, message: String)
    /// The finished file could not be moved into place.
    case cannotSave(output: String, reason: String)

    /// The message the command prints, naming the file and ffmpeg's own last words.
    public var description: String {
        switch self {
        case let .ffmpegMissing(searched):
            return "ffmpeg is not installed (looked in \(searched)); it is needed for mp4, webm, gif and mov. "
                + "Install it with `sudo apt-get install ffmpeg`, or write frames with --format png, svg or pdf."
        case let .cannotStart(path, reason):
            return "could not start ffmpeg at \(path): \(reason)"
        case let .encoderFailed(output, status, framesSent, message):
            let detail = message.isEmpty ? "" : ": \(message)"
            return "\(output): ffmpeg stopped with status \(status) after \(framesSent) frame\(framesSent == 1 ? "" : "s")\(detail)"
        case let .cannotSave(output, reason):
            return "\(output): could not save the finished video (\(reason))"
        }
    }
}
