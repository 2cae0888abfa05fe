/// How a connection shows the sign of its weight.
///
/// The hue always does (blue positive, orange negative); `dashed` adds a cue that does
/// not rely on telling colours apart.
public enum SignStyle: String, Codable, CaseIterable, Sendable {
    /// Every connection drawn as a solid line; the sign shows by hue alone.
    case solid
    /// Connections of negative weights drawn dashed, positive ones solid.
    case dashed
}
