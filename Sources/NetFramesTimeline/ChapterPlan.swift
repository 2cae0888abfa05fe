import NetFramesEngine

/// Decides, for each recorded step, whether an animation shows it and how.
///
/// The same decisions serve the streaming timeline and the frame-count plan, so the
/// count a progress bar or a test expects is the count the timeline produces.
public struct ChapterPlan: Sendable, Hashable {
    /// The steps one chapter covers.
    public struct Span: Sendable, Hashable {
        /// The first step, inclusive.
        public var start: Int
        /// The step after the last, exclusive.
        public var end: Int
        /// How the steps are shown.
        public var chapter: Chapter
    }

    /// The chapters' spans in order; steps in none are not shown.
    public let spans: [Span]
    /// Steps in the run.
    public let iterations: Int

    /// Splits `iterations` steps among `chapters` (every step in full when there are none).
    public init(chapters: [Chapter], iterations: Int) {
        self.iterations = iterations
        var spans: [Span] = []
        var start = 0
        for chapter in chapters.isEmpty ? [Chapter()] : chapters where start < iterations {
            let end = chapter.iterations.map { min(iterations, start + $0) } ?? iterations
            if end > start { spans.append(Span(start: start, end: end, chapter: chapter)) }
            start = end
        }
        // Steps past the last chapter are shown as fast-forward updates of every step
        // only if a chapter asked to run to the end; otherwise they are skipped.
        self.spans = spans
    }

    /// The span that holds `iteration`, if any.
    public func span(of iteration: Int) -> Span? {
        spans.first { $0.start <= iteration && iteration < $0.end }
    }

    /// Whether the step `iteration` (recorded by the trainer) is shown, and in which detail.
    public func detail(of iteration: Int) -> Chapter.Detail? {
        guard let span = span(of: iteration) else { return nil }
        let isLast = iteration == iterations - 1
        if (iteration - span.start) % span.chapter.every == 0 || isLast { return span.chapter.detail }
        return nil
    }

    /// Whether `phase` of a step shown in `detail` is shown.
    public static func shows(_ phase: Phase, in detail: Chapter.Detail) -> Bool {
        detail == .full || phase == .update
    }
}
