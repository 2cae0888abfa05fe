/// A scene written as bytes that are the same in every process and on every run.
///
/// Swift's `Hasher` is seeded afresh in each process, so it cannot tell whether a frame
/// on disk was drawn from the scene at hand. These bytes can: they hold every value the
/// scene draws (numbers as their IEEE bit patterns, strings as UTF-8 with lengths), so two
/// scenes give the same bytes exactly when they draw the same thing. A digest of them is
/// the frame's recipe in a render's manifest.
extension Scene {
    /// Every value the scene draws, as bytes equal exactly when two scenes draw the same thing.
    public var canonicalBytes: [UInt8] {
        var out = CanonicalBytes()
        out.reserve(64 + items.count * 48)
        out.tag(0x53)  // 'S'
        out.number(width); out.number(height)
        out.optionalColor(background)
        out.string(title); out.string(summary)
        out.count(items.count)
        for item in items { out.item(item) }
        return out.bytes
    }
}

/// Appends values in a fixed little-endian layout.
private struct CanonicalBytes {
    var bytes: [UInt8] = []

    mutating func reserve(_ n: Int) { bytes.reserveCapacity(n) }

    mutating func tag(_ t: UInt8) { bytes.append(t) }

    mutating func count(_ n: Int) { word(UInt64(n)) }

    mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ value: Double) {
        // -0.0 and 0.0 draw alike; one NaN is as good as another.
        let canonical = value == 0 ? 0 : (value.isNaN ? .nan : value)
        word(canonical.bitPattern)
    }

    mutating func string(_ s: String) {
        count(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func point(_ p: Point) { number(p.x); number(p.y) }

    mutating func rect(_ r: Rect) { number(r.x); number(r.y); number(r.width); number(r.height) }

    mutating func color(_ c: Color) { number(c.red); number(c.green); number(c.blue); number(c.alpha) }

    mutating func optionalColor(_ c: Color?) {
        if let c { tag(1); color(c) } else { tag(0) }
    }

    mutating func stroke(_ s: Stroke?) {
        guard let s else { tag(0); return }
        tag(1); color(s.color); number(s.width)
        count(s.dash.count)
        for d in s.dash { number(d) }
    }

    mutating func points(_ ps: [Point]) {
        count(ps.count)
        for p in ps { point(p) }
    }

    mutating func item(_ item: SceneItem) {
        switch item {
        case let .line(from, to, stroke):
            tag(1); point(from); point(to); self.stroke(stroke)
        case let .polyline(ps, stroke):
            tag(2); points(ps); self.stroke(stroke)
        case let .polygon(ps, fill):
            tag(3); points(ps); color(fill)
        case let .circle(center, radius, fill, stroke):
            tag(4); point(center); number(radius); optionalColor(fill); self.stroke(stroke)
        case let .rect(r, cornerRadius, fill, stroke):
            tag(5); rect(r); number(cornerRadius); optionalColor(fill); self.stroke(stroke)
        case let .text(t):
            tag(6); string(t.string); point(t.position)
            // Bold and italic share one byte, so upright text keeps the bytes it always had.
            string(t.font.family); number(t.font.size); tag((t.font.bold ? 1 : 0) | (t.font.italic ? 2 : 0))
            color(t.color)
            tag(t.horizontal.code); tag(t.vertical.code)
        case let .raster(r, columns, rows, colors, interpolation):
            // Blocky rasters keep the bytes they always had; a smooth one has its own tag.
            tag(interpolation == .nearest ? 7 : 8); rect(r); count(columns); count(rows); count(colors.count)
            for c in colors { color(c) }
        }
    }
}

private extension HorizontalAnchor {
    var code: UInt8 {
        switch self {
        case .left: 0
        case .center: 1
        case .right: 2
        }
    }
}

private extension VerticalAnchor {
    var code: UInt8 {
        switch self {
        case .baseline: 0
        case .middle: 1
        case .top: 2
        case .bottom: 3
        }
    }
}
