import Foundation
import NetFramesEngine
import NetFramesScene

/// What an update by an optimizer other than plain SGD adds to the frame: an arrow along
/// every connection for its step, and the optimizer's state for the followed weight.
extension Frame {
    /// Whether the frame shows the optimizer's step and state (never for plain SGD on
    /// one example, whose frames stay as they always were).
    var showsOptimizer: Bool { state.phase == .update && !state.setup.isPlainSGD }

    /// The largest |step| of any weight in the frame, which is drawn as an arrow 0.3 of
    /// its connection long; the others are drawn in proportion.
    var largestStep: Double {
        var largest = 0.0
        for l in 1..<shape.layerCount {
            for (new, old) in zip(settled.weights[l], settled.previousWeights[l]) where (new - old).isFinite {
                largest = max(largest, abs(new - old))
            }
        }
        return largest
    }

    /// An arrow along each connection, pointing towards the neuron it feeds when the
    /// weight grows and back when it shrinks, as long as the step (in proportion to the
    /// frame's largest); it grows as the weights morph.
    mutating func drawSteps() {
        guard showsOptimizer else { return }
        var progress = 1.0
        if case let .morph(p)? = state.motion { progress = p }
        let largest = largestStep
        guard progress > 0, largest > 0 else { return }
        let width = max(1.5, layout.lineUnit * 2.6)
        for l in 1..<shape.layerCount where layout.drawsLines(into: l) {
            for toSlot in layout.slots[l] {
                guard let to = toSlot.neuronIndex else { continue }
                for fromSlot in layout.slots[l - 1] {
                    guard let from = fromSlot.neuronIndex else { continue }
                    let step = settled.weight(into: l, to: to, from: from) - settled.previousWeight(into: l, to: to, from: from)
                    guard step != 0, step.isFinite else { continue }
                    let a = fromSlot.center, b = toSlot.center
                    let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                    guard length > 0 else { continue }
                    let (ux, uy) = ((b.x - a.x) / length, (b.y - a.y) / length)
                    // Centred a quarter of the way in from the source, clear of the labels near the middle.
                    let centre = Point(a.x + (b.x - a.x) * 0.27, a.y + (b.y - a.y) * 0.27)
                    let half = length * 0.3 * abs(step) / largest * progress / 2
                    let sign: Double = step > 0 ? 1 : -1
                    let tail = Point(centre.x - ux * half * sign, centre.y - uy * half * sign)
                    let tip = Point(centre.x + ux * half * sign, centre.y + uy * half * sign)
                    let color = theme.update
                    items.append(.line(from: tail, to: tip, stroke: Stroke(color, width: width)))
                    let head = min(width * 4, max(width * 2.2, half))
                    let (dx, dy) = (ux * sign, uy * sign)
                    items.append(.polygon([tip,
                                           Point(tip.x - dx * head - dy * head * 0.55, tip.y - dy * head + dx * head * 0.55),
                                           Point(tip.x - dx * head + dy * head * 0.55, tip.y - dy * head - dx * head * 0.55)],
                                          fill: color))
                }
            }
        }
    }

    /// The optimizer's state for the followed weight (from neuron 1 into the followed
    /// output neuron), in a card under that neuron's target: velocity, √s, or m̂ and √v̂.
    mutating func drawOptimizerCard() {
        guard showsOptimizer else { return }
        let out = shape.outputLayer, j = layout.highlightedNeuron
        guard let slotIndex = layout.slots[out].firstIndex(where: { $0.neuronIndex == j }),
              let target = layout.targetBoxes[slotIndex] else { return }
        let lines = optimizerCardLines()
        guard !lines.isEmpty else { return }
        let font = layout.labelFont
        let widest = lines.map { builder.measurer.measure($0, font: font).width }.max() ?? 0
        let pad = layout.labelPadding
        let lineHeight = target.height
        let width = widest + 2 * pad
        let height = lineHeight * Double(lines.count) + pad
        let gap = lineHeight * 0.4
        // Under the target, then above it: right-aligned with it (clear of the panels), then
        // left-aligned (clear of the output labels). Where all four would cover a label, as
        // in a tall output layer, the card is left out: the caption prints the same state.
        let below = target.maxY + gap, above = target.minY - gap - height
        let candidates = [below, above].flatMap { y in
            [Rect(x: target.maxX - width, y: y, width: width, height: height),
             Rect(x: target.minX, y: y, width: width, height: height)]
        }
        let taken = layout.allLabelBoxes
        let area = layout.diagramBox
        guard let box = candidates.first(where: { c in
            area.contains(c) && !taken.contains { $0.intersects(c) }
        }) else { return }
        items.append(.rect(box, cornerRadius: pad * 1.5, fill: theme.labelBackdrop,
                           stroke: Stroke(theme.update, width: max(0.5, layout.lineUnit * 0.7))))
        for (i, line) in lines.enumerated() {
            text(line, at: Point(box.minX + pad, box.minY + pad / 2 + lineHeight * (Double(i) + 0.5)), font: font,
                 color: i == 0 ? theme.mutedText : theme.text, width: width - 2 * pad, horizontal: .left)
        }
    }

    /// The card's lines: a heading naming the weight, then the state.
    func optimizerCardLines() -> [String] {
        let out = shape.outputLayer, j = layout.highlightedNeuron
        func value(_ name: String) -> Double? { settled.optimizerState(name, into: out, to: j, from: 0) }
        let heading = "w 1→\(j + 1)"
        switch settled.setup.optimizer {
        case .sgd:
            return []
        case .momentum:
            return value("velocity").map { [heading, "v = " + format($0)] } ?? []
        case .rmsprop:
            return value("meanSquare").map { [heading, "√s = " + format($0.squareRoot())] } ?? []
        case let .adam(beta1, beta2, _, _):
            guard let m = value("m"), let v = value("v") else { return [] }
            let t = Double(settled.iteration + 1)
            return [heading, "m̂ = " + format(m / (1 - pow(beta1, t))), "√v̂ = " + format((v / (1 - pow(beta2, t))).squareRoot())]
        }
    }
}
