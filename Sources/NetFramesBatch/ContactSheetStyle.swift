import NetFramesScene

/// How a batch's contact sheet looks: the size of each run's cell, how many fit in a row,
/// the fonts and the colours (a light page, so it prints and reads well on screens).
public struct ContactSheetStyle: Sendable, Hashable {
    /// The area each run's final frame is fitted into, in pixels.
    public var cellWidth: Double
    /// The height of that area, in pixels.
    public var cellHeight: Double
    /// Runs per row, at most.
    public var maxColumns: Int
    /// Runs shown, at most; a note under the grid counts the rest.
    public var maxRuns: Int
    /// The font of the title and labels.
    public var fontFamily = "DejaVu Sans"
    /// Font size of a run's name; the line under it is a little smaller.
    public var fontSize: Double
    /// Space around the grid and between cells.
    public var margin: Double = 24
    /// Space between cells.
    public var gap: Double = 16
    /// The page colour.
    public var background = Color(hex: 0xF3F4F6)
    /// The colour behind each frame.
    public var cellBackground = Color.white
    /// The outline of each cell.
    public var border = Color(hex: 0xC8CDD5)
    /// The title's and run names' colour.
    public var text = Color(hex: 0x1D2430)
    /// The colour of the loss and accuracy line.
    public var mutedText = Color(hex: 0x566070)
    /// The colour that says a run diverged.
    public var divergedText = Color(hex: 0xB3261E)
    /// The fill of a cell with no final frame.
    public var placeholder = Color(hex: 0xE4E7EB)

    /// A style with cells of `cellWidth`×`cellHeight`, up to `maxColumns` a row and `maxRuns` in all.
    public init(cellWidth: Double = 480, cellHeight: Double = 270, maxColumns: Int = 4, maxRuns: Int = 16,
                fontSize: Double = 16) {
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        self.maxColumns = maxColumns
        self.maxRuns = maxRuns
        self.fontSize = fontSize
    }

    /// The style for a batch of `runCount` runs: cells of 480×270, four to a row, for up to
    /// 16 runs; beyond that cells of 240×135, eight to a row, and at most 96 runs shown, so
    /// the sheet stays about 2,000 pixels wide and its labels legible.
    public static func automatic(runCount: Int) -> ContactSheetStyle {
        if runCount <= 16 { return ContactSheetStyle() }
        return ContactSheetStyle(cellWidth: 240, cellHeight: 135, maxColumns: 8, maxRuns: 96, fontSize: 13)
    }

    /// The height of the label band under each cell: the name, then the loss and accuracy.
    var labelHeight: Double { (fontSize * 1.35 + fontSize * 0.9 * 1.35 + 10).rounded(.up) }
    /// The height of the title band above the grid, when there is a title.
    var titleHeight: Double { (fontSize * 1.5 * 2).rounded(.up) }
}

/// Where everything of a contact sheet goes, in pixels from the top left.
public struct ContactSheetLayout: Sendable, Equatable {
    /// The sheet's width in pixels.
    public var width: Double
    /// The sheet's height in pixels.
    public var height: Double
    /// Cells in a row.
    public var columns: Int
    /// Rows of cells.
    public var rows: Int
    /// The frame area of each run shown, in order (row by row).
    public var cells: [Rect]
    /// The label band under each cell.
    public var labels: [Rect]
    /// The band for the title, when there is one.
    public var title: Rect?
    /// The band for the note under the grid (runs left out, or no runs at all).
    public var note: Rect?

    /// The layout for `runCount` runs.
    public init(runCount: Int, style: ContactSheetStyle, hasTitle: Bool) {
        let shown = min(max(0, runCount), max(1, style.maxRuns))
        let columns = max(1, min(max(1, style.maxColumns), shown))
        let rows = (shown + columns - 1) / columns
        self.columns = columns
        self.rows = rows
        let m = style.margin, g = style.gap
        let cellStep = style.cellWidth + g
        let rowStep = style.cellHeight + style.labelHeight + g
        let top = m + (hasTitle ? style.titleHeight : 0)
        let width = 2 * m + Double(columns) * style.cellWidth + Double(columns - 1) * g
        self.width = width
        title = hasTitle ? Rect(x: m, y: m, width: width - 2 * m, height: style.titleHeight) : nil
        let cells = (0..<shown).map { i in
            Rect(x: m + Double(i % columns) * cellStep, y: top + Double(i / columns) * rowStep,
                 width: style.cellWidth, height: style.cellHeight)
        }
        self.cells = cells
        labels = cells.map { Rect(x: $0.x, y: $0.maxY, width: $0.width, height: style.labelHeight) }
        let gridBottom = rows == 0 ? top : top + Double(rows) * rowStep - g
        if shown < runCount || runCount == 0 {
            note = Rect(x: m, y: gridBottom + g / 2, width: width - 2 * m, height: style.fontSize * 2)
            height = gridBottom + g / 2 + style.fontSize * 2 + m
        } else {
            note = nil
            height = gridBottom + m
        }
    }
}
