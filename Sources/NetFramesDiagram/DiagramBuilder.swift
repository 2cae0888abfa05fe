import Foundation
import NetFramesEngine
import NetFramesScene
import NetFramesRun

/// Draws one state of a network into a scene: connections, weight labels, neurons and
/// their labels, the targets column, the header and the caption.
///
/// The phase decides the emphasis: a forward frame rings the layer just computed and
/// greys the layers not reached yet; the loss frame joins outputs to targets; a
/// backward frame shows deltas and the gradients into the layer just reached, tinted
/// by sign; an update frame shows old → new.
public struct DiagramBuilder: Sendable {
    /// How frames look.
    public let style: DiagramStyle
    /// The colours of `style.theme`.
    public let theme: Theme
    let measurer: any TextMeasuring
    /// The layout of frames that show single values.
    public let valuesLayout: DiagramLayout
    /// The layout of update frames, with room for old → new labels.
    public let changesLayout: DiagramLayout

    /// A builder for `setup`'s network in `style`; both layouts are computed once, here.
    public init(setup: TrainingSetup, style: DiagramStyle, measurer: any TextMeasuring) {
        self.init(setup: setup, style: style, measurer: measurer,
                  minimumTextSize: DiagramLayout.Projector.minimumTextSize(style))
    }

    /// A builder whose layouts keep every text at least `minimumTextSize` (`nil`: texts
    /// shrink to fit), as a comparison's tiles keep the whole canvas's minimum.
    init(setup: TrainingSetup, style: DiagramStyle, measurer: any TextMeasuring, minimumTextSize: Double?) {
        self.style = style
        self.theme = Theme.named(style.theme)
        self.measurer = measurer
        valuesLayout = DiagramLayout(setup: setup, style: style, labelSet: .values, measurer: measurer,
                                     minimumTextSize: minimumTextSize)
        changesLayout = DiagramLayout(setup: setup, style: style, labelSet: .changes, measurer: measurer,
                                      minimumTextSize: minimumTextSize)
    }

    /// The layout a state is drawn with.
    public func layout(for state: DiagramState) -> DiagramLayout {
        state.phase == .update ? changesLayout : valuesLayout
    }

    /// The scene of one state (mid-motion if the state carries a motion).
    public func scene(_ state: DiagramState) -> Scene {
        var frame = Frame(builder: self, layout: layout(for: state), state: state)
        if let title = state.titleCard {
            frame.drawTitleCard(title)
        } else {
            frame.draw()
        }
        return Scene(width: style.width, height: style.height, background: theme.background, items: frame.items,
                     title: frame.title, summary: altText(of: state), caption: frame.caption)
    }
}

/// The drawing of one frame, item by item.
struct Frame {
    let builder: DiagramBuilder
    let layout: DiagramLayout
    let state: DiagramState
    var items: [SceneItem] = []

    /// The settled numbers, for the caption.
    let settled: DiagramState

    /// `state` is drawn with its motion applied; the caption works with the settled numbers.
    init(builder: DiagramBuilder, layout: DiagramLayout, state: DiagramState) {
        self.builder = builder
        self.layout = layout
        self.settled = state
        self.state = state.displayed
        items.reserveCapacity(512)
    }

    var theme: Theme { builder.theme }
    var shape: NetworkShape { state.shape }
    var format: NumberFormat { layout.format }
    var phaseColor: Color {
        switch state.phase {
        case .forward, .loss: return theme.forward
        case .backward: return theme.backward
        case .update: return theme.update
        }
    }

    var phaseName: String { DiagramBuilder.phaseName(of: state) }

    var title: String {
        "\(state.runName): iteration \(state.iteration), \(phaseName)"
    }

    /// The caption's lines, worked with the settled numbers (a title card's is its title).
    var caption: [String] {
        if let title = state.titleCard { return [title] }
        return builder.captionLines(of: settled)
    }

    mutating func draw() {
        drawConnections()
        drawWeightImages()
        drawPulses()
        drawSteps()
        drawWeightLabels()
        drawNeurons()
        drawNeuronLabels()
        drawInputsAndTargets()
        drawOptimizerCard()
        drawTitles()
        drawHeader()
        drawPanels()
        drawLegend()
        drawCaption()
    }

    // MARK: Text

    /// The font `string` is drawn in to fit `width`: `font`, or smaller if it would
    /// overflow; `nil` if that is below the layout's minimum text size (projector), where
    /// the text is left out rather than drawn too small to read.
    func fitted(_ string: String, font: Font, width: Double) -> Font? {
        var f = font
        let w = builder.measurer.measure(string, font: font).width
        if w > width, w > 0 {
            f.size = font.size * width / w * 0.999
            if let minimum = layout.minimumTextSize, f.size < minimum { return nil }
        }
        return f
    }

    /// A text fitted into `width`: drawn smaller if the font would overflow it, or left
    /// out if that would be below the minimum text size. Says whether it was drawn.
    @discardableResult
    mutating func text(_ string: String, at p: Point, font: Font, color: Color, width: Double,
                       horizontal: HorizontalAnchor = .center, vertical: VerticalAnchor = .middle) -> Bool {
        guard let f = fitted(string, font: font, width: width) else { return false }
        items.append(.text(TextItem(string, at: p, font: f, color: color, horizontal: horizontal, vertical: vertical)))
        return true
    }

    /// The first of `strings` that fits `width` at or above the minimum text size,
    /// drawn as `text` draws it: a shorter wording where the full one would be left out
    /// (only the first is ever drawn when texts may shrink).
    mutating func text(firstFitting strings: [String], at p: Point, font: Font, color: Color, width: Double,
                       horizontal: HorizontalAnchor = .center) {
        for string in strings where text(string, at: p, font: font, color: color, width: width, horizontal: horizontal) {
            return
        }
    }

    /// A label centred in `box` on a backdrop as wide as its text (never wider than the
    /// box); neither is drawn if the text would be below the minimum text size.
    mutating func label(_ string: String, in box: Rect, color: Color? = nil, backdrop: Color? = nil, border: Color? = nil) {
        let pad = layout.labelPadding
        guard fitted(string, font: layout.labelFont, width: box.width - 2 * pad) != nil else { return }
        let textWidth = builder.measurer.measure(string, font: layout.labelFont).width
        let width = min(box.width, textWidth + 2 * pad)
        let fitted = Rect(x: box.center.x - width / 2, y: box.minY, width: width, height: box.height)
        items.append(.rect(fitted, cornerRadius: pad * 1.5, fill: backdrop ?? theme.labelBackdrop,
                           stroke: Stroke(border ?? theme.labelBorder, width: max(0.5, layout.lineUnit * 0.7))))
        text(string, at: box.center, font: layout.labelFont, color: color ?? theme.text, width: box.width - 2 * pad)
    }

    // MARK: Reached or not

    func forwardReached(_ l: Int) -> Bool { state.activations[l] != nil }

    /// How strongly the connections into layer `l` are drawn in this phase.
    func connectionAlpha(into l: Int) -> Double {
        if accumulating { return 1 }
        switch state.phase {
        case .forward:
            let current = state.layer ?? 1
            return l == current ? 1 : l < current ? 0.55 : 0.18
        case .loss, .update: return 1
        case .backward:
            let current = state.layer ?? shape.outputLayer
            return l == current ? 1 : l > current ? 0.55 : 0.35
        }
    }

    // MARK: Connections

    mutating func drawConnections() {
        for l in 1..<shape.layerCount where layout.drawsLines(into: l) {
            let alpha = connectionAlpha(into: l)
            for toSlot in layout.slots[l] {
                guard let to = toSlot.neuronIndex else { continue }
                for fromSlot in layout.slots[l - 1] {
                    guard let from = fromSlot.neuronIndex else { continue }
                    let w = state.weight(into: l, to: to, from: from)
                    items.append(.line(from: fromSlot.center, to: toSlot.center, stroke: connectionStroke(w, alpha: alpha)))
                }
            }
        }
    }

    /// True for a batch's accumulate moment: every gradient label shows its running mean.
    var accumulating: Bool { state.batch?.accumulating == true }

    mutating func drawWeightLabels() {
        let backwardLayer = state.phase == .backward ? state.layer : nil
        for placement in layout.weightLabels {
            let l = placement.layer
            if accumulating, let g = state.gradient(into: l, to: placement.to, from: placement.from) {
                let tint = theme.labelBackdrop.mixed(with: g >= 0 ? theme.positive : theme.negative, 0.22).withAlpha(0.95)
                label(format(g), in: placement.box, backdrop: tint, border: theme.update)
                continue
            }
            let w = state.weight(into: l, to: placement.to, from: placement.from)
            if state.phase == .update {
                let old = state.previousWeight(into: l, to: placement.to, from: placement.from)
                let (before, after) = (format(old), format(w))
                label(before == after ? after : "\(before) → \(after)", in: placement.box,
                      border: before == after ? nil : theme.update)
            } else if l == backwardLayer {
                // The gradient, or "?" while the error is still travelling back to it.
                if let g = state.gradient(into: l, to: placement.to, from: placement.from) {
                    let tint = theme.labelBackdrop.mixed(with: g >= 0 ? theme.positive : theme.negative, 0.22).withAlpha(0.95)
                    label(format(g), in: placement.box, backdrop: tint, border: theme.backward)
                } else {
                    label("?", in: placement.box, color: theme.mutedText, border: theme.backward)
                }
            } else {
                let alpha = connectionAlpha(into: l)
                // Faded with its connections, but under projector never below 4.5:1 (5.2:1 on white).
                let least = style.theme == .projector ? 0.6 : 0.45
                label(format(w), in: placement.box, color: theme.text.withAlpha(max(least, alpha)),
                      backdrop: theme.labelBackdrop.withAlpha(theme.labelBackdrop.alpha * max(0.6, alpha)))
            }
        }
    }

    // MARK: Neurons

    /// How much the neurons of layer `l` swell as a pulse arrives (as the 2015 sketch's did).
    func growth(layer l: Int) -> Double {
        switch state.motion {
        case let .forwardPulse(layer, progress)? where layer == l, let .backwardPulse(layer, progress)? where layer == l:
            let f = DiagramState.reveal(progress)
            return f > 0 ? 1 + 0.18 * sin(Double.pi * f) : 1
        default: return 1
        }
    }

    mutating func drawNeurons() {
        let outline = max(1, layout.lineUnit * 1.6)
        let current: Int? = state.phase == .forward || state.phase == .backward ? state.layer : nil
        for l in 0..<shape.layerCount {
            let emphasised = l == current || (state.phase == .loss && l == shape.outputLayer)
                || state.phase == .update && l > 0
            for slot in layout.slots[l] {
                switch slot {
                case .ellipsis:
                    continue
                case let .neuron(j, c):
                    let r = layout.radius * growth(layer: l)
                    let value: Double? = l == 0 ? state.input[j] : state.activations[l]?[j]
                    if let value {
                        let ring = emphasised ? Stroke(phaseColor, width: outline * 1.8) : Stroke(theme.neuronOutline, width: outline)
                        items.append(.circle(center: c, radius: r, fill: theme.neuronFill(value), stroke: ring))
                    } else {
                        items.append(.circle(center: c, radius: r, fill: theme.neuronZero,
                                             stroke: Stroke(theme.pending, width: outline, dash: [outline * 2.5, outline * 2])))
                    }
                    if emphasised && j == layout.highlightedNeuron && state.phase != .update {
                        items.append(.circle(center: c, radius: r + outline * 2.2, fill: nil,
                                             stroke: Stroke(phaseColor.withAlpha(0.55), width: outline)))
                    }
                }
            }
        }
    }

    var style: DiagramStyle { builder.style }

    mutating func drawNeuronLabels() {
        for l in 0..<shape.layerCount {
            for (s, slot) in layout.slots[l].enumerated() {
                if case let .ellipsis(hidden, _) = slot, let box = layout.ellipsisBoxes[l][s] {
                    label(DiagramLayout.ellipsisText(hidden), in: box, color: theme.mutedText, backdrop: .clear, border: .clear)
                }
            }
            let symbol = l == 0 ? "x" : state.setup.activation(layer: l).symbol
            for (s, slot) in layout.slots[l].enumerated() {
                guard let j = slot.neuronIndex else { continue }
                if let box = layout.activationBoxes[l][s] {
                    if accumulating, let mean = state.deltas[l]?[j] {
                        let tint = theme.labelBackdrop.mixed(with: mean >= 0 ? theme.positive : theme.negative, 0.22)
                        label("δ̄=" + format(mean), in: box, backdrop: tint.withAlpha(0.95), border: theme.update)
                    } else if let delta = state.deltas[l]?[j], state.phase == .backward {
                        let tint = theme.labelBackdrop.mixed(with: delta >= 0 ? theme.positive : theme.negative, 0.22)
                        label("δ=" + format(delta), in: box, backdrop: tint.withAlpha(0.95), border: theme.backward)
                    } else if l == 0 {
                        label("x=" + format(state.input[j]), in: box)
                    } else if let a = state.activations[l]?[j] {
                        label(symbol + "=" + format(a), in: box)
                    } else {
                        label(symbol + "=?", in: box, color: theme.mutedText)
                    }
                }
                if let box = layout.biasBoxes[l][s] {
                    let b = format(state.biases[l][j]), old = format(state.previousBiases[l][j])
                    if state.phase == .update && old != b {
                        label("b=\(old) → \(b)", in: box, border: theme.update)
                    } else {
                        label("b=" + b, in: box, color: theme.text)
                    }
                }
            }
        }
    }

    mutating func drawInputsAndTargets() {
        for (s, slot) in layout.slots[0].enumerated() {
            guard let j = slot.neuronIndex, let box = layout.inputBoxes[s] else { continue }
            let text = "x" + DiagramLayout.subscripted(j + 1) + "=" + format(state.input[j])
            label(text, in: box, backdrop: .clear, border: .clear)
        }
        let out = shape.outputLayer
        for (s, slot) in layout.slots[out].enumerated() {
            guard let j = slot.neuronIndex, let box = layout.targetBoxes[s] else { continue }
            let showError = state.phase != .forward
            if showError {
                let start = Point(slot.center.x + layout.radius + layout.lineUnit * 3, slot.center.y)
                let end = Point(box.minX - layout.lineUnit * 2, slot.center.y)
                var end2 = end
                if case let .lossReveal(progress)? = state.motion { end2 = start.lerp(to: end, progress) }
                if end2.x > start.x {
                    let end = end2
                    let emphasise = state.phase == .loss
                    items.append(.line(from: start, to: end, stroke: Stroke(
                        (emphasise ? theme.forward : theme.mutedText).withAlpha(emphasise ? 0.9 : 0.5),
                        width: layout.lineUnit * (emphasise ? 1.6 : 1), dash: [layout.lineUnit * 4, layout.lineUnit * 3])))
                }
            }
            label("t=" + format(state.target[j]), in: box,
                  border: state.phase == .loss ? theme.forward : theme.labelBorder)
        }
    }

}
