import NetFramesScene

/// Sets maths as ordinary scene items: each run a text (italic for variables), scripts
/// smaller and shifted off the baseline, a stacked fraction as two texts over a line.
/// Everything is measured with the backend's `TextMeasuring`, so the PNG, SVG and PDF of
/// a frame draw exactly these items.
///
/// Items are placed relative to an origin at the start of the baseline: x grows to the
/// right, y downwards (as in a scene), so a box's `top` is negative.
struct MathTypesetter {
    /// Measures texts as the backend draws them.
    let measurer: any TextMeasuring
    /// The font of upright text at the line's size; sizes and faces derive from it.
    let font: Font
    /// The colour of each ink.
    let color: (MathInk) -> Color
    /// The font size of a stacked fraction's numerator and denominator; `nil` sets
    /// every fraction inline.
    let fractionSize: Double?

    /// A script's size, as a fraction of the size it is attached to.
    static let scriptScale = 0.7
    /// How far a subscript's baseline drops, as a fraction of the size it is attached to.
    static let subscriptDrop = 0.18
    /// How far a superscript's baseline rises, as a fraction of the size it is attached to.
    static let superscriptRise = 0.36
    /// Space after an italic letter before upright text or a superscript, so the slant
    /// does not lean into a bracket (TeX's italic correction), as a fraction of the size.
    static let italicCorrection = 0.05

    /// Items set on one line, and the room they take.
    struct Layout {
        /// The items, relative to the origin at the start of the baseline.
        var items: [SceneItem] = []
        /// How far the line reaches right of the origin.
        var width = 0.0
        /// The highest font box top, relative to the baseline (negative is above it).
        var top = 0.0
        /// The lowest font box bottom, relative to the baseline.
        var bottom = 0.0
        /// Whether a fraction was stacked.
        var stacked = false

        /// The items moved so that the origin lands at `origin`.
        func items(at origin: Point) -> [SceneItem] {
            items.map { $0.offset(origin.x, origin.y) }
        }
    }

    /// The thickness of a fraction bar at the line's size.
    var barThickness: Double { max(0.5, font.size * 0.06) }
    /// The space between a fraction bar and the font boxes above and below it.
    var barGap: Double { font.size * 0.02 }
    /// The space on either side of a stacked fraction.
    var fractionSpace: Double { font.size * 0.12 }

    /// How far a fraction bar sits above the baseline: the middle of the font box, the
    /// height at which a middle-anchored label is centred and a minus sign sits.
    var axisHeight: Double {
        let extent = measurer.measure("0", font: font)
        return (extent.ascent - extent.descent) / 2
    }

    /// `nodes` set from the origin.
    func layout(_ nodes: [MathNode]) -> Layout {
        var layout = Layout()
        let font = self.font
        place(nodes, font: font, x: 0, baseline: 0, into: &layout)
        return layout
    }

    // MARK: Placing

    /// Places `nodes` at `x` on `baseline` in `font`; returns where the next node starts.
    @discardableResult
    private func place(_ nodes: [MathNode], font: Font, x start: Double, baseline: Double, into layout: inout Layout) -> Double {
        var x = start
        for (i, node) in nodes.enumerated() {
            switch node {
            case let .run(run):
                x = place(run, font: font, x: x, baseline: baseline, into: &layout)
                if run.italic, i + 1 < nodes.count, Self.wantsItalicCorrection(before: nodes[i + 1]) {
                    x += font.size * Self.italicCorrection
                }
            case let .sub(inner):
                var small = font
                small.size = font.size * Self.scriptScale
                x = place(inner, font: small, x: x, baseline: baseline + font.size * Self.subscriptDrop, into: &layout)
            case let .sup(inner):
                var small = font
                small.size = font.size * Self.scriptScale
                x = place(inner, font: small, x: x, baseline: baseline - font.size * Self.superscriptRise, into: &layout)
            case let .fraction(numerator, denominator, inline):
                if let fractionSize {
                    x = stack(numerator, over: denominator, size: fractionSize, x: x, baseline: baseline, into: &layout)
                } else {
                    x = place(inline, font: font, x: x, baseline: baseline, into: &layout)
                }
            }
        }
        layout.width = max(layout.width, x)
        return x
    }

    private func place(_ run: MathRun, font: Font, x: Double, baseline: Double, into layout: inout Layout) -> Double {
        var face = font
        face.italic = run.italic
        let extent = measurer.measure(run.text, font: face)
        layout.items.append(.text(TextItem(run.text, at: Point(x, baseline), font: face, color: color(run.ink),
                                           horizontal: .left, vertical: .baseline)))
        layout.top = min(layout.top, baseline - extent.ascent)
        layout.bottom = max(layout.bottom, baseline + extent.descent)
        return x + extent.width
    }

    /// A stacked fraction: numerator and denominator centred over and under a bar on the
    /// axis, their font boxes a small gap from it (so they never overlap each other).
    private func stack(_ numerator: [MathNode], over denominator: [MathNode], size: Double, x: Double,
                       baseline: Double, into layout: inout Layout) -> Double {
        var partFont = font
        partFont.size = size
        let sub = MathTypesetter(measurer: measurer, font: partFont, color: color, fractionSize: nil)
        let top = sub.layout(numerator), bottom = sub.layout(denominator)
        let width = max(top.width, bottom.width)
        let barY = baseline - axisHeight
        let half = barThickness / 2
        let topBaseline = barY - half - barGap - top.bottom
        let bottomBaseline = barY + half + barGap - bottom.top
        let left = x + fractionSpace
        layout.items += top.items(at: Point(left + (width - top.width) / 2, topBaseline))
        layout.items += bottom.items(at: Point(left + (width - bottom.width) / 2, bottomBaseline))
        // The bar reaches a little past the wider part; its round caps add half its thickness.
        let overhang = size * 0.08
        layout.items.append(.line(from: Point(left - overhang + half, barY), to: Point(left + width + overhang - half, barY),
                                  stroke: Stroke(color(.base), width: barThickness)))
        layout.top = min(layout.top, topBaseline + top.top)
        layout.bottom = max(layout.bottom, bottomBaseline + bottom.bottom)
        layout.stacked = true
        return left + width + fractionSpace
    }

    /// Whether an italic letter keeps its slant clear of `next`: an upright run or a
    /// superscript does; another italic letter or a subscript (which tucks under the
    /// slant, as in β₁) does not.
    private static func wantsItalicCorrection(before next: MathNode) -> Bool {
        switch next {
        case let .run(run): return !run.italic
        case .sup, .fraction: return true
        case .sub: return false
        }
    }
}
