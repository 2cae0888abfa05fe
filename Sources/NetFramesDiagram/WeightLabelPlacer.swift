import NetFramesScene
import NetFramesRun

/// Finds a place for each weight label along its connection, greedily.
///
/// Each label first tries a point along its line staggered by the target neuron (so
/// the labels of lines leaving one neuron stand at different distances), then points
/// further along either way. A place is taken only if the label touches no neuron, no
/// other label and stays inside the diagram. Connections of the highlighted neuron go
/// first, so in a crowded layer its weights are the ones shown. Deterministic: the
/// same shape and style always give the same places.
struct WeightLabelPlacer {
    let obstacles: [Rect]
    let bounds: Rect
    let size: (width: Double, height: Double)
    let mode: WeightLabelMode

    func place(slots: [[Slot]], highlighted: Int, skipping heatmapLayers: Set<Int> = []) -> ([WeightLabelPlacement], Int) {
        guard mode != .none else {
            return ([], 0)
        }
        var placed: [WeightLabelPlacement] = []
        var taken = Grid(bounds: bounds, cell: max(size.width, size.height))
        for o in obstacles { taken.insert(o) }
        var omitted = 0

        // Connections in priority order: the highlighted neuron's, then the rest.
        var connections: [(layer: Int, toSlot: Int, fromSlot: Int, to: Int, from: Int)] = []
        for l in 1..<slots.count where !heatmapLayers.contains(l) {
            for (ts, toSlot) in slots[l].enumerated() {
                guard let to = toSlot.neuronIndex else { continue }
                for (fs, fromSlot) in slots[l - 1].enumerated() {
                    guard let from = fromSlot.neuronIndex else { continue }
                    connections.append((l, ts, fs, to, from))
                }
            }
        }
        let first = connections.filter { $0.to == highlighted }
        var rest: [(layer: Int, toSlot: Int, fromSlot: Int, to: Int, from: Int)]
        switch mode {
        case .highlighted, .none: rest = []
        case .all: rest = connections.filter { $0.to != highlighted }
        case .auto:
            // A gap with more connections than this reads as a pile of numbers.
            let dense = 24
            rest = connections.filter { c in
                c.to != highlighted && slots[c.layer].filter { $0.neuronIndex != nil }.count
                    * slots[c.layer - 1].filter { $0.neuronIndex != nil }.count <= dense
            }
        }
        let skipped = connections.count - first.count - rest.count

        for c in first + rest {
            let a = slots[c.layer - 1][c.fromSlot].center, b = slots[c.layer][c.toSlot].center
            let targets = slots[c.layer].count
            let preferred = 0.22 + 0.5 * (targets > 1 ? Double(c.toSlot) / Double(targets - 1) : 0.5)
            var found: Rect?
            for candidate in WeightLabelPlacer.candidates(around: preferred) {
                let p = a.lerp(to: b, candidate)
                let box = Rect(x: p.x - size.width / 2, y: p.y - size.height / 2, width: size.width, height: size.height)
                if bounds.contains(box) && !taken.intersects(box) {
                    found = box
                    break
                }
            }
            if let box = found {
                taken.insert(box)
                placed.append(WeightLabelPlacement(layer: c.layer, to: c.to, from: c.from, box: box))
            } else {
                omitted += 1
            }
        }
        omitted += skipped
        return (placed, omitted)
    }

    /// Fractions along a line to try, nearest to `preferred` first, within [0.12, 0.88].
    static func candidates(around preferred: Double) -> [Double] {
        var result = [preferred]
        var step = 0.03
        while step <= 0.8 {
            for t in [preferred - step, preferred + step] where t >= 0.12 && t <= 0.88 {
                result.append(t)
            }
            step += 0.03
        }
        return result
    }
}

/// A coarse spatial grid of rectangles, so checking a label against hundreds of
/// others stays fast.
struct Grid {
    let bounds: Rect
    let cell: Double
    let columns: Int
    let rows: Int
    var cells: [[Rect]]

    init(bounds: Rect, cell: Double) {
        self.bounds = bounds
        self.cell = max(1, cell)
        columns = max(1, Int((bounds.width / self.cell).rounded(.up)) + 2)
        rows = max(1, Int((bounds.height / self.cell).rounded(.up)) + 2)
        cells = Array(repeating: [], count: columns * rows)
    }

    private func range(_ r: Rect) -> (ClosedRange<Int>, ClosedRange<Int>) {
        func clamp(_ v: Int, _ n: Int) -> Int { max(0, min(n - 1, v)) }
        let c0 = clamp(Int(((r.minX - bounds.minX) / cell).rounded(.down)) + 1, columns)
        let c1 = clamp(Int(((r.maxX - bounds.minX) / cell).rounded(.down)) + 1, columns)
        let r0 = clamp(Int(((r.minY - bounds.minY) / cell).rounded(.down)) + 1, rows)
        let r1 = clamp(Int(((r.maxY - bounds.minY) / cell).rounded(.down)) + 1, rows)
        return (c0...c1, r0...r1)
    }

    mutating func insert(_ r: Rect) {
        let (cs, rs) = range(r)
        for row in rs { for c in cs { cells[row * columns + c].append(r) } }
    }

    func intersects(_ r: Rect) -> Bool {
        let (cs, rs) = range(r)
        for row in rs {
            for c in cs where cells[row * columns + c].contains(where: { $0.intersects(r) }) {
                return true
            }
        }
        return false
    }
}
