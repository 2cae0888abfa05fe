import Foundation
import NetFramesEngine
import NetFramesRun
import NetFramesScene

/// Draws several runs side by side in one frame, in step, over one loss panel that
/// overlays their curves in distinct, labelled colours: how a sweep (over optimizers,
/// say) is compared at a glance.
///
/// Each run is drawn by its own `DiagramBuilder` on a tile of the canvas, exactly as a
/// frame of that run alone would be at the tile's size; the tiles' own panels are left
/// out, for the shared one.
public struct ComparisonBuilder: Sendable {
    /// The whole canvas's style.
    public let style: DiagramStyle
    /// One builder per run, drawing at its tile's size.
    public let tiles: [DiagramBuilder]
    /// Where each run's tile lies on the canvas.
    public let tileRects: [Rect]
    /// The shared loss panel.
    public let lossRect: Rect
    /// The runs' names.
    public let names: [String]
    /// The names as the panel's legend shows them.
    public let legendNames: [String]
    /// Each run's colour in the panel (and the bar over its tile).
    public let colors: [Color]
    let theme: Theme
    let measurer: any TextMeasuring

    /// A comparison of the runs with `setups` and `names`, on a canvas of `style`.
    public init(setups: [TrainingSetup], names: [String], style: DiagramStyle, measurer: any TextMeasuring) {
        precondition(!setups.isEmpty && setups.count == names.count)
        self.style = style
        self.names = names
        legendNames = ComparisonBuilder.shortNames(names)
        self.measurer = measurer
        theme = Theme.named(style.theme)
        let count = setups.count
        let columns = count <= 3 ? count : Int(Double(count).squareRoot().rounded(.up))
        let rows = (count + columns - 1) / columns
        let margin = (style.width * 0.008).rounded()
        let lossHeight = (style.height * 0.26).rounded()
        let tileWidth = ((style.width - margin * Double(columns + 1)) / Double(columns)).rounded(.down)
        let tileHeight = ((style.height - lossHeight - margin * Double(rows + 1)) / Double(rows)).rounded(.down)
        tileRects = (0..<count).map { i in
            Rect(x: margin + Double(i % columns) * (tileWidth + margin), y: margin + Double(i / columns) * (tileHeight + margin),
                 width: tileWidth, height: tileHeight)
        }
        lossRect = Rect(x: margin, y: style.height - lossHeight, width: style.width - 2 * margin, height: lossHeight - margin)
        let tileStyle = ComparisonBuilder.tileStyle(style, width: tileWidth, height: tileHeight)
        // Projector: the tiles keep the canvas's minimum text size, not their own smaller one.
        let minimum = DiagramLayout.Projector.minimumTextSize(style)
        tiles = setups.map { DiagramBuilder(setup: $0, style: tileStyle, measurer: measurer, minimumTextSize: minimum) }
        let palette = style.theme == .dark ? ComparisonBuilder.darkPalette : ComparisonBuilder.lightPalette
        colors = (0..<count).map { palette[$0 % palette.count] }
    }

    /// A tile's style: the canvas's, at the tile's size, without panels. Its text is
    /// kept at least 0.6 of the canvas's size, to stay readable on a narrow tile. Under
    /// projector a tile has no caption: its lines could never fit a tile at the canvas's
    /// minimum text size, so the room goes to the network.
    static func tileStyle(_ style: DiagramStyle, width: Double, height: Double) -> DiagramStyle {
        var tile = style
        tile.width = width
        tile.height = height
        tile.panels = PanelSettings()
        if style.theme == .projector { tile.labels.caption = false }
        if style.fontSize == nil {
            tile.fontSize = max(tile.resolvedFontSize, style.resolvedFontSize * 0.6)
        }
        return tile
    }

    /// The names as the panel's legend shows them: without the prefix all share (a
    /// sweep's "optimizers-optimizer-" before sgd, momentum, adam).
    public static func shortNames(_ names: [String]) -> [String] {
        guard names.count > 1, var prefix = names.first else { return names }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        // Cut only after a separator, so "adam" and "adamw" keep their whole names.
        while let last = prefix.last, !"-_.+ ".contains(last) { prefix.removeLast() }
        let short = names.map { String($0.dropFirst(prefix.count)) }
        return short.contains(where: \.isEmpty) ? names : short
    }

    /// Colours told apart with every common kind of colour blindness (Okabe and Ito's
    /// palette), darker ones first on light backgrounds, lighter ones first on dark.
    static let lightPalette = [0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9].map { Color(hex: $0) }
    static let darkPalette = [0x56B4E9, 0xE69F00, 0x2EC4A0, 0xE89BC8, 0xF0E442, 0xFF7F3F].map { Color(hex: $0) }

    /// The frame of the runs at `states` (one per run, in order).
    public func scene(_ states: [DiagramState]) -> Scene {
        precondition(states.count == tiles.count)
        var items: [SceneItem] = []
        items.reserveCapacity(512 * tiles.count)
        var summaries: [String] = []
        var caption: [String] = []
        for (i, state) in states.enumerated() {
            var state = state
            // Projector: the tile's header names the run as the loss panel's legend does,
            // short enough to stay at the minimum text size.
            if style.theme == .projector { state.runName = legendNames[i] }
            let tile = tiles[i].scene(state), rect = tileRects[i]
            items.append(contentsOf: tile.items.map { $0.offset(rect.minX, rect.minY) })
            // A bar in the run's colour over its tile, linking it to its curve.
            items.append(.rect(Rect(x: rect.minX, y: rect.minY, width: rect.width, height: max(2, style.height * 0.005)),
                               cornerRadius: 0, fill: colors[i], stroke: nil))
            summaries.append("\(names[i]): \(tile.summary)")
            if i == 0 { caption = tile.caption }
        }
        var panel = LossOverlay(builder: self, rect: lossRect)
        panel.draw(states)
        items.append(contentsOf: panel.items)
        let title = "Comparison of " + names.joined(separator: ", ")
            + (states.first.map { ": iteration \($0.iteration), \(DiagramBuilder.phaseName(of: $0))" } ?? "")
        return Scene(width: style.width, height: style.height, background: theme.background, items: items,
                     title: title, summary: summaries.joined(separator: " "), caption: caption)
    }
}

/// The shared loss panel: every run's mean loss over the data, one curve per run.
struct LossOverlay {
    let builder: ComparisonBuilder
    let rect: Rect
    var items: [SceneItem] = []

    var theme: Theme { builder.theme }
    /// The canvas's legend text size, not a tile's (under projector, at least its minimum).
    var font: Font {
        Font(family: builder.style.fontFamily,
             size: max(builder.style.resolvedFontSize * 0.8, minimumTextSize ?? 0))
    }
    /// The smallest size a text may be drawn at (projector), from the whole canvas.
    var minimumTextSize: Double? { builder.tiles[0].valuesLayout.minimumTextSize }
    var format: NumberFormat { builder.tiles[0].valuesLayout.format }
    var unit: Double { builder.tiles[0].valuesLayout.lineUnit }

    func width(_ s: String, _ f: Font) -> Double { builder.measurer.measure(s, font: f).width }

    mutating func text(_ s: String, at p: Point, font f: Font, color: Color, horizontal: HorizontalAnchor = .left) {
        items.append(.text(TextItem(s, at: p, font: f, color: color, horizontal: horizontal)))
    }

    mutating func draw(_ states: [DiagramState]) {
        items.append(.rect(rect, cornerRadius: font.size * 0.5, fill: theme.labelBackdrop,
                           stroke: Stroke(theme.labelBorder, width: unit)))
        let pad = font.size * 0.8
        let bold = Font(family: font.family, size: font.size, bold: true)
        let headY = rect.minY + pad + bold.size * 0.7
        let heading = "Loss (mean over the data)"
        text(heading, at: Point(rect.minX + pad, headY), font: bold, color: theme.text)
        // The legend: each run's colour, name and latest loss, on the heading's line.
        var x = rect.minX + pad + width(heading, bold) + font.size * 2
        for (i, state) in states.enumerated() {
            let latest = state.lossHistory.last.map { " " + format($0.loss) } ?? ""
            let label = builder.legendNames[i] + latest
            if x + font.size * 2 + width(label, font) > rect.maxX - pad { break }
            items.append(.line(from: Point(x, headY), to: Point(x + font.size * 1.4, headY),
                               stroke: Stroke(builder.colors[i], width: font.size * 0.3)))
            x += font.size * 1.9
            text(label, at: Point(x, headY), font: font, color: theme.text)
            x += width(label, font) + font.size * 1.6
        }
        let plot = LossPlot(series: states.indices.map { (states[$0].lossHistory, builder.colors[$0]) }, theme: theme,
                            font: font, format: format, lineUnit: unit, lineWidth: unit * 2, measurer: builder.measurer,
                            minimumTextSize: minimumTextSize, scale: builder.style.lossScale)
        let labelWidth = plot.labelWidth
        let top = headY + bold.size * 1.2
        let box = Rect(x: rect.minX + pad + labelWidth, y: top, width: rect.width - 2 * pad - labelWidth,
                       height: rect.maxY - pad - font.size * 1.2 - top)
        guard box.width > 4, box.height > 4 else { return }
        items.append(contentsOf: plot.items(in: box))
    }
}
