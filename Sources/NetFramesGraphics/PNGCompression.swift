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
        /// Bytes as they are.
        case none
        /// Difference from the same channel of the pixel to the left.
        case sub
        /// Difference from the same byte in the row above.
        case up
        /// Difference from the mean of left and above.
        case average
        /// Difference from whichever of left, above and upper-left predicts best.
        case paeth
        /// libpng picks one of the five per row.
        case adaptive
    }

    /// The zlib match strategy.
    ///
    /// Measured on diagram frames, `.default` was best at every level; the others are
    /// here for experiments and unusual content.
    public enum Strategy: Sendable, Hashable {
        /// zlib's normal string matching (`Z_DEFAULT_STRATEGY`).
        case `default`
        /// Favours Huffman coding over short matches (`Z_FILTERED`); meant for filtered data.
        case filtered
        /// Matches only runs of the byte just before (`Z_RLE`): fast, but blind to
        /// repeated multi-byte pixels.
        case runLength
        /// No matching at all, only Huffman coding (`Z_HUFFMAN_ONLY`).
        case huffmanOnly
    }

    /// zlib compression level, 0 (store) to 9 (smallest).
    public var level: Int
    /// The row filter; one filter for every row, or `.adaptive`.
    public var filter: Filter
    /// The zlib match strategy.
    public var strategy: Strategy

    /// A setting of level, filter and strategy.
    ///
    /// `level` is clamped to 0...9; the strategy defaults to zlib's own.
    public init(level: Int, filter: Filter, strategy: Strategy = .default) {
        self.level = max(0, min(9, level))
        self.filter = filter
        self.strategy = strategy
    }

    /// Speed first: zlib level 1, no row filter.
    ///
    /// Chosen by measurement on 1280x720 diagram frames (white ground, 84 antialiased
    /// lines, 19 circles, ~200 small labels; thread CPU time for encoding only, zlib 1.2.13):
    /// no filter 15.9 ms / 204 KB, `sub` 19.4 ms / 243 KB, `up` 19.1 ms / 257 KB,
    /// `paeth` 24.8 ms / 257 KB, adaptive 39.7 ms / 258 KB. Flat-colour vector art repeats
    /// whole pixels, which deflate matches directly; filters turn antialiased edges and
    /// glyphs into noise. The same order held with a full-frame heatmap and with a
    /// transparent background. (cairo's own writer: about 63 ms / 241 KB.)
    public static let fast = PNGCompression(level: 1, filter: .none)

    /// Size first: zlib level 9, no row filter.
    ///
    /// On diagram frames this is about a quarter smaller than level 9 with libpng's
    /// adaptive filters (177 KB against 233 KB) and somewhat faster, for the reason given
    /// under `fast`. For photographic content, `PNGCompression(level: 9, filter: .adaptive)`
    /// would be the better choice.
    public static let small = PNGCompression(level: 9, filter: .none)

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
