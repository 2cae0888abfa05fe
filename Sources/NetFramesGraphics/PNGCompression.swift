import CPNG

/// How hard libpng and zlib work on a PNG: a zlib level, the PNG row filter and
/// zlib's match strategy.
///
/// Use `.fast` for frames that go on to a video encoder or a preview, `.small` for
/// images that are published. The bytes are deterministic for any one setting.
public struct PNGCompression: Sendable, Hashable {
    /// The PNG row filter libpng applies before compressing.
    ///
    /// Filtering replaces each byte by its difference from a neighbour so that zlib
    /// finds more repetition; `.adaptive` lets libpng try all five per row and keep the
    /// one with the smallest sum of absolute differences (slowest, usually smallest).
    public enum Filter: Sendable, Hashable {
        case none, sub, up, average, paeth, adaptive
    }

    /// The zlib match strategy.
    ///
    /// `.runLength` only looks for repeats of the previous byte sequence at distance
    /// one pixel/row-stride apart, which is very fast and suits filtered image rows.
    public enum Strategy: Sendable, Hashable {
        case `default`, filtered, runLength, huffmanOnly
    }

    /// zlib compression level, 0 (store) to 9 (smallest).
    public var level: Int
    public var filter: Filter
    public var strategy: Strategy

    /// A setting; `level` is clamped to 0...9.
    public init(level: Int, filter: Filter, strategy: Strategy = .default) {
        self.level = max(0, min(9, level))
        self.filter = filter
        self.strategy = strategy
    }

    /// Speed first: zlib level 1 on `up`-filtered rows.
    ///
    /// Chosen by measuring a 1280x720 diagram frame (white ground, thin lines, circles,
    /// ~200 small labels): see the package's benchmark notes. `up` is a single subtraction
    /// per byte and turns the many vertically uniform areas into zeros, so it costs
    /// almost nothing over no filter while giving much smaller files; adaptive filtering
    /// is several times slower per row for a modest further gain.
    public static let fast = PNGCompression(level: 1, filter: .up)

    /// Size first: zlib level 9 with libpng's adaptive per-row filter choice.
    public static let small = PNGCompression(level: 9, filter: .adaptive, strategy: .filtered)

    /// The `png_set_filter` mask.
    var libpngFilters: Int32 {
        switch filter {
        case .none: return PNG_FILTER_NONE
        case .sub: return PNG_FILTER_SUB
        case .up: return PNG_FILTER_UP
        case .average: return PNG_FILTER_AVG
        case .paeth: return PNG_FILTER_PAETH
        case .adaptive:
            return PNG_FILTER_NONE | PNG_FILTER_SUB | PNG_FILTER_UP | PNG_FILTER_AVG | PNG_FILTER_PAETH
        }
    }

    /// The zlib strategy constant (`Z_DEFAULT_STRATEGY`, `Z_FILTERED`, `Z_RLE`,
    /// `Z_HUFFMAN_ONLY`; zlib.h is not a module here, so the values are spelt out).
    var zlibStrategy: Int32 {
        switch strategy {
        case .default: return 0
        case .filtered: return 1
        case .huffmanOnly: return 2
        case .runLength: return 3
        }
    }
}
