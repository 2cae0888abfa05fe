extension DiagramState {
    /// Fraction of a forward or backward moment spent travelling before the numbers appear.
    public static let travelShare = 0.55

    /// The numbers as they appear mid-motion: a layer being reached fills and counts up
    /// from nothing, a morphing weight stands part-way from old to new. A still state is
    /// returned unchanged. Captions keep using the settled numbers.
    public var displayed: DiagramState {
        guard let motion else { return self }
        var s = self
        switch motion {
        case let .forwardPulse(l, progress):
            let f = DiagramState.reveal(progress)
            if f <= 0 {
                s.activations[l] = nil
                s.preActivations[l] = nil
            } else {
                s.activations[l] = activations[l]?.map { $0 * f }
                s.preActivations[l] = preActivations[l]?.map { $0 * f }
            }
        case let .backwardPulse(l, progress):
            let f = DiagramState.reveal(progress)
            if f <= 0 {
                s.deltas[l] = nil
                s.weightGradients[l] = nil
            } else {
                s.deltas[l] = deltas[l]?.map { $0 * f }
                s.weightGradients[l] = weightGradients[l]?.map { $0 * f }
            }
        case let .lossReveal(progress):
            s.loss = loss.map { $0 * progress }
        case let .morph(progress):
            if let previousBoundary, let boundary { s.boundary = previousBoundary.mixed(with: boundary, progress) }
            for l in 1..<weights.count {
                s.weights[l] = zip(previousWeights[l], weights[l]).map { $0 + ($1 - $0) * progress }
                s.biases[l] = zip(previousBiases[l], biases[l]).map { $0 + ($1 - $0) * progress }
            }
        }
        return s
    }

    /// How far a pulse has travelled along its connections, 0 → 1, for `progress`.
    public static func travel(_ progress: Double) -> Double {
        min(1, progress / travelShare)
    }

    /// How far the numbers at the pulse's end have appeared, 0 → 1, for `progress`.
    public static func reveal(_ progress: Double) -> Double {
        max(0, (progress - travelShare) / (1 - travelShare))
    }
}
