import NetFramesEngine

/// The words a frame shows, for places that show them as text beside the picture (the
/// HTML player's caption): exactly what the header, the title and the caption draw.
extension DiagramBuilder {
    /// The moment in a few words: "forward, layer 1", "cost", "backprop, layer 2", "update".
    public static func phaseName(of state: DiagramState) -> String {
        switch state.phase {
        case .forward: return "forward, layer \(state.layer ?? 1)"
        case .loss: return "cost"
        case .backward: return "backprop, layer \(state.layer ?? state.shape.outputLayer)"
        case .update: return "update"
        }
    }

    /// The header's status line: "iteration 3 · example 1 · backprop, layer 2 · loss 0.512",
    /// led in a time-lapse by its pace at this step ("×1,000 · iteration 5000 · …")
    /// (the loss once the forward pass has reached it), numbers in the style's digits.
    public func status(of state: DiagramState) -> String {
        guard !state.setup.isPlainSGD else {
            var status = Self.paceText(of: state) + "iteration \(state.iteration) · example \(state.example) · \(Self.phaseName(of: state))"
            if let loss = state.loss { status += " · loss \(layout(for: state).format(loss))" }
            return status
        }
        // Other optimizers and batches: "Adam η = 0.01 · batch 8 · iteration 3 · example 5 (2 of 8) · cost · loss 0.512".
        var status = state.setup.optimizerSummary + " · " + Self.paceText(of: state) + "iteration \(state.iteration) · "
        if let batch = state.batch, state.phase != .update {
            status += "example \(state.example) (\(batch.position + 1) of \(batch.size)) · "
                + (batch.accumulating ? "into the mean" : Self.phaseName(of: state))
        } else if state.setup.batchSize > 1 {
            status += "update · batch mean"
        } else {
            status += "example \(state.example) · \(Self.phaseName(of: state))"
        }
        if let loss = state.loss { status += " · loss \(layout(for: state).format(loss))" }
        return status
    }

    /// A time-lapse's pace with its separator, "×1,000 · ", or "" when each step is shown.
    static func paceText(of state: DiagramState) -> String {
        guard let pace = state.pace, pace > 1 else { return "" }
        return "×" + groupedThousands(pace) + " · "
    }

    /// `n` with a comma between groups of three digits: 1000000 → "1,000,000".
    ///
    /// - Parameter n: any whole number.
    public static func groupedThousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// The status in fewer words, for a header too narrow for the whole status at the
    /// minimum text size: "iteration 3 · backprop, layer 2 · loss 0.51".
    func shortStatus(of state: DiagramState) -> String {
        var status = Self.paceText(of: state) + "iteration \(state.iteration) · \(Self.phaseName(of: state))"
        if let loss = state.loss { status += " · loss \(layout(for: state).format(loss))" }
        return status
    }

    /// The caption's lines: what the step does, then the arithmetic worked through for
    /// the highlighted neuron (or the state's own caption, for a fast-forward).
    public func captionLines(of state: DiagramState) -> [String] {
        let layout = layout(for: state)
        return state.captionOverride ?? Caption(state: state, format: layout.format, neuron: layout.highlightedNeuron,
                                                  inputImage: layout.inputImage, classNames: style.classNames).lines
    }

    /// The frame's text alternative: a plain-language description of the run, step and
    /// moment, the followed neuron's numbers, the loss and what changed since the frame
    /// before (a scene's `summary`).
    public func altText(of state: DiagramState) -> String {
        let layout = layout(for: state)
        return AltText(state: state, format: layout.format, neuron: layout.highlightedNeuron, inputImage: layout.inputImage,
                       heatmapLayers: layout.heatmapBoxes.indices.filter { layout.heatmapBoxes[$0] != nil }).text
    }
}
