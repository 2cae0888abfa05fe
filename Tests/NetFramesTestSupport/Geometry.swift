import NetFramesScene

extension Point {
    /// Distance to the segment from `a` to `b`.
    public func distance(toSegment a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        guard length2 > 0 else { return distance(to: a) }
        let t = max(0, min(1, ((x - a.x) * dx + (y - a.y) * dy) / length2))
        return distance(to: Point(a.x + t * dx, a.y + t * dy))
    }
}

extension Rect {
    /// Whether `p` lies inside or on the edge.
    public func contains(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }

    /// The rectangle grown by `d` on every side.
    public func grown(_ d: Double) -> Rect { Rect(x: x - d, y: y - d, width: width + 2 * d, height: height + 2 * d) }
}
