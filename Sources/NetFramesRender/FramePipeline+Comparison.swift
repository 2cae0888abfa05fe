import NetFramesDiagram
import NetFramesEngine
import NetFramesRun

extension FramePipeline {
    /// Trains `run` and its companions in step, one training step of each in turn, and
    /// hands the sink each frame position's states of every run, drawn side by side.
    ///
    /// Each run goes through its own frame source (stills or its timeline) into a
    /// queue; a frame is drawn once every run has its state for that position, so the
    /// queues stay short when the runs make frames alike. A run that has ended holds
    /// its last frame.
    func runComparison<Sink: FrameSink>(_ comparison: ComparisonBuilder, into sink: inout Sink,
                                        selecting selection: FrameSelection,
                                        progress: @escaping (Int, Int) -> Void) throws -> PipelineResult {
        let runs = [run] + companions
        let batcher = FrameBatcher<Sink, [DiagramState]>(pipeline: self, sink: sink, selection: selection,
                                                         progress: progress, scene: { comparison.scene($0) },
                                                         frameState: { $0[0] })
        defer { sink = batcher.sink }
        // Every run's loss over the data is followed, for the shared panel.
        var tracking = style
        tracking.panels = PanelSettings()
        tracking.panels.loss = true
        let queues = runs.map { _ in FrameQueue() }
        var feeds = runs.indices.map { FrameFeed(run: runs[$0], style: tracking, source: source, receiver: queues[$0]) }
        var shown: [DiagramState?] = runs.map { _ in nil }

        /// Draws every frame position all runs have reached.
        func compose(_ trained: TrainingProgress) throws {
            while !batcher.isSatisfied, queues.contains(where: { !$0.states.isEmpty }),
                  queues.indices.allSatisfy({ !queues[$0].states.isEmpty || trained.ended[$0] }) {
                for i in queues.indices where !queues[i].states.isEmpty { shown[i] = queues[i].states.removeFirst() }
                // A run that ended before making any frame (it diverged at once) cannot be drawn.
                let states = shown.compactMap { $0 }
                guard states.count == runs.count else {
                    throw trained.divergences.compactMap { $0 }.first ?? TrainingError.diverged(iteration: 0, what: "the loss")
                }
                try batcher.add(states)
            }
        }

        var trained: TrainingProgress?
        try batcher.drive {
            trained = try FramePipeline.train(runs, into: &feeds, stepsPerRound: 1, isSatisfied: { batcher.isSatisfied },
                                              afterRound: compose)
        }
        let divergence = trained!.divergences.compactMap { $0 }.first
        try batcher.sink.finish(divergence.map { PipelineEnding.diverged($0) } ?? .finished)
        let reachedEnd = !batcher.isSatisfied || selection.end >= frameCount
        return PipelineResult(framesDelivered: batcher.delivered, finalParameters: trained!.trainers[0].parameters,
                              reachedEnd: reachedEnd, finalState: reachedEnd ? feeds[0].states.finalState() : nil,
                              divergence: divergence, curves: trained!.recorders.map(\.curve))
    }
}

/// The frames one run of a comparison has made and the comparison has not yet drawn.
final class FrameQueue: FrameStateReceiver {
    var states: [DiagramState] = []
    var wantsNext: Bool { true }
    func skip() {}
    func add(_ state: DiagramState) throws { states.append(state) }
    var isSatisfied: Bool { false }
}
