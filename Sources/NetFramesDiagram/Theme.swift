import Foundation
import NetFramesScene
import NetFramesRun

/// Every colour a frame uses.
///
/// Weights follow TensorFlow Playground's convention: blue for positive, orange for
/// negative, grey near zero. Activations share the same hues, so a strongly positive
/// neuron and the positive weights that feed it read as one colour.
public struct Theme: Sendable, Hashable {
    /// The canvas fill; `nil` for a transparent background.
    public var background: Color?
    /// Labels, titles and the caption.
    public var text: Color
    /// Secondary text: the caption's working, the legend.
    public var mutedText: Color
    /// The ring around each neuron.
    public var neuronOutline: Color
    /// Fill of a neuron whose activation is 0.
    public var neuronZero: Color
    /// Positive weights and activations.
    public var positive: Color
    /// Negative weights and activations.
    public var negative: Color
    /// Colour of a connection whose weight is near 0.
    public var neutralLine: Color
    /// The box behind a label, so it reads over lines.
    public var labelBackdrop: Color
    /// The outline of a label's box.
    public var labelBorder: Color
    /// Marks of the forward pass: the layer just computed, travelling pulses.
    public var forward: Color
    /// Marks of backpropagation: deltas, the error travelling back.
    public var backward: Color
    /// Marks of the update: old → new labels.
    public var update: Color
    /// A neuron, connection or label not reached yet in this step.
    public var pending: Color
    /// One colour per class where a panel tells three or more classes apart (the
    /// decision boundary); see `classColor(_:of:)`.
    public var classes: [Color]

    /// The colours of a named theme.
    public static func named(_ name: ThemeName) -> Theme {
        switch name {
        case .light, .transparent:
            return Theme(
                background: name == .light ? Color(hex: 0xFFFFFF) : nil,
                text: Color(hex: 0x1F2937), mutedText: Color(hex: 0x5B6472),
                neuronOutline: Color(hex: 0x374151), neuronZero: Color(hex: 0xF4F6F9),
                positive: Color(hex: 0x0877BD), negative: Color(hex: 0xD9650A), neutralLine: Color(hex: 0xB8BEC8),
                labelBackdrop: Color(hex: 0xFFFFFF, alpha: 0.92), labelBorder: Color(hex: 0xCDD3DB),
                forward: Color(hex: 0x08808F), backward: Color(hex: 0x8E44AD), update: Color(hex: 0x2A7F38),
                pending: Color(hex: 0xC9CED6), classes: Theme.lightClasses)
        case .dark:
            return Theme(
                background: Color(hex: 0x111827),
                text: Color(hex: 0xF3F4F6), mutedText: Color(hex: 0xA3ABB8),
                neuronOutline: Color(hex: 0xD1D5DB), neuronZero: Color(hex: 0x1F2937),
                positive: Color(hex: 0x4FB3FF), negative: Color(hex: 0xFF9F43), neutralLine: Color(hex: 0x4B5563),
                labelBackdrop: Color(hex: 0x1B2432, alpha: 0.94), labelBorder: Color(hex: 0x3A4556),
                forward: Color(hex: 0x22D3EE), backward: Color(hex: 0xC084FC), update: Color(hex: 0x4ADE80),
                pending: Color(hex: 0x4B5563), classes: Theme.darkClasses)
        case .projector:
            // Strong hues and near-black text on pure white, for the wash-out of a
            // projector: every text colour at least 5.7:1 against the background (text 19.7:1),
            // every connection at least 4.2:1 (see ColourAccessibilityTests).
            return Theme(
                background: Color(hex: 0xFFFFFF),
                text: Color(hex: 0x0B0B0B), mutedText: Color(hex: 0x3A3F47),
                neuronOutline: Color(hex: 0x1F2328), neuronZero: Color(hex: 0xF2F3F5),
                positive: Color(hex: 0x0055D4), negative: Color(hex: 0xD14D00), neutralLine: Color(hex: 0x8C929B),
                labelBackdrop: Color(hex: 0xFFFFFF, alpha: 0.95), labelBorder: Color(hex: 0x9AA0A8),
                forward: Color(hex: 0x00707F), backward: Color(hex: 0x7A1FA2), update: Color(hex: 0x1B6E2E),
                pending: Color(hex: 0x9AA0A8), classes: Theme.projectorClasses)
        }
    }

    /// The fill of a neuron with activation (or input value) `value`.
    ///
    /// Values run from `neuronZero` at 0 to the full positive hue at 1 (or above) and
    /// to the full negative hue at −1 (or below), so tanh, ReLU and inputs all read.
    public func neuronFill(_ value: Double) -> Color {
        guard value.isFinite else { return pending }
        let t = min(1, abs(value))
        return neuronZero.mixed(with: value >= 0 ? positive : negative, t * 0.92)
    }

    /// The colour of a connection of weight `w`: sign by hue, size by strength.
    public func lineColor(_ w: Double) -> Color {
        guard w.isFinite else { return pending }
        // Saturates only gradually, so a morph keeps changing the colour as well as the width.
        let strength = 0.3 + 0.7 * tanh(abs(w) / 1.5)
        return neutralLine.mixed(with: w >= 0 ? positive : negative, strength)
    }

    /// The stroke width of a connection of weight `w`, in units of the base width.
    public static func lineWeight(_ w: Double) -> Double {
        guard w.isFinite else { return 1 }
        return 0.6 + 4.2 * tanh(abs(w) * 0.9)
    }
}


extension Theme {
    /// The colour of a heatmap cell of value `value` on a scale symmetric around 0 that
    /// reaches full colour at ±`scale`: the empty-neuron fill (near the background) at 0,
    /// the positive hue (blue) above, the negative hue (orange) below.
    public func heatColor(_ value: Double, scale: Double) -> Color {
        guard value.isFinite else { return pending }
        let t = scale > 0 ? min(1, abs(value) / scale) : 0
        return neuronZero.mixed(with: value >= 0 ? positive : negative, t)
    }

    /// The grey of an input image's pixel of value `value`, read on [0, 1] (clamped): the
    /// empty-neuron fill (paper, near the background) at 0, the text colour (ink: near
    /// black on light themes, near white on dark) at 1.
    public func pixelGrey(_ value: Double) -> Color {
        guard value.isFinite else { return pending }
        return neuronZero.mixed(with: text, min(1, max(0, value)))
    }
}
