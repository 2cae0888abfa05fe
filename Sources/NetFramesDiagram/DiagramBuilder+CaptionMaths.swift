import NetFramesScene

/// The caption drawn as maths: each line set by `MathTypesetter` in its slot of the
/// caption band, its fractions stacked where the slot has room for them; a line that
/// does not fit even with its fractions inline is drawn as plain text, as before.
extension DiagramBuilder {
    /// The caption's lines as maths; `nil` when the state brings its own caption
    /// (a fast-forward's), which is drawn as plain text.
    func captionMaths(of state: DiagramState) -> [MathLine]? {
        guard state.captionOverride == nil else { return nil }
        let layout = layout(for: state)
        return Caption(state: state, format: layout.format, neuron: layout.highlightedNeuron,
                       inputImage: layout.inputImage, classNames: style.classNames).typeset
    }
}

extension Theme {
    /// The colour a caption draws `ink` in on a line whose own colour is `base`: numbers
    /// in the colour of the element they come from, made legible on the canvas.
    func color(of ink: MathInk, base: Color) -> Color {
        switch ink {
        case .base: return base
        case .strong: return text
        case let .weight(w): return legible(signHue(w, neutral: base))
        case let .activation(a): return legible(signHue(a, neutral: base))
        case .delta, .gradient: return legible(backward)
        case .target: return legible(forward)
        case .rate, .optimizerState: return legible(update)
        }
    }
}

extension Frame {
    /// The smallest size, in scene units (pixels of a PNG at scale 1, CSS pixels of an
    /// SVG), a stacked fraction's parts are drawn at; below it fractions are set inline.
    static let smallestFractionSize = 7.0
    /// The largest size of a stacked fraction's parts, as a fraction of the caption font.
    static let largestFractionScale = 0.75
    /// The smallest size of a stacked fraction's parts, as a fraction of the caption font.
    static let smallestFractionScale = 0.6

    /// A caption line set as maths: its items, and the lowest y they reach.
    struct CaptionLineSet {
        /// The scene items.
        var items: [SceneItem]
        /// The bottom of the lowest font box.
        var bottom: Double
    }

    /// `line` set in `slot` (a line of the caption band), from its left edge on the
    /// baseline a middle-anchored text there would have; `nil` when the line does not fit
    /// the slot's width even with its fractions inline.
    ///
    /// Fractions are stacked when `stackRoom` is given and the stack fits in it (with
    /// parts at least `smallestFractionScale` of the caption font and
    /// `smallestFractionSize` units); otherwise they are set inline, and the
    /// line must keep within its slot.
    func typesetCaptionLine(_ line: MathLine, in slot: Rect, color base: Color,
                            stackRoom: ClosedRange<Double>?) -> CaptionLineSet? {
        let font = layout.captionFont
        let extent = builder.measurer.measure("Ag", font: font)
        let baseline = slot.center.y + (extent.ascent - extent.descent) / 2
        let theme = self.theme
        func setter(_ size: Double?) -> MathTypesetter {
            MathTypesetter(measurer: builder.measurer, font: font, color: { theme.color(of: $0, base: base) },
                           fractionSize: size)
        }
        let tolerance = font.size * 1e-9
        func fits(_ set: MathTypesetter.Layout, within room: ClosedRange<Double>) -> Bool {
            set.width <= slot.width + tolerance && baseline + set.top >= room.lowerBound - tolerance
                && baseline + set.bottom <= room.upperBound + tolerance
        }
        if line.hasFraction, let stackRoom,
           let size = fractionSize(room: stackRoom, barY: baseline - setter(nil).axisHeight, font: font, extent: extent) {
            let set = setter(size).layout(line.nodes)
            if fits(set, within: stackRoom) {
                return CaptionLineSet(items: set.items(at: Point(slot.minX, baseline)), bottom: baseline + set.bottom)
            }
        }
        let set = setter(nil).layout(line.nodes)
        guard fits(set, within: slot.minY...slot.maxY) else { return nil }
        return CaptionLineSet(items: set.items(at: Point(slot.minX, baseline)), bottom: baseline + set.bottom)
    }

    /// The size of a stacked fraction's parts with its bar at `barY`: as large as `room`
    /// allows above and below the bar for a part's font box, the gap and half the bar,
    /// at most `largestFractionScale` of the caption font; `nil` when too small to read.
    func fractionSize(room: ClosedRange<Double>, barY: Double, font: Font, extent: TextExtent) -> Double? {
        let probe = MathTypesetter(measurer: builder.measurer, font: font, color: { _ in .black }, fractionSize: nil)
        let half = min(barY - room.lowerBound, room.upperBound - barY) - probe.barThickness / 2 - probe.barGap
        // Font extents scale with the size: a part of size p is p · (height / size) tall.
        let size = min(font.size * Self.largestFractionScale, half * font.size / extent.height)
        guard size >= font.size * Self.smallestFractionScale, size >= Self.smallestFractionSize else {
            return nil
        }
        return size
    }
}
