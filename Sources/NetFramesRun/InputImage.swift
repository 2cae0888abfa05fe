import Foundation

/// The input layer drawn as a picture: its values as the pixels of a `width` × `height`
/// image, row by row from the top left (`render.inputImage`, `--input-image WxH`).
///
/// Each pixel is grey by its value, read on a [0, 1] scale (as the built-in digits are
/// scaled): 0 is the paper (the theme's empty-neuron fill, near the background) and 1
/// the ink (the theme's text colour: near black on light themes, near white on dark),
/// so a digit reads as a pen stroke on either; values outside [0, 1] are clamped.
/// The first hidden layer then shows each neuron's incoming weights as a small image
/// of the same shape beside it: its receptive field.
public struct InputImage: Sendable, Hashable, Codable {
    /// Pixels across.
    public var width: Int
    /// Pixels down.
    public var height: Int

    /// An image of `width` × `height` pixels.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The pixels, `width · height`: the input layer's size it must match.
    public var pixelCount: Int { width * height }

    /// "8×8".
    public var text: String { "\(width)×\(height)" }

    /// The image of `"8x8"` (or `8×8`); `nil` for anything else.
    public init?(parsing text: String) {
        let parts = text.lowercased().replacingOccurrences(of: "×", with: "x").split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
              (1...InputImage.largestSide).contains(w), (1...InputImage.largestSide).contains(h) else { return nil }
        self.init(width: w, height: h)
    }

    /// The longest side an input image may have.
    public static let largestSide = 4096
}

/// How the weights between two layers are drawn (`render.weights`, `--weights`).
public enum WeightView: String, Codable, CaseIterable, Sendable {
    /// Lines where they can be told apart; a heatmap where they cannot (see
    /// `DiagramLayout.heatmapSpacing`): when a pair's weights, drawn as lines, would cross
    /// midway between the columns closer than 3 base line widths apart on average.
    case auto
    /// Every pair as lines, however many.
    case lines
    /// Every pair as a weight-matrix heatmap.
    case heatmap
}
