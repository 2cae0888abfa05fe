/// Filters PNG scanlines (PNG specification, section 9) in place, one row at a time,
/// remembering where the unfiltered row above is, which every filter but `none` reads.
///
/// Rows are filtered where they lie in the image buffer. A row left unfiltered is its
/// own record of the row above; a filtered row is first copied to one of two scratch
/// rows. One filter per encoding, used from one thread.
final class PNGRowFilter {
    private let rowBytes: Int
    private let bytesPerPixel: Int
    private let choice: PNGCompression.RowFilter
    private var scratch: (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>)
    /// The unfiltered row above the next one; zeros above the first.
    private var previous: UnsafePointer<UInt8>

    /// A filter for rows of `rowBytes` bytes, `bytesPerPixel` bytes a pixel.
    init(rowBytes: Int, bytesPerPixel: Int, choice: PNGCompression.RowFilter) {
        self.rowBytes = rowBytes
        self.bytesPerPixel = bytesPerPixel
        self.choice = choice
        scratch = (.allocate(capacity: rowBytes), .allocate(capacity: rowBytes))
        scratch.0.initialize(repeating: 0, count: rowBytes)
        previous = UnsafePointer(scratch.0)
    }

    deinit {
        scratch.0.deallocate()
        scratch.1.deallocate()
    }

    /// Filters the row at `line + 1` (`rowBytes` unfiltered bytes) in place and writes
    /// its filter-type byte at `line`. Rows must come in order, top to bottom.
    func filter(line: UnsafeMutablePointer<UInt8>) {
        let row = line + 1
        let type = choice == .perRow ? chooseType(row) : Self.type(of: choice)
        line[0] = type
        if type == 0 {
            previous = UnsafePointer(row)
        } else {
            // Keep the unfiltered bytes (in the scratch row `previous` is not using),
            // then write the differences over the row.
            let copy = previous == UnsafePointer(scratch.0) ? scratch.1 : scratch.0
            copy.update(from: row, count: rowBytes)
            apply(type, current: UnsafePointer(copy), into: row)
            previous = UnsafePointer(copy)
        }
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

    /// No filter when at least half the row's 8-byte words repeat the row above or the
    /// bytes one pixel to the left (cheap: one pass of word compares); otherwise the
    /// filter with the smallest sum of absolute differences.
    private func chooseType(_ row: UnsafePointer<UInt8>) -> UInt8 {
        let words = (rowBytes - bytesPerPixel) / 8
        var repeating = 0
        let here = UnsafeRawPointer(row + bytesPerPixel)
        let left = UnsafeRawPointer(row)
        let above = UnsafeRawPointer(previous + bytesPerPixel)
        for k in 0..<words {
            let word = here.loadUnaligned(fromByteOffset: 8 &* k, as: UInt64.self)
            let same = word == above.loadUnaligned(fromByteOffset: 8 &* k, as: UInt64.self)
                || word == left.loadUnaligned(fromByteOffset: 8 &* k, as: UInt64.self)
            repeating &+= same ? 1 : 0
        }
        if 2 * repeating >= words { return 0 }
        var best: UInt8 = 0
        var bestCost = Int.max
        for type: UInt8 in [1, 2, 4] {
            let cost = absoluteSum(type, current: row)
            if cost < bestCost {
                bestCost = cost
                best = type
            }
        }
        return best
    }

    /// The sum of |residual| (residuals read as signed bytes) that filter `type` would leave.
    private func absoluteSum(_ type: UInt8, current: UnsafePointer<UInt8>) -> Int {
        var sum = 0
        for i in 0..<rowBytes {
            let residual = Int8(bitPattern: current[i] &- predictor(type, current: current, at: i))
            sum &+= Int(residual.magnitude)
        }
        return sum
    }

    // MARK: Applying

    private func apply(_ type: UInt8, current: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) {
        for i in 0..<rowBytes {
            out[i] = current[i] &- predictor(type, current: current, at: i)
        }
    }

    /// What filter `type` predicts byte `i` of `current` to be.
    @inline(__always)
    private func predictor(_ type: UInt8, current: UnsafePointer<UInt8>, at i: Int) -> UInt8 {
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
