import NetFramesEngine

extension Run {
    /// Trains the run from its starting point, handing every recorded snapshot to `sink`.
    ///
    /// Runs `iterations` steps, recording those `sampling` keeps. A sink that keeps a
    /// snapshot keeps a valid copy of it; one that only reads costs no copying.
    ///
    /// - Returns: the parameters after the last step.
    /// - Throws: `TrainingError.diverged` when the loss or a parameter stops being finite
    ///   (the snapshots before it were handed over); errors the sink throws.
    @discardableResult
    public func train<Sink: SnapshotSink>(into sink: inout Sink) throws -> Parameters {
        try train(steps: iterations, sampling: sampling, into: &sink)
    }

    /// Trains the run's first `steps` steps, recording those `sampling` keeps (and the
    /// run's last step, should it be among them): a part of the run, trained exactly as
    /// the whole run trains it.
    ///
    /// - Returns: the parameters after step `steps`.
    /// - Throws: as `train(into:)`.
    @discardableResult
    public func train<Sink: SnapshotSink>(steps: Int, sampling: SamplingPolicy, into sink: inout Sink) throws -> Parameters {
        var trainer = makeTrainer()
        try trainer.train(iterations: min(steps, iterations), sampling: sampling, runEnd: iterations, into: &sink)
        return trainer.parameters
    }

    /// Trains like `train(into:)`, but returns a divergence instead of throwing it, so the
    /// caller can first finish what the snapshots before it began (draw the last frames,
    /// close a file), then report it.
    ///
    /// - Returns: `TrainingError.diverged` if training stopped early, else `nil`.
    /// - Throws: errors the sink throws.
    public func trainReportingDivergence<Sink: SnapshotSink>(into sink: inout Sink) throws -> TrainingError? {
        do {
            try train(into: &sink)
            return nil
        } catch let error as TrainingError {
            return error
        }
    }

    /// Trains the run from its starting point, calling `body` with every recorded snapshot.
    ///
    /// ```swift
    /// try run.train { snapshot in
    ///     if snapshot.phase == .update { print(snapshot.iteration, snapshot.loss!) }
    /// }
    /// ```
    ///
    /// - Returns: the parameters after the last step.
    /// - Throws: `TrainingError.diverged` when training diverges; what `body` throws.
    @discardableResult
    public func train(_ body: @escaping (Snapshot) throws -> Void) throws -> Parameters {
        var sink = ClosureSink(body)
        return try train(into: &sink)
    }
}
