import NetFramesScene

extension DiagramLayout {
    /// The region the network is drawn in: what the bands and panels leave.
    struct Area {
        /// The left edge: the canvas margin.
        let left: Double
        /// The right edge: left of the panel column, if any.
        let right: Double
        /// The top edge: below the header and titles.
        let top: Double
        /// The height, at least 1 so spacing never divides by zero.
        let height: Double

        /// The region between the bands and left of, or above, the panels.
        init(metrics: Metrics, bands: Bands, panels: PanelGrid) {
            left = metrics.margin
            right = panels.contentRight
            top = bands.top
            height = max(1, panels.bottom - bands.top)
        }

        /// The region as a rectangle.
        var box: Rect { Rect(x: left, y: top, width: right - left, height: height) }

        /// The y the columns centre on.
        var centreY: Double { top + height / 2 }
    }
}
