extension Point {
    /// The point moved by (dx, dy).
    public func offset(_ dx: Double, _ dy: Double) -> Point { Point(x + dx, y + dy) }
}

extension Rect {
    /// The rectangle moved by (dx, dy).
    public func offset(_ dx: Double, _ dy: Double) -> Rect { Rect(x: x + dx, y: y + dy, width: width, height: height) }
}

extension SceneItem {
    /// The item moved by (dx, dy): how a scene drawn on its own canvas becomes one tile
    /// of a larger one.
    public func offset(_ dx: Double, _ dy: Double) -> SceneItem {
        switch self {
        case let .line(from, to, stroke): return .line(from: from.offset(dx, dy), to: to.offset(dx, dy), stroke: stroke)
        case let .polyline(points, stroke): return .polyline(points.map { $0.offset(dx, dy) }, stroke: stroke)
        case let .polygon(points, fill): return .polygon(points.map { $0.offset(dx, dy) }, fill: fill)
        case let .circle(center, radius, fill, stroke):
            return .circle(center: center.offset(dx, dy), radius: radius, fill: fill, stroke: stroke)
        case let .rect(rect, cornerRadius, fill, stroke):
            return .rect(rect.offset(dx, dy), cornerRadius: cornerRadius, fill: fill, stroke: stroke)
        case .text(var item):
            item.position = item.position.offset(dx, dy)
            return .text(item)
        case let .raster(rect, columns, rows, colors, interpolation):
            return .raster(rect.offset(dx, dy), columns: columns, rows: rows, colors: colors, interpolation: interpolation)
        }
    }
}
