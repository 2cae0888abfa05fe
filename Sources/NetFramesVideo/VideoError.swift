/// Why a video could not be made.
public enum VideoError: Error, Equatable, CustomStringConvertible, Sendable {
    /// No ffmpeg on the PATH (or at NETFRAMES_FFMPEG).
    case ffmpegMissing(searched: String)
    /// ffmpeg could not be started.
    case cannotStart(path: String, reason: String)
    /// ffmpeg stopped before it had all the frames, or failed at the end. A negative
    /// status is the signal that killed it.
    case encoderFailed(output: String, status: Int32, framesSent: Int, message: String)
    /// The finished file could not be moved into place.
    case cannotSave(output: String, reason: String)
    /// Nothing can be written where the video goes (a read-only or full disk, say).
    case cannotWrite(output: String, reason: String)

    /// Whether the video failed because its file could not be written, rather than
    /// because of ffmpeg: a full or read-only disk, a folder in the way.
    public var isOutputFailure: Bool {
        switch self {
        case .cannotSave, .cannotWrite: return true
        case .encoderFailed: return writeFailure != nil
        case .ffmpegMissing, .cannotStart: return false
        }
    }

    /// The system's reason, when ffmpeg failed because it could not write the file.
    private var writeFailure: String? {
        guard case let .encoderFailed(_, _, _, message) = self else { return nil }
        return ["No space left on device", "Read-only file system", "Disk quota exceeded", "File too large"]
            .first { message.contains($0) }
    }

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
            let how = status < 0 ? "was killed by signal \(-status)" : "stopped with status \(status)"
            let lead = writeFailure.map { "could not write the video (\($0)): " } ?? ""
            return "\(output): \(lead)ffmpeg \(how) after \(framesSent) frame\(framesSent == 1 ? "" : "s")\(detail)"
        case let .cannotSave(output, reason):
            return "\(output): could not save the finished video (\(reason))"
        case let .cannotWrite(output, reason):
            return "\(output): cannot write the video there (\(reason))"
        }
    }
}
