/// Which panels a frame shows beside the network, and where.
public struct PanelSettings: Sendable, Hashable {
    /// Where the panels go.
    public enum Position: String, Codable, CaseIterable, Sendable {
        /// A column right of the network.
        case right
        /// A row below the network.
        case bottom
    }

    /// The mean loss over the data, growing as training goes on.
    public var loss = false
    /// Each output against its target, as bars.
    public var outputs = false
    /// For networks with 2 inputs: the output over the input plane, with the data on it.
    public var boundary = false
    /// Where the panels go.
    public var position: Position = .right

    /// No panels, on the right when switched on.
    public init() {}

    /// Whether any panel is on.
    public var any: Bool { loss || outputs || boundary }
}
