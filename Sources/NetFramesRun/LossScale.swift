/// The vertical axis of the loss panel.
public enum LossScale: String, Codable, CaseIterable, Sendable {
    /// From 0 to the largest loss shown.
    case linear
    /// Logarithmic, between the powers of ten around the losses shown, with a tick and a
    /// label at each decade: the slow late fall of a long run stays visible.
    case log
}
