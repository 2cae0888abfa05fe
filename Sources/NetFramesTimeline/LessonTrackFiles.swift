import Foundation

/// A lesson's subtitles and chapters written out: WebVTT and SubRip for players and
/// course pages, and ffmpeg's metadata text for the container's chapters.
///
/// Times are the frames' own (frame ÷ fps), rounded to the millisecond, so a cue
/// starts exactly when its caption appears on screen.
public struct LessonTrackFiles: Sendable {
    /// The cues, in order.
    public var cues: [SubtitleCue]
    /// The chapters, in order.
    public var chapters: [ChapterMark]
    /// Frames per second of the video.
    public var fps: Double

    /// The files of `track` for a video at `fps`.
    public init(track: LessonTrack, fps: Double) {
        self.init(cues: track.allCues, chapters: track.chapterMarks, fps: fps)
    }

    /// Files from cues and chapters.
    public init(cues: [SubtitleCue], chapters: [ChapterMark], fps: Double) {
        self.cues = cues
        self.chapters = chapters
        self.fps = fps
    }

    /// Milliseconds from the start to frame `frame`.
    func milliseconds(_ frame: Int) -> Int { Int((Double(frame) * 1000 / fps).rounded()) }

    /// `hh:mm:ss` then `separator` and the milliseconds.
    func timestamp(_ frame: Int, separator: Character) -> String {
        let ms = milliseconds(frame)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let millis = ms % 1000
        let m3 = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(two(ms / 3_600_000)):\(two(ms / 60_000 % 60)):\(two(ms / 1000 % 60))\(separator)\(m3)"
    }

    /// The subtitles as WebVTT (`NAME.vtt`), in `language` (a BCP 47 tag).
    public func webVTT(language: String) -> String {
        var text = "WEBVTT\nLanguage: \(language)\n"
        for (i, cue) in cues.enumerated() {
            text += "\n\(i + 1)\n\(timestamp(cue.start, separator: ".")) --> \(timestamp(cue.end, separator: "."))\n"
            text += cue.lines.map(LessonTrackFiles.cueText).joined(separator: "\n") + "\n"
        }
        return text
    }

    /// The subtitles as SubRip (`NAME.srt`).
    public var subRip: String {
        var text = ""
        for (i, cue) in cues.enumerated() {
            if i > 0 { text += "\n" }
            text += "\(i + 1)\n\(timestamp(cue.start, separator: ",")) --> \(timestamp(cue.end, separator: ","))\n"
            text += cue.lines.map(LessonTrackFiles.plainLine).joined(separator: "\n") + "\n"
        }
        return text
    }

    /// The chapters as WebVTT (`NAME.chapters.vtt`), for a player's chapter menu.
    public var chaptersVTT: String {
        var text = "WEBVTT\nKind: chapters\n"
        for (i, chapter) in chapters.enumerated() {
            text += "\nchapter-\(i + 1)\n\(timestamp(chapter.start, separator: ".")) --> "
                + "\(timestamp(chapter.end, separator: "."))\n\(LessonTrackFiles.cueText(chapter.title))\n"
        }
        return text
    }

    /// The chapters as ffmpeg's metadata file, which it writes into the container.
    public var ffmetadata: String {
        var text = ";FFMETADATA1\n"
        for chapter in chapters {
            text += "\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=\(milliseconds(chapter.start))\n"
                + "END=\(milliseconds(chapter.end))\ntitle=\(LessonTrackFiles.metadataEscaped(chapter.title))\n"
        }
        return text
    }

    /// A line as SubRip text: one line, and no "-->", which would start a cue.
    static func plainLine(_ line: String) -> String {
        line.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "-->", with: "→")
    }

    /// A line as WebVTT cue text: `plainLine`, with `&`, `<` and `>` as character references.
    static func cueText(_ line: String) -> String {
        plainLine(line)
            .replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A value in ffmpeg's metadata format: `=`, `;`, `#`, `\` and newlines escaped.
    static func metadataEscaped(_ value: String) -> String {
        var out = ""
        for c in value {
            if "=;#\\\n".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
