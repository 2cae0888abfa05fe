/// Which of a run's frames a pass of the pipeline draws, chosen before training starts:
/// all of them, a shard's range, every N-th, or a few picked by position.
public struct FrameSelection: Sendable {
    /// Frames from here on are never drawn: training stops once they are reached.
    public let end: Int
    /// How many frames are drawn, for progress.
    public let count: Int
    private let wants: @Sendable (Int) -> Bool

    /// Every frame of `range` whose position is a multiple of `stride`.
    public static func range(_ range: Range<Int>, stride: Int = 1) -> FrameSelection {
        let stride = max(1, stride)
        let count = range.isEmpty ? 0 : (range.upperBound + stride - 1) / stride - (range.lowerBound + stride - 1) / stride
        return FrameSelection(end: range.upperBound, count: count) { range.contains($0) && $0 % stride == 0 }
    }

    /// The frames at these positions.
    public static func positions(_ positions: Set<Int>) -> FrameSelection {
        FrameSelection(end: (positions.max() ?? -1) + 1, count: positions.count) { positions.contains($0) }
    }

    private init(end: Int, count: Int, wants: @escaping @Sendable (Int) -> Bool) {
        self.end = end
        self.count = count
        self.wants = wants
    }

    /// Whether the frame at `position` is drawn.
    public func contains(_ position: Int) -> Bool { wants(position) }
}
