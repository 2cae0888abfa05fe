/// A finished frame as a list of things to draw, in order, with no notion of how.
///
/// The diagram builder makes scenes; a backend (Cairo, in `NetFramesGraphics`) turns
/// them into PNG, SVG or PDF. Keeping the two apart lets the layout be tested without
/// drawing, lets one scene become any format, and makes a frame's content hashable.
public struct Scene: Sendable, Hashable {
    /// Size in scene units; a PNG at scale `s` is `width·s` by `height·s` pixels.
    public var width: Double
    /// Height in scene units.
    public var height: Double
    /// Fill of the whole canvas; `nil` leaves it transparent.
    public var background: Color?
    /// What to draw, back to front.
    public var items: [SceneItem]
    /// A short title for the frame (SVG `<title>`, PDF metadata).
    public var title: String
    /// The frame's text alternative: a plain-language description of what it shows, for
    /// screen readers (SVG `<desc>`, the PNG's `Description`, the manifest's `alt`).
    public var summary: String
    /// The caption's lines (what the moment does, then its worked numbers), whether or
    /// not the frame draws them: a video's subtitles.
    public var caption: [String]

    /// A scene of `width` by `height` units.
    public init(width: Double, height: Double, background: Color?, items: [SceneItem] = [],
                title: String = "", summary: String = "", caption: [String] = []) {
        self.width = width
        self.height = height
        self.background = background
        self.items = items
        self.title = title
        self.summary = summary
        self.caption = caption
    }

    /// The whole canvas, from (0, 0).
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
}

/// How a line or outline is drawn.
public struct Stroke: Sendable, Hashable {
    /// The line's colour.
    public var color: Color
    /// The line's width in scene units.
    public var width: Double
    /// Lengths of dashes and gaps; empty draws a solid line.
    public var dash: [Double]

    /// A stroke; solid unless `dash` is given.
    public init(_ color: Color, width: Double, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}

/// A font request: family, size in scene units, weight and slant.
public struct Font: Sendable, Hashable {
    /// A fontconfig family name, such as "DejaVu Sans".
    public var family: String
    /// The size in scene units.
    public var size: Double
    /// Whether the bold face is wanted.
    public var bold: Bool
    /// Whether the italic (or oblique) face is wanted: the variables of typeset maths.
    public var italic: Bool

    /// A font request.
    public init(family: String, size: Double, bold: Bool = false, italic: Bool = false) {
        self.family = family
        self.size = size
        self.bold = bold
        self.italic = italic
    }
}

/// Where a text's anchor point sits horizontally on the text.
public enum HorizontalAnchor: Sendable, Hashable {
    /// The text starts at the anchor.
    case left
    /// The text is centred on the anchor.
    case center
    /// The text ends at the anchor.
    case right
}

/// Where a text's anchor point sits vertically: on the baseline, or in the middle of
/// the font's ascent-to-descent box (so labels of mixed content line up).
public enum VerticalAnchor: Sendable, Hashable {
    /// The anchor is on the baseline.
    case baseline
    /// The anchor is half-way between the font's ascent and descent.
    case middle
    /// The anchor is at the top of the font's ascent.
    case top
    /// The anchor is at the bottom of the font's descent.
    case bottom
}

/// One line of text.
public struct TextItem: Sendable, Hashable {
    /// The text.
    public var string: String
    /// The anchor point.
    public var position: Point
    /// The font.
    public var font: Font
    /// The fill colour of the glyphs.
    public var color: Color
    /// Where the anchor sits horizontally on the text.
    public var horizontal: HorizontalAnchor
    /// Where the anchor sits vertically on the text.
    public var vertical: VerticalAnchor

    /// A text anchored at `position`, centred on it by default.
    public init(_ string: String, at position: Point, font: Font, color: Color,
                horizontal: HorizontalAnchor = .center, vertical: VerticalAnchor = .middle) {
        self.string = string
        self.position = position
        self.font = font
        self.color = color
        self.horizontal = horizontal
        self.vertical = vertical
    }
}

/// One thing to draw.
public enum SceneItem: Sendable, Hashable {
    /// A straight line.
    case line(from: Point, to: Point, stroke: Stroke)
    /// An open path through the points.
    case polyline([Point], stroke: Stroke)
    /// A closed, filled polygon.
    case polygon([Point], fill: Color)
    /// A circle, filled, outlined or both.
    case circle(center: Point, radius: Double, fill: Color?, stroke: Stroke?)
    /// A rectangle, optionally with rounded corners, filled, outlined or both.
    case rect(Rect, cornerRadius: Double, fill: Color?, stroke: Stroke?)
    /// One line of text.
    case text(TextItem)
    /// A grid of coloured cells filling `rect`, row-major from the top left
    /// (an image's pixels, a decision-boundary heatmap); `columns · rows` colours.
    /// By default each cell is a hard-edged block; `.bilinear` blends between the
    /// cells' centres instead.
    case raster(Rect, columns: Int, rows: Int, colors: [Color], interpolation: RasterInterpolation = .nearest)
}

/// The size of a line of text, as a backend's fonts lay it out.
public struct TextExtent: Sendable, Hashable {
    /// Advance width.
    public var width: Double
    /// Font ascent above the baseline (positive).
    public var ascent: Double
    /// Font descent below the baseline (positive).
    public var descent: Double

    /// An extent from a backend's measurements.
    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    /// Ascent plus descent.
    public var height: Double { ascent + descent }
}

/// Measures text the way the backend will draw it, so a layout can keep labels apart.
public protocol TextMeasuring: Sendable {
    /// The size of `string` set in `font`.
    func measure(_ string: String, font: Font) -> TextExtent
}

extension TextItem {
    /// The box the text covers, given its measured extent.
    public func box(extent: TextExtent) -> Rect {
        let left: Double
        switch horizontal {
        case .left: left = position.x
        case .center: left = position.x - extent.width / 2
        case .right: left = position.x - extent.width
        }
        let top: Double
        switch vertical {
        case .baseline: top = position.y - extent.ascent
        case .middle: top = position.y - extent.height / 2
        case .top: top = position.y
        case .bottom: top = position.y - extent.height
        }
        return Rect(x: left, y: top, width: extent.width, height: extent.height)
    }

    /// The baseline point where drawing starts, given the measured extent.
    public func baselineOrigin(extent: TextExtent) -> Point {
        let box = self.box(extent: extent)
        return Point(box.minX, box.minY + extent.ascent)
    }
}

extension Scene {
    /// The same scene with every raster drawn `interpolation`: to compare a smooth panel
    /// with the blocks it replaces, in the tests and the benchmark.
    public func drawingRasters(_ interpolation: RasterInterpolation) -> Scene {
        var scene = self
        scene.items = items.map { item in
            guard case let .raster(rect, columns, rows, colors, _) = item else { return item }
            return .raster(rect, columns: columns, rows: rows, colors: colors, interpolation: interpolation)
        }
        return scene
    }
}
