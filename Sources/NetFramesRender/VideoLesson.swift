import Foundation
import NetFramesFiles
import NetFramesRun
import NetFramesTimeline
import NetFramesVideo

/// What a video's lesson tracks are made of, decided before any frame is drawn: the
/// animation's chapters, and the subtitles' language (`nil` for no subtitles).
public struct VideoLessonPlan: Sendable, Hashable {
    /// The chapters, as the animation sets them.
    public var chapters: LessonChapters
    /// The subtitles' language; `nil` leaves them out.
    public var subtitles: SubtitleLanguage?

    /// A plan from its parts.
    public init(chapters: LessonChapters, subtitles: SubtitleLanguage?) {
        self.chapters = chapters
        self.subtitles = subtitles
    }

    /// The plan of an animation of a run of `iterations` steps.
    public init(animation: AnimationSettings, iterations: Int) {
        self.init(chapters: LessonChapters(settings: animation, iterations: iterations),
                  subtitles: animation.subtitles ? animation.subtitleLanguage : nil)
    }
}

/// A video's subtitles and chapters being made from its frames, in order, and written
/// when the video is: into the file (a soft subtitle stream and container chapters) and
/// beside it (`NAME.vtt`, `NAME.srt`, `NAME.chapters.vtt`).
///
/// Used by the video sink as frames are drawn, and by assembly from a sharded render's
/// manifest, so both give the same tracks.
struct VideoLesson {
    let plan: VideoLessonPlan
    /// The video's path.
    let video: String
    let fps: Double
    private(set) var track: LessonTrack

    init(plan: VideoLessonPlan, video: String, fps: Double) {
        self.plan = plan
        self.video = video
        self.fps = fps
        track = LessonTrack(chapters: plan.chapters)
    }

    /// Adds the next frame.
    mutating func append(iteration: Int, caption: [String]) {
        track.add(frame: track.frameCount, iteration: iteration, caption: caption)
    }

    /// The sidecar files' paths: `NAME.vtt`, `NAME.srt` and `NAME.chapters.vtt`.
    var sidecars: (vtt: String, srt: String, chapters: String) {
        let base = (video as NSString).deletingPathExtension
        return (base + ".vtt", base + ".srt", base + ".chapters.vtt")
    }

    /// Finishes `encoder` with the tracks in the file, then writes the sidecar files.
    ///
    /// - Returns: the sidecar files written.
    func finish(_ encoder: FFmpegEncoder) throws -> [String] {
        guard encoder.command.carriesTracks else {
            try encoder.finish()
            return []
        }
        let files = LessonTrackFiles(track: track, fps: fps)
        let folder = (video as NSString).deletingLastPathComponent
        let hidden = "\(folder.isEmpty ? "." : folder)/.\((video as NSString).lastPathComponent).tracks-\(getpid())"
        let subtitleFile = plan.subtitles.map { _ in hidden + ".vtt" }, chapterFile = hidden + ".ffmeta"
        defer {
            if let subtitleFile { unlink(subtitleFile) }
            unlink(chapterFile)
        }
        do {
            if let subtitleFile, let language = plan.subtitles {
                try AtomicFileWriter.write(Array(files.webVTT(language: language.tag).utf8), to: subtitleFile)
            }
            try AtomicFileWriter.write(Array(files.ffmetadata.utf8), to: chapterFile)
        } catch {
            encoder.abandon()
            throw error
        }
        try encoder.finish(tracks: VideoTracks(subtitles: subtitleFile, language: plan.subtitles?.containerCode ?? "und",
                                               chapters: files.chapters.isEmpty ? nil : chapterFile))
        var written: [String] = []
        if let language = plan.subtitles {
            try AtomicFileWriter.write(Array(files.webVTT(language: language.tag).utf8), to: sidecars.vtt)
            try AtomicFileWriter.write(Array(files.subRip.utf8), to: sidecars.srt)
            written += [sidecars.vtt, sidecars.srt]
        }
        try AtomicFileWriter.write(Array(files.chaptersVTT.utf8), to: sidecars.chapters)
        return written + [sidecars.chapters]
    }
}
