import NetFramesEngine
import NetFramesRun

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
            // A chapter may ask for more steps than a computer can count past `start`.
            let end = chapter.iterations.map { min(iterations - start, $0) + start } ?? iterations
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
        if isLast || span.chapter.schedule.keeps(iteration - span.start, length: span.end - span.start) {
            return span.chapter.detail
        }
        return nil
    }

    /// How many steps of `span` are both recorded (by `sampling`) and shown, counted
    /// in closed form: the steps a chapter shows and the steps sampling keeps are each
    /// an arithmetic progression (plus the first few and the last step).
    public func shownAndRecorded(in span: Span, sampling: SamplingPolicy) -> Int {
        guard span.end > span.start else { return 0 }
        guard let every = span.chapter.schedule.spacing, let samplingEvery = sampling.schedule.spacing else {
            return shownAndRecordedWalking(in: span, sampling: sampling)
        }
        let first = min(sampling.first, span.end)
        // Shown steps are start, start + every, …; recorded ones are those below `first`
        // and the multiples of sampling.every.
        var count = Progressions.count(in: span.start..<max(span.start, first), step: every, offset: span.start)
        count += Progressions.countCommon(in: max(span.start, first)..<span.end,
                                          (modulus: every, residue: span.start % every),
                                          (modulus: samplingEvery, residue: 0))
        // The run's last step is always recorded and always shown.
        let last = iterations - 1
        if span.start <= last && last < span.end {
            let counted = (last - span.start) % every == 0 && (last < first || last % samplingEvery == 0)
            if !counted { count += 1 }
        }
        return count
    }

    /// `shownAndRecorded` when a log schedule is involved: its few steps are walked (a
    /// log schedule keeps at most its frames), the first steps sampling keeps counted as
    /// a progression.
    private func shownAndRecordedWalking(in span: Span, sampling: SamplingPolicy) -> Int {
        let last = iterations - 1, length = span.end - span.start
        let chapter = span.chapter.schedule
        var count = 0
        if case .log(let frames) = chapter {
            for offset in LogSpacing(length: length, frames: frames).members {
                let i = span.start + offset
                if i != last && sampling.keeps(iteration: i, total: iterations) { count += 1 }
            }
        } else if case .log(let frames) = sampling.schedule, let every = chapter.spacing {
            let first = min(sampling.first, span.end)
            count += Progressions.count(in: span.start..<max(span.start, first), step: every, offset: span.start)
            for i in LogSpacing(length: iterations, frames: frames).members
            where i >= max(span.start, first) && i < span.end && i != last && (i - span.start) % every == 0 {
                count += 1
            }
            // The first steps below `first` may include the last step, counted above.
            if last < first && span.start <= last && (last - span.start) % every == 0 { count -= 1 }
        }
        // The run's last step is always recorded and always shown.
        if span.start <= last && last < span.end { count += 1 }
        return count
    }

    /// Whether `phase` of a step shown in `detail` is shown.
    public static func shows(_ phase: Phase, in detail: Chapter.Detail) -> Bool {
        detail == .full || phase == .update
    }
}

/// Counting the members of arithmetic progressions in a range without walking it.
enum Progressions {
    /// The numbers in `range` that are `offset` plus a multiple of `step`.
    static func count(in range: Range<Int>, step: Int, offset: Int) -> Int {
        guard !range.isEmpty else { return 0 }
        let residue = mod(offset, step)
        // The first member at or after the lower bound.
        let firstMember = range.lowerBound + mod(residue - mod(range.lowerBound, step), step)
        guard firstMember < range.upperBound else { return 0 }
        return (range.upperBound - 1 - firstMember) / step + 1
    }

    /// The numbers in `range` that leave both residues (Chinese remainder theorem).
    static func countCommon(in range: Range<Int>, _ a: (modulus: Int, residue: Int),
                            _ b: (modulus: Int, residue: Int)) -> Int {
        guard !range.isEmpty else { return 0 }
        let g = gcd(a.modulus, b.modulus)
        let ra = mod(a.residue, a.modulus), rb = mod(b.residue, b.modulus)
        guard (rb - ra) % g == 0 else { return 0 }
        // x = ra + a·t with (a/g)·t ≡ (rb − ra)/g (mod b/g).
        let m = b.modulus / g
        let t = mulmod(mod((rb - ra) / g, m), inverse(mod(a.modulus / g, m), m), m)
        let (lcm, lcmOverflow) = (a.modulus / g).multipliedReportingOverflow(by: b.modulus)
        let (at, atOverflow) = a.modulus.multipliedReportingOverflow(by: t)
        let (x, xOverflow) = ra.addingReportingOverflow(at)
        if lcmOverflow {
            // The common period is beyond Int: only the one solution below it can lie in range.
            return !atOverflow && !xOverflow && range.contains(x) ? 1 : 0
        }
        return count(in: range, step: lcm, offset: x)
    }

    static func mod(_ a: Int, _ m: Int) -> Int {
        let r = a % m
        return r < 0 ? r + m : r
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// (a · b) mod m without overflow.
    static func mulmod(_ a: Int, _ b: Int, _ m: Int) -> Int {
        guard m > 1 else { return 0 }
        let product = UInt(a).multipliedFullWidth(by: UInt(b))
        return Int(UInt(m).dividingFullWidth(product).remainder)
    }

    /// The inverse of `a` modulo `m` (`a` and `m` coprime).
    static func inverse(_ a: Int, _ m: Int) -> Int {
        guard m > 1 else { return 0 }
        var (oldR, r) = (a, m)
        var (oldS, s) = (1, 0)
        while r != 0 {
            let q = oldR / r
            (oldR, r) = (r, oldR - q * r)
            (oldS, s) = (s, oldS - q * s)
        }
        return mod(oldS, m)
    }
}
