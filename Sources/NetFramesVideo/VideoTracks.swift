import Foundation

/// What a finished video carries besides its pictures: a soft subtitle stream and
/// container chapters, from files made beside it.
///
/// ffmpeg encodes the pictures first; the tracks are then added by a second, copying
/// pass (`-c copy`), which costs a small fraction of the encode and keeps the bytes
/// deterministic.
public struct VideoTracks: Sendable, Hashable {
    /// A WebVTT file of the subtitles, or `nil` for none.
    public var subtitles: String?
    /// The subtitles' language as containers store it: an ISO 639-2 code ("eng").
    public var language: String
    /// An ffmpeg metadata file of the chapters, or `nil` for none.
    public var chapters: String?

    /// Tracks from their files.
    public init(subtitles: String?, language: String, chapters: String?) {
        self.subtitles = subtitles
        self.language = language
        self.chapters = chapters
    }

    /// Whether there is anything to add.
    public var isEmpty: Bool { subtitles == nil && chapters == nil }
}

extension FFmpegCommand {
    /// Whether the container holds subtitles and chapters: MP4, MOV and WebM do, a GIF does not.
    public var carriesTracks: Bool { format != .gif }

    /// The copying pass that adds `tracks` to the encoded `video`, writing `output`:
    /// the pictures as they are, the subtitles as mov_text (MP4, MOV) or WebVTT (WebM).
    public func trackArguments(video: String, tracks: VideoTracks, output: String) -> [String] {
        var args = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", video]
        var next = 1
        var subtitleInput: Int?, chapterInput: Int?
        if let subtitles = tracks.subtitles {
            args += ["-f", "webvtt", "-i", subtitles]
            subtitleInput = next
            next += 1
        }
        if let chapters = tracks.chapters {
            args += ["-f", "ffmetadata", "-i", chapters]
            chapterInput = next
        }
        args += ["-map", "0:v"]
        if let subtitleInput { args += ["-map", "\(subtitleInput):s"] }
        // Chapters (and no other metadata) from the chapter file; none when there is none.
        args += ["-map_metadata", chapterInput.map(String.init) ?? "-1", "-map_chapters", chapterInput.map(String.init) ?? "-1"]
        args += ["-c", "copy"]
        if subtitleInput != nil {
            args += ["-c:s", format == .webm ? "webvtt" : "mov_text", "-metadata:s:s:0", "language=\(tracks.language)"]
        }
        switch format {
        case .mp4: args += ["-movflags", "+faststart", "-f", "mp4"]
        case .mov: args += ["-f", "mov"]
        case .webm: args += ["-f", "webm"]
        case .gif: args += ["-f", "gif"]
        }
        return args + ["-fflags", "+bitexact", output]
    }
}
