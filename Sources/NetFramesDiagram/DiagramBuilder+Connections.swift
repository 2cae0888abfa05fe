import NetFramesScene
import NetFramesRun

extension Frame {
    /// The line of a connection of weight `w`: hue and width by the weight.
    func connectionStroke(_ w: Double, alpha: Double) -> Stroke {
        let weight = Theme.lineWeight(w)
        // Projector: no connection thinner than one (thicker) base width, to survive the throw.
        let width = (style.theme == .projector ? max(1, weight) : weight) * layout.lineUnit
        return Stroke(theme.lineColor(w).withAlpha(alpha), width: width)
    }
}
