/// Filters PNG scanlines (PNG specification, section 9) one row at a time, keeping the
/// unfiltered row above, which every filter but `none` reads.
///
/// Owns two row buffers; one filter per encoding, used from one thread.
final class PNGRowFilter {
    /// The unfiltered bytes of the row being encoded: fill them, then call `filter(into:)`.
    private(set) var current: UnsafeMutablePointer<UInt8>
    private var previous: UnsafeMutablePointer<UInt8>
    private let rowBytes: Int
    private let bytesPerPixel: Int
    private let choice: PNGCompression.RowFilter
    private var isFirstRow = true

    /// A filter for rows of `rowBytes` bytes, `bytesPerPixel` bytes a pixel.
    init(rowBytes: Int, bytesPerPixel: Int, choice: PNGCompression.RowFilter) {
        self.rowBytes = rowBytes
        self.bytesPerPixel = bytesPerPixel
        self.choice = choice
        current = .allocate(capacity: rowBytes)
        previous = .allocate(capacity: rowBytes)
        previous.initialize(repeating: 0, count: rowBytes)   // the row "above" the first is zeros
    }

    deinit {
        current.deallocate()
        previous.deallocate()
    }

    /// Writes the filter-type byte and the filtered `current` row to `line`
    /// (`rowBytes + 1` bytes), then makes `current` the row above the next one.
    func filter(into line: UnsafeMutablePointer<UInt8>) {
        let type = choice == .perRow ? chooseType() : Self.type(of: choice)
        line[0] = type
        apply(type, into: line + 1)
        swap(&current, &previous)
        isFirstRow = false
    }

    // MARK: Choosing

    /// PNG filter type numbers: 0 none, 1 sub, 2 up, 4 paeth (3, average, is not used).
    private static func type(of filter: PNGCompression.RowFilter) -> UInt8 {
        switch filter {
        case .none, .perRow: return 0
        case .sub: return 1
        case .up: return 2
        case .paeth: return 4
        }
    }

    /// No filter when at least half the row's 8-byte words repeat the bytes one pixel to
    /// the left or the row above (cheap: one pass of word compares); otherwise the filter
    /// with the smallest sum of absolute differences.
    private func chooseType() -> UInt8 {
        let words = (rowBytes - bytesPerPixel) / 8
        var repeating = 0
        for k in 0..<words {
            let offset = bytesPerPixel + 8 * k
            let here = UnsafeRawPointer(current + offset).loadUnaligned(as: UInt64.self)
            let left = UnsafeRawPointer(current + offset - bytesPerPixel).loadUnaligned(as: UInt64.self)
            let above = UnsafeRawPointer(previous + offset).loadUnaligned(as: UInt64.self)
            repeating &+= (here == left || (!isFirstRow && here == above)) ? 1 : 0
        }
        if 2 * repeating >= words { return 0 }
        var best: UInt8 = 0
        var bestCost = Int.max
        for type: UInt8 in [1, 2, 4] {
            let cost = absoluteSum(type)
            if cost < bestCost {
                bestCost = cost
                best = type
            }
        }
        return best
    }

    /// The sum of |residual| (residuals read as signed bytes) that filter `type` would leave.
    private func absoluteSum(_ type: UInt8) -> Int {
        var sum = 0
        for i in 0..<rowBytes {
            let residual = Int8(bitPattern: current[i] &- predictor(type, at: i))
            sum &+= Int(residual.magnitude)
        }
        return sum
    }

    // MARK: Applying

    private func apply(_ type: UInt8, into out: UnsafeMutablePointer<UInt8>) {
        if type == 0 {
            out.update(from: current, count: rowBytes)
            return
        }
        for i in 0..<rowBytes {
            out[i] = current[i] &- predictor(type, at: i)
        }
    }

    /// What filter `type` predicts byte `i` of the current row to be.
    @inline(__always)
    private func predictor(_ type: UInt8, at i: Int) -> UInt8 {
        let left: UInt8 = i >= bytesPerPixel ? current[i - bytesPerPixel] : 0
        switch type {
        case 1: return left
        case 2: return previous[i]
        default:
            let above = previous[i]
            let upperLeft: UInt8 = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0
            return Self.paeth(left, above, upperLeft)
        }
    }

    /// The Paeth predictor: whichever of a, b, c is nearest to a + b − c (ties to a, then b).
    @inline(__always)
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let estimate = Int(a) + Int(b) - Int(c)
        let da = abs(estimate - Int(a)), db = abs(estimate - Int(b)), dc = abs(estimate - Int(c))
        if da <= db && da <= dc { return a }
        return db <= dc ? b : c
    }
}
