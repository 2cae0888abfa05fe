import Foundation
import NetFramesScene

extension Frame {
    /// Dots travelling along the connections: the signal forward, the error backward.
    mutating func drawPulses() {
        guard let motion = state.motion else { return }
        let dot = max(3, layout.lineUnit * 5)
        switch motion {
        case let .forwardPulse(l, progress):
            let t = DiagramState.travel(progress)
            guard t < 1 else { return }
            if !layout.drawsLines(into: l) {
                for (from, to) in imageLinks(into: l) {
                    items.append(.circle(center: from.lerp(to: to, t), radius: dot,
                                         fill: theme.forward, stroke: Stroke(theme.background ?? .white, width: dot * 0.3)))
                }
                return
            }
            for toSlot in layout.slots[l] where toSlot.neuronIndex != nil {
                for fromSlot in layout.slots[l - 1] where fromSlot.neuronIndex != nil {
                    items.append(.circle(center: fromSlot.center.lerp(to: toSlot.center, t), radius: dot,
                                         fill: theme.forward, stroke: Stroke(theme.background ?? .white, width: dot * 0.3)))
                }
            }
        case let .backwardPulse(l, progress):
            let t = DiagramState.travel(progress)
            guard t < 1 else { return }
            if l == shape.outputLayer {
                // The error starts at the targets.
                for (s, slot) in layout.slots[l].enumerated() {
                    guard let j = slot.neuronIndex, let box = layout.targetBoxes[s] else { continue }
                    let sign = settled.deltas[l]?[j] ?? 0
                    let from = Point(box.minX, slot.center.y)
                    items.append(.circle(center: from.lerp(to: slot.center, t), radius: dot,
                                         fill: sign >= 0 ? theme.positive : theme.negative,
                                         stroke: Stroke(theme.backward, width: dot * 0.35)))
                }
            } else if !layout.drawsLines(into: l + 1) {
                // Back from each neuron above to its row of the heatmap.
                for (s, (row, neuron)) in imageLinks(into: l + 1).enumerated() {
                    let i = layout.slots[l + 1].compactMap(\.neuronIndex)[s]
                    let sign = settled.deltas[l + 1]?[i] ?? 0
                    items.append(.circle(center: neuron.lerp(to: row, t), radius: dot,
                                         fill: sign >= 0 ? theme.positive : theme.negative,
                                         stroke: Stroke(theme.backward, width: dot * 0.35)))
                }
            } else {
                for fromSlot in layout.slots[l + 1] {
                    guard let i = fromSlot.neuronIndex else { continue }
                    let sign = settled.deltas[l + 1]?[i] ?? 0
                    for toSlot in layout.slots[l] where toSlot.neuronIndex != nil {
                        items.append(.circle(center: fromSlot.center.lerp(to: toSlot.center, t), radius: dot,
                                             fill: sign >= 0 ? theme.positive : theme.negative,
                                             stroke: Stroke(theme.backward, width: dot * 0.35)))
                    }
                }
            }
        case .lossReveal, .morph:
            return
        }
    }

    /// Where a pulse travels into `l` when its weights are images: from the input image
    /// to each receptive field, or from each row of the heatmap to its shown neuron.
    func imageLinks(into l: Int) -> [(Point, Point)] {
        if l == 1, let image = layout.imageBox {
            let start = Point(image.maxX, image.center.y)
            return layout.receptiveFieldBoxes.compactMap { $0.map { (start, Point($0.minX, $0.center.y)) } }
        }
        guard let box = layout.heatmapBoxes[l] else { return [] }
        let cellHeight = box.height / Double(shape.layers[l])
        return layout.slots[l].compactMap { slot in
            slot.neuronIndex.map { j in
                (Point(box.maxX, box.minY + (Double(j) + 0.5) * cellHeight), Point(slot.center.x - layout.radius, slot.center.y))
            }
        }
    }
}
