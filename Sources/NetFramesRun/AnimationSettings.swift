import NetFramesEngine

/// How long each moment of a step is shown, in seconds.
public struct PhaseDurations: Sendable, Hashable, Codable {
    /// One forward layer: the pulse travels in and the neurons fill.
    public var forward = 0.6
    /// The loss: outputs against targets.
    public var loss = 1.0
    /// One backward layer: the error travels back and the deltas appear.
    public var backward = 0.8
    /// The update: every weight morphs from old to new.
    public var update = 1.0
    /// Still time after each moment, so its numbers can be read.
    public var hold = 0.3
    /// In a step on a batch of several examples: each example's gradients joining the
    /// running batch mean.
    public var accumulate = 0.5

    /// The default durations.
    public init() {}
}

/// Which steps an animation shows, and how: the first few in full, say, then a
/// fast-forward through the rest.
public struct Chapter: Sendable, Hashable, Codable {
    /// How much of each shown step a chapter draws.
    public enum Detail: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every moment of every shown step: forward, loss, backward, update.
        case full
        /// Only the update of each shown step, briefly: a fast-forward.
        case updates
    }

    /// Steps this chapter covers, from the end of the previous chapter; `nil` runs to the end.
    public var iterations: Int?
    /// Which of those steps are shown: every N-th, or about N spaced geometrically from
    /// the chapter's first step to its last (a time-lapse).
    public var schedule: SamplingSchedule
    /// Every moment of each shown step, or only its update.
    public var detail: Detail
    /// Seconds per shown step in an `updates` chapter.
    public var stepDuration: Double
    /// A title card shown before the chapter, if any.
    public var title: String?

    /// Show every N-th of the chapter's steps (1 for a log schedule, which has no one
    /// spacing); setting it makes the schedule `every(N)`, below 1 counting as 1.
    public var every: Int {
        get { schedule.spacing ?? 1 }
        set { schedule = .every(max(1, newValue)) }
    }

    /// A chapter; `every` below 1 counts as 1.
    public init(iterations: Int? = nil, every: Int = 1, detail: Detail = .full, stepDuration: Double = 0.1,
                title: String? = nil) {
        self.init(iterations: iterations, schedule: .every(max(1, every)), detail: detail, stepDuration: stepDuration,
                  title: title)
    }

    /// A chapter showing the steps `schedule` picks from its own (a log schedule's
    /// frames below 2 count as 2).
    public init(iterations: Int? = nil, schedule: SamplingSchedule, detail: Detail = .full, stepDuration: Double = 0.1,
                title: String? = nil) {
        self.iterations = iterations
        switch schedule {
        case .every(let n): self.schedule = .every(max(1, n))
        case .log(let frames): self.schedule = .log(frames: max(2, frames))
        }
        self.detail = detail
        self.stepDuration = stepDuration
        self.title = title
    }
}

/// Everything about how a run becomes an animation.
public struct AnimationSettings: Sendable, Hashable {
    /// Frames per second.
    public var fps: Double = 30
    /// How long each moment is shown.
    public var durations = PhaseDurations()
    /// How motion speeds up and slows down.
    public var easing: Easing = .easeInOut
    /// What to show; empty shows every recorded step in full.
    public var chapters: [Chapter] = []
    /// Seconds the final state is held at the end.
    public var finalHold: Double = 2
    /// Seconds a chapter's title card is shown.
    public var titleCardDuration: Double = 1.5
    /// Which examples of a batch are worked through in full detail.
    public var batchDetail: BatchDetail = .first
    /// Whether a video (MP4, MOV, WebM) carries subtitles made of the frames' captions,
    /// with `NAME.vtt` and `NAME.srt` beside it. Chapters are written either way.
    public var subtitles = true
    /// The subtitles' language.
    public var subtitleLanguage = SubtitleLanguage.english

    /// The defaults: 30 fps, every recorded step in full.
    public init() {}

    /// Frames a span of `seconds` takes: at least one.
    public func frames(_ seconds: Double) -> Int {
        max(1, Int((seconds * fps).rounded()))
    }
}

/// Which examples of a step's batch an animation works through moment by moment.
public enum BatchDetail: String, Sendable, Hashable, Codable, CaseIterable {
    /// The first example in full; the others fast-forwarded to their gradients joining the mean.
    case first
    /// Every example in full.
    case all
}
