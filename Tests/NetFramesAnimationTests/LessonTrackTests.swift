import Foundation
import Testing
import NetFramesRun
@testable import NetFramesTimeline

/// Subtitles and chapters made from a run of frames, and their files.
@Suite("Lesson tracks")
struct LessonTrackTests {
    /// Feeds frames given as (iteration, caption) pairs.
    static func track(_ frames: [(Int, [String])], chapters: LessonChapters = LessonChapters(spans: []),
                      maxStepChapters: Int = 30) -> LessonTrack {
        var track = LessonTrack(chapters: chapters, maxStepChapters: maxStepChapters)
        for (i, frame) in frames.enumerated() { track.add(frame: i, iteration: frame.0, caption: frame.1) }
        return track
    }

    @Test("one cue per caption: from where it appears to where it changes; an empty caption is no cue")
    func cues() {
        let a = ["Forward pass.", "z = 1"], b = ["Cost.", "L = 0.5"]
        let track = Self.track([(0, a), (0, a), (0, a), (0, b), (0, b), (0, []), (1, a), (1, a)])
        #expect(track.allCues == [SubtitleCue(start: 0, end: 3, lines: a), SubtitleCue(start: 3, end: 5, lines: b),
                                  SubtitleCue(start: 6, end: 8, lines: a)])
        #expect(track.frameCount == 8)
    }

    @Test("without chapters each drawn step is a chapter; many steps are grouped, covering every frame")
    func stepChapters() {
        let few = Self.track([(0, ["a"]), (0, ["b"]), (3, ["c"]), (7, ["d"]), (7, ["e"])])
        #expect(few.chapterMarks == [ChapterMark(start: 0, end: 2, title: "Iteration 0"),
                                     ChapterMark(start: 2, end: 3, title: "Iteration 3"),
                                     ChapterMark(start: 3, end: 5, title: "Iteration 7")])
        // 10 steps of 2 frames, at most 4 chapters: groups of 3 steps.
        let many = Self.track((0..<20).map { ($0 / 2, ["frame \($0)"]) }, maxStepChapters: 4)
        #expect(many.chapterMarks.map(\.title) == ["Iterations 0–2", "Iterations 3–5", "Iterations 6–8", "Iteration 9"])
        #expect(many.chapterMarks.map(\.start) == [0, 6, 12, 18])
        #expect(many.chapterMarks.last?.end == 20)
    }

    @Test("an animation's chapters are its spans, named by their titles or their steps")
    func titledChapters() {
        var settings = AnimationSettings()
        settings.chapters = [Chapter(iterations: 2, title: "Two steps in detail"),
                             Chapter(iterations: 100, every: 10, detail: .updates)]
        let chapters = LessonChapters(settings: settings, iterations: 50)
        #expect(chapters.spans == [LessonChapters.Span(start: 0, end: 2, title: "Two steps in detail"),
                                   LessonChapters.Span(start: 2, end: 50, title: nil)])
        let track = Self.track([(0, ["card"]), (0, ["x"]), (1, ["y"]), (2, ["z"]), (12, ["w"])], chapters: chapters)
        #expect(track.chapterMarks == [ChapterMark(start: 0, end: 3, title: "Two steps in detail"),
                                       ChapterMark(start: 3, end: 5, title: "Iterations 2–49")])
    }

    @Test("WebVTT and SubRip: the same cues, times from frames at the frame rate, text escaped")
    func files() {
        let track = Self.track([(0, ["a < b & c", "line 2"]), (0, ["a < b & c", "line 2"]), (0, ["x --> y"]), (1, ["z"])])
        let files = LessonTrackFiles(track: track, fps: 3)
        #expect(files.webVTT(language: "en") == """
            WEBVTT
            Language: en

            1
            00:00:00.000 --> 00:00:00.667
            a &lt; b &amp; c
            line 2

            2
            00:00:00.667 --> 00:00:01.000
            x → y

            3
            00:00:01.000 --> 00:00:01.333
            z

            """)
        #expect(files.subRip == """
            1
            00:00:00,000 --> 00:00:00,667
            a < b & c
            line 2

            2
            00:00:00,667 --> 00:00:01,000
            x → y

            3
            00:00:01,000 --> 00:00:01,333
            z

            """)
        #expect(files.chaptersVTT.hasPrefix("WEBVTT\nKind: chapters\n\nchapter-1\n00:00:00.000 --> 00:00:01.000\nIteration 0\n"))
        #expect(files.ffmetadata == """
            ;FFMETADATA1

            [CHAPTER]
            TIMEBASE=1/1000
            START=0
            END=1000
            title=Iteration 0

            [CHAPTER]
            TIMEBASE=1/1000
            START=1000
            END=1333
            title=Iteration 1

            """)
        #expect(LessonTrackFiles.metadataEscaped("a=b;c#d\\e") == "a\\=b\\;c\\#d\\\\e")
        #expect(files.timestamp(3 * 3_725 + 1, separator: ".") == "01:02:05.333")
    }

    @Test("subtitle languages: ISO 639-1 codes become containers' ISO 639-2 codes; anything else is refused")
    func languages() {
        #expect(SubtitleLanguage("en")?.containerCode == "eng")
        #expect(SubtitleLanguage("de")?.containerCode == "ger")
        #expect(SubtitleLanguage("pt-BR")?.containerCode == "por")
        #expect(SubtitleLanguage("zh")?.containerCode == "chi")
        #expect(SubtitleLanguage("fra")?.containerCode == "fra")
        for bad in ["", "e", "xx", "english", "en_GB", "en-", "-en", "en GB"] {
            #expect(SubtitleLanguage(bad) == nil, "\(bad)")
        }
    }
}
