import Foundation
import NetFramesEngine
import NetFramesRun

/// A frame's text alternative, in plain language: which run, step and moment it shows,
/// the followed neuron's numbers, the loss, and what changed since the frame before.
///
/// Each frame's words are its own: a moment names its layer and numbers, a frame in
/// motion says how far the motion has gone, and an update names its largest change.
struct AltText {
    let state: DiagramState
    let format: NumberFormat
    /// The neuron the caption follows in each layer.
    let neuron: Int
    /// The input image the frame draws instead of input neurons, if any.
    var inputImage: InputImage? = nil
    /// The layers whose incoming weights the frame draws as a heatmap.
    var heatmapLayers: [Int] = []

    var shape: NetworkShape { state.shape }
    func n(_ x: Double) -> String { format(x) }

    /// The description, a few sentences long.
    var text: String {
        if let title = state.titleCard {
            return "Title card of \(state.runName) before iteration \(state.iteration): \(title)."
        }
        var sentences = [opening, network] + pictures
        sentences += followed
        if let loss = lossSentence { sentences.append(loss) }
        sentences.append(change)
        return sentences.joined(separator: " ")
    }

    /// "Network diagram of xor, iteration 3, example 1: forward pass into hidden layer 1."
    private var opening: String {
        var where_ = "iteration \(state.iteration), example \(state.example)"
        if let batch = state.batch, state.phase != .update {
            where_ += " (\(batch.position + 1) of a batch of \(batch.size))"
        } else if state.setup.batchSize > 1 {
            where_ += ", the batch of \(state.setup.batchSize)"
        }
        return "Network diagram of \(state.runName), \(where_): \(moment)."
    }

    private var moment: String {
        if let batch = state.batch, batch.accumulating { return "its gradients join the batch's running mean" }
        switch state.phase {
        case .forward: return "forward pass into \(layerName(state.layer ?? 1))"
        case .loss: return "the cost, outputs against targets"
        case .backward: return "backpropagation reaching \(layerName(state.layer ?? shape.outputLayer))"
        case .update: return "\(state.setup.isPlainSGD ? "gradient descent" : state.setup.optimizer.displayName) updates every weight and bias"
        }
    }

    /// "Layers of 2, 3 and 1 neurons.", or with an input image "Input: an 8×8 image
    /// (64 pixels), then layers of 24 and 10 neurons."
    private var network: String {
        if let inputImage {
            let rest = shape.layers.dropFirst().map(String.init)
            let list = rest.count == 1 ? "a layer of \(rest[0]) neuron\(rest[0] == "1" ? "" : "s")"
                : "layers of " + rest.dropLast().joined(separator: ", ") + " and " + rest.last! + " neurons"
            return "Input: \(article(inputImage.text)) \(inputImage.text) image (\(inputImage.pixelCount) pixels), then \(list)."
        }
        let sizes = shape.layers.map(String.init)
        let list = sizes.count == 2 ? sizes.joined(separator: " and ")
            : sizes.dropLast().joined(separator: ", ") + " and " + sizes.last!
        return "Layers of \(list) neurons."
    }

    /// "an" before a size read aloud with a vowel sound ("an 8×8", "an 11×11", "an 18×…").
    private func article(_ size: String) -> String {
        size.hasPrefix("8") || size.hasPrefix("11") || size.hasPrefix("18") ? "an" : "a"
    }

    /// What the frame draws as pictures rather than neurons and lines.
    private var pictures: [String] {
        var sentences: [String] = []
        if let inputImage {
            sentences.append("The input is drawn as the image, grey by value; beside each neuron of "
                + "\(layerName(1)) its incoming weights form a \(inputImage.text) image, its receptive field, "
                + "blue where positive and orange where negative.")
        }
        for l in heatmapLayers {
            sentences.append("The weights from \(layerName(l - 1)) into \(layerName(l)) are drawn as a heatmap of "
                + "\(shape.layers[l]) rows by \(shape.layers[l - 1]) columns, blue where positive and orange where negative.")
        }
        return sentences
    }

    /// "neuron 3 of hidden layer 1", or "pixel 3 (row 1, column 3) of the input image".
    private func source(_ index: Int, layer l: Int) -> String {
        if l == 0, let inputImage {
            return "pixel \(index + 1) (row \(index / inputImage.width + 1), column \(index % inputImage.width + 1)) of the input image"
        }
        return "neuron \(index + 1) of \(layerName(l))"
    }

    private func layerName(_ l: Int) -> String {
        l == 0 ? (inputImage != nil ? "the input image" : "the input layer") : l == shape.outputLayer ? "the output layer" : "hidden layer \(l)"
    }

    /// The followed neuron's numbers in the layer the moment is about.
    private var followed: [String] {
        let displayed = state.displayed
        switch state.phase {
        case .forward:
            let l = state.layer ?? 1
            guard let a = displayed.activations[l]?[safe: neuron], let z = displayed.preActivations[l]?[safe: neuron] else {
                return ["The values of \(layerName(l)) are not shown yet."]
            }
            return ["Neuron \(neuron + 1) of \(layerName(l)) has weighted input z = \(n(z)) and activation \(n(a))."]
        case .loss:
            let out = shape.outputLayer
            guard let a = state.activations[out] else { return [] }
            let pairs = zip(a, state.target).prefix(3).enumerated()
                .map { "output \($0.offset + 1) is \(n($0.element.0)) against target \(n($0.element.1))" }
            return ["Of the outputs, " + pairs.joined(separator: ", ") + (a.count > 3 ? ", and so on." : ".")]
        case .backward:
            let l = state.layer ?? shape.outputLayer
            guard let d = displayed.deltas[l]?[safe: neuron] else {
                return ["The error has not reached \(layerName(l)) yet."]
            }
            var words = "Neuron \(neuron + 1) of \(layerName(l)) has error δ = \(n(d))"
            if let g = displayed.gradient(into: l, to: neuron, from: 0) {
                words += ", so the weight into it from \(l == 1 && inputImage != nil ? "pixel 1 of the image" : "neuron 1 below") has gradient ∂L/∂w = \(n(g))"
            }
            return [words + "."]
        case .update:
            let out = shape.outputLayer
            let w = state.weight(into: out, to: neuron, from: 0), w0 = state.previousWeight(into: out, to: neuron, from: 0)
            let from = out == 1 && inputImage != nil ? "pixel 1 of the image" : "neuron 1 below"
            return ["The weight into output neuron \(neuron + 1) from \(from) goes from \(n(w0)) to \(n(w))."]
        }
    }

    private var lossSentence: String? {
        guard state.phase != .forward, let loss = state.loss else { return nil }
        let what = state.phase == .update && state.setup.batchSize > 1 ? "The batch's mean loss" : "The loss"
        var words = "\(what) is \(n(loss))"
        if let previous = state.previousLoss, previous.iteration != state.iteration {
            words += ", \(loss < previous.loss ? "down" : loss > previous.loss ? "up" : "unchanged") from \(n(previous.loss)) at iteration \(previous.iteration)"
        }
        return words + "."
    }

    /// What this frame shows that the frame before did not.
    private var change: String {
        if let motion = state.motion {
            let percent = Int((progress(of: motion) * 100).rounded())
            switch motion {
            case let .forwardPulse(l, _):
                return "In motion, \(percent)% of the way: a pulse travels along the connections into \(layerName(l))."
            case let .backwardPulse(l, _):
                return "In motion, \(percent)% of the way: the error travels back along the connections out of \(layerName(l))."
            case .lossReveal:
                return "In motion, \(percent)% of the way: the outputs are joined to their targets and the cost counts up."
            case .morph:
                return "In motion, \(percent)% of the way: every weight morphs from its old value to its new one."
            }
        }
        if let batch = state.batch, batch.accumulating {
            return "New since the frame before: the gradient labels show the mean over the batch's first \(batch.position + 1) examples."
        }
        switch state.phase {
        case .forward:
            let l = state.layer ?? 1
            return "New since the frame before: the activations of \(layerName(l)), \(values(state.activations[l]))."
        case .loss:
            return "New since the frame before: the cost."
        case .backward:
            let l = state.layer ?? shape.outputLayer
            return "New since the frame before: the errors of \(layerName(l)), \(values(state.deltas[l])), and the gradients of the weights into it."
        case .update:
            return largestChange
        }
    }

    /// The progress of a motion, 0 → 1.
    private func progress(of motion: Motion) -> Double {
        switch motion {
        case let .forwardPulse(_, p), let .backwardPulse(_, p), let .lossReveal(p), let .morph(p): return p
        }
    }

    /// "0.12, −0.5 and 0.9", at most four values.
    private func values(_ list: [Double]?) -> String {
        guard let list, !list.isEmpty else { return "none yet" }
        var shown = list.prefix(4).map(n)
        if list.count > 4 { shown.append("\(list.count - 4) more") }
        return shown.count == 1 ? shown[0] : shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }

    /// The update's biggest weight change, named by its neurons.
    private var largestChange: String {
        var best: (layer: Int, index: Int, change: Double)?
        for l in 1..<state.weights.count {
            for (i, (w, w0)) in zip(state.weights[l], state.previousWeights[l]).enumerated() {
                let change = abs(w - w0)
                if change.isFinite, change > (best?.change ?? -1) { best = (l, i, change) }
            }
        }
        guard let best, best.change > 0 else { return "Nothing changed: every weight stayed where it was." }
        let below = shape.layers[best.layer - 1]
        let to = best.index / below, from = best.index % below
        let w0 = state.previousWeights[best.layer][best.index], w = state.weights[best.layer][best.index]
        return "The largest change since the frame before is the weight from \(source(from, layer: best.layer - 1)) "
            + "to neuron \(to + 1) of \(layerName(best.layer)), from \(n(w0)) to \(n(w))."
    }
}

fileprivate extension Array {
    /// The element at `index`, or `nil` outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
