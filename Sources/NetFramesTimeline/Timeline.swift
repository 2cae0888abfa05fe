import NetFramesDiagram
import NetFramesEngine
import NetFramesRun

/// Turns the snapshots of a run into the frames of an animation, with motion between
/// them.
///
/// Push each recorded snapshot's state in order; the timeline calls `emit` with every
/// frame, in order, as soon as it is known. Each shown moment becomes a stretch of
/// motion followed by a hold:
/// - forward: a pulse travels along every connection into the layer, then its neurons
///   fill and their numbers count up to the new activations;
/// - loss: the outputs are joined to their targets and the cost counts up;
/// - backward: the error travels back from the layer above (or the targets), then the
///   deltas and the gradients into the layer count up;
/// - update: every weight's colour, width and label morph from old to new.
/// - accumulate (a step on a batch of several examples): after each example's backward
///   pass, its gradients join the running batch mean, which the gradient labels show.
///   With `batchDetail: first` only the first example is worked through moment by
///   moment; the others are shown at this moment only.
/// Fast-forward chapters show only updates, briefly, morphing from the last shown step.
public struct Timeline {
    /// Timing, easing and chapters.
    public let settings: AnimationSettings
    /// Which steps are shown, and how.
    public let plan: ChapterPlan
    private let emit: (DiagramState) throws -> Void
    /// The last state drawn, which the next motion starts from.
    private var last: DiagramState?
    private var currentSpan: Int?
    /// The step shown last and the pace it was shown at.
    private var lastShown: (iteration: Int, pace: Int)?
    /// Frames emitted so far.
    public private(set) var frameCount = 0

    /// A timeline for a run of `iterations` steps, calling `emit` with each frame's state in order.
    public init(settings: AnimationSettings, iterations: Int, emit: @escaping (DiagramState) throws -> Void) {
        self.settings = settings
        plan = ChapterPlan(chapters: settings.chapters, iterations: iterations)
        self.emit = emit
    }

    /// Whether the timeline wants a snapshot (check before building its state).
    public func wants(iteration: Int, phase: Phase) -> Bool {
        guard let detail = plan.detail(of: iteration) else { return false }
        return ChapterPlan.shows(phase, in: detail)
    }

    /// Whether the timeline wants a snapshot of a step on a batch: as `wants(iteration:phase:)`,
    /// but an example after the first, under `batchDetail: first`, is wanted only at its
    /// last backward moment (layer 1), where it joins the mean.
    public func wants(_ snapshot: Snapshot) -> Bool {
        guard wants(iteration: snapshot.iteration, phase: snapshot.phase) else { return false }
        if fastForwards(position: snapshot.batchPosition, size: snapshot.batchSize, phase: snapshot.phase) {
            return snapshot.phase == .backward && snapshot.layer == 1
        }
        return true
    }

    /// Whether an example of a batch is shown only as it joins the mean.
    private func fastForwards(position: Int, size: Int, phase: Phase) -> Bool {
        size > 1 && phase != .update && position > 0 && settings.batchDetail == .first
    }

    /// A time-lapse's pace at a shown step: the training steps since the step shown
    /// before it, when more than 1; `nil` for the first shown step.
    private mutating func pace(at iteration: Int) -> Int? {
        if let shown = lastShown, shown.iteration != iteration {
            lastShown = (iteration, iteration - shown.iteration)
        } else if lastShown == nil {
            lastShown = (iteration, 1)
        }
        return lastShown!.pace > 1 ? lastShown!.pace : nil
    }

    /// Adds the next recorded state; ignored unless `wants` says it is shown.
    public mutating func push(_ state: DiagramState) throws {
        guard let detail = plan.detail(of: state.iteration), ChapterPlan.shows(state.phase, in: detail) else { return }
        var state = state
        state.pace = pace(at: state.iteration)
        if let index = plan.spans.firstIndex(where: { $0.start <= state.iteration && state.iteration < $0.end }),
           index != currentSpan {
            currentSpan = index
            if let title = plan.spans[index].chapter.title {
                var card = state
                card.titleCard = title
                try hold(card, seconds: settings.titleCardDuration)
            }
        }
        switch detail {
        case .full:
            if let batch = state.batch, fastForwards(position: batch.position, size: batch.size, phase: state.phase) {
                if let accumulating = state.accumulating { try accumulate(accumulating) }
            } else {
                try animate(state)
                if let accumulating = state.accumulating { try accumulate(accumulating) }
            }
        case .updates: try fastForward(state, seconds: plan.spans[currentSpan!].chapter.stepDuration)
        }
        last = state
    }

    /// The labels count from the example's own gradients to the running mean, then hold.
    private mutating func accumulate(_ state: DiagramState) throws {
        try hold(state, seconds: settings.durations.accumulate)
    }

    /// Holds the last state for the final hold; call once at the end.
    public mutating func finish() throws {
        guard var final = last else { return }
        final.motion = nil
        final.captionOverride = nil
        try hold(final, seconds: settings.finalHold)
    }

    // MARK: Segments

    private mutating func hold(_ state: DiagramState, seconds: Double) throws {
        guard seconds > 0 else { return }
        for _ in 0..<settings.frames(seconds) { try send(state) }
    }

    private mutating func send(_ state: DiagramState) throws {
        try emit(state)
        frameCount += 1
    }

    /// Motion into `state` from the last one, then a hold on `state`.
    private mutating func animate(_ state: DiagramState) throws {
        let seconds: Double
        switch state.phase {
        case .forward: seconds = settings.durations.forward
        case .loss: seconds = settings.durations.loss
        case .backward: seconds = settings.durations.backward
        case .update: seconds = settings.durations.update
        }
        let count = settings.frames(seconds)
        for i in 1...count {
            try send(Tween.frame(of: state, at: settings.easing(Double(i) / Double(count))))
        }
        if settings.durations.hold > 0 { try hold(state, seconds: settings.durations.hold) }
    }

    /// "" for 1, "2nd " for 2, "11th " for 11, "22nd " for 22: the word before "update".
    static func ordinal(_ n: Int) -> String {
        guard n > 1 else { return "" }
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix) "
    }

    /// The fast-forward caption's opening: how often an update is shown. When the steps
    /// shown are further apart than the chapter's `every` (a log schedule, or sampling
    /// that records fewer), it gives the pace instead.
    static func fastForwardLead(_ schedule: SamplingSchedule, pace: Int?) -> String {
        if case .every(let n) = schedule, (pace ?? 1) <= n {
            return "Fast-forward: training runs on; every \(ordinal(n))update is shown, "
        }
        guard let pace else { return "Time-lapse: training runs on, shown ever faster; " }
        return "Time-lapse: training runs on, \(DiagramBuilder.groupedThousands(pace)) steps per step shown; "
    }

    /// A brief morph from the last shown weights to this update's.
    private mutating func fastForward(_ state: DiagramState, seconds: Double) throws {
        var target = state
        if let last {
            target.previousWeights = last.weights
            target.previousBiases = last.biases
            target.captionOverride = [
                Timeline.fastForwardLead(plan.spans[currentSpan!].chapter.schedule, pace: state.pace)
                    + "weights morphing from iteration \(last.iteration) to \(state.iteration).",
                state.loss.map { loss in
                    let what = state.setup.batchSize > 1 ? "Mean loss over the batch of \(state.setup.batchSize)"
                        : "Loss on example \(state.example)"
                    return "\(what) at iteration \(state.iteration): \(NumberFormat(digits: 4)(loss))"
                } ?? "",
            ]
        }
        let count = settings.frames(seconds)
        for i in 1...count {
            try send(Tween.frame(of: target, at: settings.easing(Double(i) / Double(count))))
        }
    }
}

extension Timeline {
    /// The number of frames the timeline makes for a run, without training it.
    ///
    /// Counted per chapter in closed form, so a plan of billions of steps is counted as
    /// fast as one of ten; a count beyond `Int.max` is `Int.max`.
    ///
    /// - Parameters:
    ///   - iterations: steps in the run.
    ///   - sampling: which steps the trainer records.
    ///   - layerCount: layers in the network, input included.
    ///   - batchSize: examples per step.
    public static func plannedFrameCount(settings: AnimationSettings, iterations: Int, sampling: SamplingPolicy,
                                         layerCount: Int, batchSize: Int = 1) -> Int {
        let plan = ChapterPlan(chapters: settings.chapters, iterations: iterations)
        let d = settings.durations
        let hold = d.hold > 0 ? settings.frames(d.hold) : 0
        let moments = SaturatingCount(layerCount - 1)
        let example = moments * (settings.frames(d.forward) + hold) + (settings.frames(d.loss) + hold)
            + moments * (settings.frames(d.backward) + hold)
        var fullStep = example + (settings.frames(d.update) + hold)
        if batchSize > 1 {
            let accumulate = settings.frames(d.accumulate)
            let detailed = settings.batchDetail == .all ? batchSize : 1
            fullStep = SaturatingCount(detailed) * example + SaturatingCount(batchSize) * accumulate
                + (settings.frames(d.update) + hold)
        }
        var total = SaturatingCount(0)
        var shownAny = false
        for span in plan.spans {
            let shown = plan.shownAndRecorded(in: span, sampling: sampling)
            guard shown > 0 else { continue }
            shownAny = true
            if span.chapter.title != nil { total = total + settings.frames(settings.titleCardDuration) }
            let perStep = span.chapter.detail == .full ? fullStep : SaturatingCount(settings.frames(span.chapter.stepDuration))
            total = total + SaturatingCount(shown) * perStep
        }
        if shownAny && settings.finalHold > 0 { total = total + settings.frames(settings.finalHold) }
        return total.value
    }
}

/// A count that stops at `Int.max` instead of overflowing.
struct SaturatingCount {
    var value: Int
    init(_ value: Int) { self.value = value }

    static func + (a: SaturatingCount, b: SaturatingCount) -> SaturatingCount {
        let (sum, overflow) = a.value.addingReportingOverflow(b.value)
        return SaturatingCount(overflow ? Int.max : sum)
    }

    static func + (a: SaturatingCount, b: Int) -> SaturatingCount { a + SaturatingCount(b) }

    static func * (a: SaturatingCount, b: SaturatingCount) -> SaturatingCount {
        let (product, overflow) = a.value.multipliedReportingOverflow(by: b.value)
        return SaturatingCount(overflow ? Int.max : product)
    }

    static func * (a: SaturatingCount, b: Int) -> SaturatingCount { a * SaturatingCount(b) }
}
