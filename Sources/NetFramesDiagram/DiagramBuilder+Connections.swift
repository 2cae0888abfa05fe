import NetFramesScene
import NetFramesRun

extension Frame {
    /// The line of a connection of weight `w`: hue and width by the weight, dashed when
    /// the weight is negative and the style's sign style is `dashed`.
    func connectionStroke(_ w: Double, alpha: Double) -> Stroke {
        let weight = Theme.lineWeight(w)
        // Projector: no connection thinner than one (thicker) base width, to survive the throw.
        let width = (style.theme == .projector ? max(1, weight) : weight) * layout.lineUnit
        let color = theme.lineColor(w).withAlpha(alpha)
        guard style.signStyle == .dashed, w < 0 else { return Stroke(color, width: width) }
        return Stroke(color, width: width, dash: Self.signDash(width: width, unit: layout.lineUnit))
    }

    /// The dash pattern of a negative connection `width` wide. Lines have round caps,
    /// which reach half a width into each gap, so a gap is a width longer than the
    /// background it leaves: at least 3 base widths (1.2 line widths for thick lines)
    /// show between dashes at least 5 base widths long.
    static func signDash(width: Double, unit: Double) -> [Double] {
        [max(unit * 4, width * 2), width + max(unit * 3, width * 1.2)]
    }
}
