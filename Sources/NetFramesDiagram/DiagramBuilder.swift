import Foundation
import NetFramesEngine
import NetFramesScene

/// Draws one state of a network into a scene: connections, weight labels, neurons and
/// their labels, the targets column, the header and the caption.
///
/// The phase decides the emphasis: a forward frame rings the layer just computed and
/// greys the layers not reached yet; the loss frame joins outputs to targets; a
/// backward frame shows deltas and the gradients into the layer just reached, tinted
/// by sign; an update frame shows old → new.
public struct DiagramBuilder: Sendable {
    public let style: DiagramStyle
    public let theme: Theme
    let measurer: any TextMeasuring
    /// Layouts for frames that show single values, and for update frames.
    public let valuesLayout: DiagramLayout
    public let changesLayout: DiagramLayout

    public init(setup: TrainingSetup, style: DiagramStyle, measurer: any TextMeasuring) {
        self.style = style
        self.theme = Theme.named(style.theme)
        self.measurer = measurer
        valuesLayout = DiagramLayout(setup: setup, style: style, labelSet: .values, measurer: measurer)
        changesLayout = DiagramLayout(setup: setup, style: style, labelSet: .changes, measurer: measurer)
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
                     title: frame.title, summary: frame.summary)
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

    var phaseName: String {
        switch state.phase {
        case .forward: return "forward, layer \(state.layer ?? 1)"
        case .loss: return "cost"
        case .backward: return "backprop, layer \(state.layer ?? shape.outputLayer)"
        case .update: return "update"
        }
    }

    var title: String {
        "\(state.runName): iteration \(state.iteration), \(phaseName)"
    }

    var summary: String {
        (settled.captionOverride ?? Caption(state: settled, format: format, neuron: layout.highlightedNeuron).lines)
            .joined(separator: " ")
    }

    mutating func draw() {
        drawConnections()
        drawPulses()
        drawWeightLabels()
        drawNeurons()
        drawNeuronLabels()
        drawInputsAndTargets()
        drawTitles()
        drawHeader()
        drawPanels()
        drawLegend()
        drawCaption()
    }

    // MARK: Text

    /// A text fitted into `width`: drawn smaller if the font would overflow it.
    mutating func text(_ string: String, at p: Point, font: Font, color: Color, width: Double,
                       horizontal: HorizontalAnchor = .center, vertical: VerticalAnchor = .middle) {
        var f = font
        let w = builder.measurer.measure(string, font: font).width
        if w > width, w > 0 {
            f.size = font.size * width / w * 0.999
        }
        items.append(.text(TextItem(string, at: p, font: f, color: color, horizontal: horizontal, vertical: vertical)))
    }

    /// A label centred in `box` on a backdrop as wide as its text (never wider than the box).
    mutating func label(_ string: String, in box: Rect, color: Color? = nil, backdrop: Color? = nil, border: Color? = nil) {
        let pad = layout.labelPadding
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
        for l in 1..<shape.layerCount {
            let alpha = connectionAlpha(into: l)
            for toSlot in layout.slots[l] {
                guard let to = toSlot.neuronIndex else { continue }
                for fromSlot in layout.slots[l - 1] {
                    guard let from = fromSlot.neuronIndex else { continue }
                    let w = state.weight(into: l, to: to, from: from)
                    let color = theme.lineColor(w).withAlpha(alpha)
                    let width = Theme.lineWeight(w) * layout.lineUnit
                    items.append(.line(from: fromSlot.center, to: toSlot.center, stroke: Stroke(color, width: width)))
                }
            }
        }
    }

    mutating func drawWeightLabels() {
        let backwardLayer = state.phase == .backward ? state.layer : nil
        for placement in layout.weightLabels {
            let l = placement.layer
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
                label(format(w), in: placement.box, color: theme.text.withAlpha(max(0.45, alpha)),
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

    /// Dots travelling along the connections: the signal forward, the error backward.
    mutating func drawPulses() {
        guard let motion = state.motion else { return }
        let dot = max(3, layout.lineUnit * 5)
        switch motion {
        case let .forwardPulse(l, progress):
            let t = DiagramState.travel(progress)
            guard t < 1 else { return }
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
                    if let delta = state.deltas[l]?[j], state.phase == .backward {
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

    // MARK: Title cards

    /// A card between chapters: the run's name and the chapter's title, centred.
    mutating func drawTitleCard(_ title: String) {
        let f = style.resolvedFontSize
        let centre = Point(style.width / 2, style.height / 2)
        text(state.runName, at: Point(centre.x, centre.y - f * 2.2), font: Font(family: style.fontFamily, size: f * 1.6),
             color: theme.mutedText, width: style.width * 0.9)
        text(title, at: centre, font: Font(family: style.fontFamily, size: f * 2.6, bold: true), color: theme.text,
             width: style.width * 0.9)
        text("from iteration \(state.iteration)", at: Point(centre.x, centre.y + f * 2.4),
             font: Font(family: style.fontFamily, size: f * 1.2), color: theme.mutedText, width: style.width * 0.9)
    }

    // MARK: Bands

    func layerTitle(_ l: Int) -> String {
        if l == 0 { return "Input" }
        let act = state.setup.activation(layer: l).rawValue
        if l == shape.outputLayer { return "Output (\(act))" }
        return shape.layerCount > 3 ? "Hidden \(l) (\(act))" : "Hidden (\(act))"
    }

    mutating func drawTitles() {
        guard let band = layout.titleBox else { return }
        let xs = layout.layerX
        let gap = layout.titleFont.size
        // The targets title first: the output title must end before it.
        var rightLimit = band.maxX
        if let box = layout.targetBoxes.compactMap({ $0 }).first {
            let width = min(max(box.width, builder.measurer.measure("Targets", font: layout.titleFont).width), band.maxX - box.minX + box.width)
            let centre = min(box.center.x, band.maxX - width / 2)
            text("Targets", at: Point(centre, band.center.y), font: layout.titleFont,
                 color: state.phase == .loss ? theme.forward : theme.text, width: width)
            rightLimit = centre - width / 2 - gap
        }
        for l in 0..<shape.layerCount {
            let left = l == 0 ? band.minX : (xs[l - 1] + xs[l]) / 2 + gap / 2
            let right = l == shape.outputLayer ? rightLimit : (xs[l] + xs[l + 1]) / 2 - gap / 2
            // Centred on its column when it fits; otherwise slid sideways within its
            // room; shrunk only when the room itself is too small.
            let title = layerTitle(l)
            let width = builder.measurer.measure(title, font: layout.titleFont).width
            let room = max(1, right - left)
            let centre = width >= room ? (left + right) / 2 : min(max(xs[l], left + width / 2), right - width / 2)
            let highlighted = (state.phase == .forward || state.phase == .backward) && state.layer == l
            text(title, at: Point(centre, band.center.y), font: layout.titleFont,
                 color: highlighted ? phaseColor : theme.text, width: room)
        }
    }

    mutating func drawHeader() {
        guard let band = layout.headerBox else { return }
        var status = "iteration \(state.iteration) · example \(state.example) · \(phaseName)"
        if let loss = state.loss { status += " · loss \(format(loss))" }
        let nameWidth = builder.measurer.measure(state.runName, font: layout.headerFont).width
        let available = band.width * 0.98
        let nameRoom = min(nameWidth, available * 0.4)
        text(state.runName, at: Point(band.minX, band.center.y), font: layout.headerFont, color: theme.text,
             width: nameRoom, horizontal: .left)
        let statusRoom = available - nameRoom - layout.statusFont.size
        text(status, at: Point(band.maxX, band.center.y), font: layout.statusFont, color: phaseColor,
             width: statusRoom, horizontal: .right)
    }

    /// A key: what the hues, widths, ring and tinted boxes of this frame mean.
    mutating func drawLegend() {
        guard let band = layout.legendBox else { return }
        let font = layout.legendFont
        let unit = font.size
        var x = band.minX
        let y = band.center.y
        func width(_ s: String) -> Double { builder.measurer.measure(s, font: font).width }
        var entries: [(swatch: Swatch, text: String)] = [
            (.line(theme.positive), "positive weight"),
            (.line(theme.negative), "negative weight"),
            (.widths, "thicker: larger |w|"),
        ]
        if state.phase != .update { entries.append((.ring(phaseColor), "the neuron the caption follows")) }
        switch state.phase {
        case .backward: entries.append((.box(theme.backward), "δ = ∂L/∂z and ∂L/∂w, tinted by sign"))
        case .update: entries.append((.box(theme.update), "old → new"))
        case .loss: entries.append((.dash(theme.forward), "output against target"))
        case .forward: entries.append((.dashedCircle, "not computed yet"))
        }
        for (swatch, label) in entries {
            let needed = unit * 2.2 + width(label) + unit * 1.4
            if x + needed > band.maxX { break }
            drawSwatch(swatch, at: Point(x + unit, y), size: unit)
            x += unit * 2.2
            items.append(.text(TextItem(label, at: Point(x, y), font: font, color: theme.mutedText, horizontal: .left)))
            x += width(label) + unit * 1.4
        }
    }

    enum Swatch {
        case line(Color), widths, ring(Color), box(Color), dash(Color), dashedCircle
    }

    mutating func drawSwatch(_ swatch: Swatch, at c: Point, size: Double) {
        let half = size * 0.8
        switch swatch {
        case .line(let color):
            items.append(.line(from: Point(c.x - half, c.y), to: Point(c.x + half, c.y), stroke: Stroke(color, width: size * 0.25)))
        case .widths:
            items.append(.line(from: Point(c.x - half, c.y - size * 0.22), to: Point(c.x + half, c.y - size * 0.22),
                               stroke: Stroke(theme.mutedText, width: size * 0.08)))
            items.append(.line(from: Point(c.x - half, c.y + size * 0.18), to: Point(c.x + half, c.y + size * 0.18),
                               stroke: Stroke(theme.mutedText, width: size * 0.3)))
        case .ring(let color):
            items.append(.circle(center: c, radius: size * 0.42, fill: theme.neuronZero, stroke: Stroke(color, width: size * 0.14)))
        case .box(let color):
            items.append(.rect(Rect(x: c.x - half, y: c.y - size * 0.4, width: 2 * half, height: size * 0.8), cornerRadius: size * 0.15,
                               fill: theme.labelBackdrop.mixed(with: theme.positive, 0.22), stroke: Stroke(color, width: size * 0.1)))
        case .dash(let color):
            items.append(.line(from: Point(c.x - half, c.y), to: Point(c.x + half, c.y),
                               stroke: Stroke(color, width: size * 0.12, dash: [size * 0.3, size * 0.2])))
        case .dashedCircle:
            items.append(.circle(center: c, radius: size * 0.42, fill: theme.neuronZero,
                                 stroke: Stroke(theme.pending, width: size * 0.1, dash: [size * 0.2, size * 0.15])))
        }
    }

    mutating func drawCaption() {
        guard let band = layout.captionBox else { return }
        let lines = settled.captionOverride ?? Caption(state: settled, format: format, neuron: layout.highlightedNeuron).lines
        let lineHeight = band.height / 2
        for (i, line) in lines.prefix(2).enumerated() {
            text(line, at: Point(band.minX, band.minY + lineHeight * (Double(i) + 0.5)), font: layout.captionFont,
                 color: i == 0 ? theme.text : theme.mutedText, width: band.width, horizontal: .left)
        }
    }
}
