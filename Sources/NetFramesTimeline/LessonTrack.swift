import NetFramesRun

/// One subtitle: the caption shown from `start` to `end` (frame positions, end exclusive).
public struct SubtitleCue: Sendable, Hashable {
    /// The first frame showing the caption, from 0.
    public var start: Int
    /// The frame after the last one showing it.
    public var end: Int
    /// The caption's lines: what the moment does, then its worked numbers.
    public var lines: [String]

    /// A cue from its fields.
    public init(start: Int, end: Int, lines: [String]) {
        self.start = start
        self.end = end
        self.lines = lines
    }
}

/// One chapter of a video: a named stretch of frames (end exclusive).
public struct ChapterMark: Sendable, Hashable {
    /// The chapter's first frame, from 0.
    public var start: Int
    /// The frame after its last.
    public var end: Int
    /// What a chapter menu lists.
    public var title: String

    /// A chapter from its fields.
    public init(start: Int, end: Int, title: String) {
        self.start = start
        self.end = end
        self.title = title
    }
}

/// The animation's chapters as the tracks need them: each span of steps and its title.
///
/// The same value for every shard of a render, so a sharded video's tracks, built at
/// assembly from the frames' manifest, are the tracks an unsharded render makes.
public struct LessonChapters: Sendable, Hashable, Codable {
    /// A span of steps and the title it is listed under.
    public struct Span: Sendable, Hashable, Codable {
        /// The first step, inclusive.
        public var start: Int
        /// The step after the last.
        public var end: Int
        /// The chapter's title card, if it has one.
        public var title: String?

        /// A span from its fields.
        public init(start: Int, end: Int, title: String?) {
            self.start = start
            self.end = end
            self.title = title
        }
    }

    /// The spans in order; empty when the animation has no chapters of its own, so each
    /// drawn step becomes a chapter.
    public var spans: [Span]

    /// The chapters of `settings` for a run of `iterations` steps.
    public init(settings: AnimationSettings, iterations: Int) {
        spans = settings.chapters.isEmpty ? [] : ChapterPlan(chapters: settings.chapters, iterations: iterations).spans
            .map { Span(start: $0.start, end: $0.end, title: $0.chapter.title) }
    }

    /// Chapters from their spans.
    public init(spans: [Span]) { self.spans = spans }

    /// The index of the span holding `iteration`, if any.
    func span(of iteration: Int) -> Int? {
        spans.firstIndex { $0.start <= iteration && iteration < $0.end }
    }

    /// The title a span is listed under: its title card, else the steps it covers.
    func title(of index: Int) -> String {
        let span = spans[index]
        if let title = span.title, !title.isEmpty { return title }
        return span.end - span.start == 1 ? "Iteration \(span.start)" : "Iterations \(span.start)–\(span.end - 1)"
    }
}

/// Builds an animation's subtitles and chapters from its frames, in order.
///
/// Feed every frame's position, step and caption; the track makes one cue per caption,
/// from the frame where it appears to the frame where it changes (so cues never
/// overlap, and a caption held over many frames is one cue), and one chapter per
/// chapter of the animation, or per drawn step when it has none, grouped into at most
/// `maxStepChapters` when there are many.
public struct LessonTrack: Sendable {
    /// The animation's chapters.
    public let chapters: LessonChapters
    /// The most chapters made from steps alone; more steps are grouped.
    public let maxStepChapters: Int
    /// The finished cues, in order.
    public private(set) var cues: [SubtitleCue] = []
    private var current: SubtitleCue?
    /// Where each chapter (or drawn step) starts: its first frame and its span or step.
    private var starts: [(frame: Int, key: Int)] = []
    /// Frames fed so far.
    public private(set) var frameCount = 0

    /// An empty track for an animation with `chapters`.
    public init(chapters: LessonChapters, maxStepChapters: Int = 30) {
        self.chapters = chapters
        self.maxStepChapters = max(1, maxStepChapters)
    }

    /// Adds the next frame (its position must be the frames fed so far).
    public mutating func add(frame: Int, iteration: Int, caption: [String]) {
        precondition(frame == frameCount, "frame \(frame) fed out of order (expected \(frameCount))")
        frameCount += 1
        let lines = caption.filter { !$0.isEmpty }
        if var cue = current, cue.lines == lines {
            cue.end = frame + 1
            current = cue
        } else {
            if let cue = current { cues.append(cue) }
            current = lines.isEmpty ? nil : SubtitleCue(start: frame, end: frame + 1, lines: lines)
        }
        let key = chapters.spans.isEmpty ? iteration : (chapters.span(of: iteration) ?? starts.last?.key ?? 0)
        if starts.last?.key != key { starts.append((frame, key)) }
    }

    /// Every cue, the last one included.
    public var allCues: [SubtitleCue] { cues + (current.map { [$0] } ?? []) }

    /// The chapters, covering every frame fed.
    public var chapterMarks: [ChapterMark] {
        guard !starts.isEmpty else { return [] }
        let ends = starts.dropFirst().map(\.frame) + [frameCount]
        if !chapters.spans.isEmpty {
            return zip(starts, ends).map { ChapterMark(start: $0.frame, end: $1, title: chapters.title(of: $0.key)) }
        }
        // One chapter per drawn step, or groups of consecutive steps when there are many.
        let group = (starts.count + maxStepChapters - 1) / maxStepChapters
        return stride(from: 0, to: starts.count, by: group).map { first in
            let last = min(first + group, starts.count) - 1
            let (a, b) = (starts[first].key, starts[last].key)
            return ChapterMark(start: starts[first].frame, end: ends[last],
                               title: a == b ? "Iteration \(a)" : "Iterations \(a)–\(b)")
        }
    }
}
