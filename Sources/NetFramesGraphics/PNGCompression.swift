/// How a PNG is compressed: the deflate encoder (NetFrames' own, or libdeflate at a
/// level) and the choice of PNG row filters.
///
/// Every setting gives the same pixels and deterministic bytes; they differ only in
/// time and size. Measured on the same pixels, 25 of scene A's 1280x720 diagram frames
/// ([4,6,6,3], every label on; `netframes-bench render-bytes`), per frame: `.fast`
/// 273.8 KB, `.small` 262.9 KB, `.best` 250.0 KB, against 345.9 KB from the naive writer
/// (`cairo_surface_write_to_png`): 0.792, 0.760 and 0.723 of its bytes.
/// `netframes-bench render` gives the times.
public struct PNGCompression: Sendable, Hashable {
    /// Which deflate encoder compresses the scanlines.
    public enum Encoder: Sendable, Hashable {
        /// NetFrames' own, made for drawn frames: it looks for repeats only at the row
        /// above, the pixel to the left and one hashed earlier place, a whole pixel at a
        /// time, and skips matched bytes at memory speed (`PixelRunDeflater`).
        case pixelRuns
        /// libdeflate at a level from 1 (fastest) to 12 (smallest).
        case libdeflate(level: Int)
    }

    /// The PNG row filter applied before compressing.
    ///
    /// A filter replaces each byte by its difference from a neighbour. On flat-colour
    /// pictures that makes things worse: deflate matches whole repeated pixels directly,
    /// and differences turn antialiased edges and glyphs into noise (measured on diagram
    /// frames with libdeflate level 1: none 300 KB, sub 361 KB, up 389 KB, paeth 381 KB,
    /// the classic per-row minimum-sum choice 372 KB). On photographs and heatmaps the
    /// differences are small and filters win.
    public enum RowFilter: Sendable, Hashable {
        /// Bytes as they are.
        case none
        /// Difference from the same channel of the pixel to the left.
        case sub
        /// Difference from the same byte in the row above.
        case up
        /// Difference from whichever of left, above and upper-left predicts best.
        case paeth
        /// Chosen per row: no filter when most of the row repeats the pixel to its left or
        /// above it (flat-colour drawing), otherwise whichever of sub, up and paeth leaves
        /// the smallest sum of absolute differences.
        case perRow
    }

    /// The deflate encoder.
    public var encoder: Encoder
    /// The row filter.
    public var filter: RowFilter

    /// libdeflate at `level` (clamped to 1...12) with `filter`.
    public init(level: Int, filter: RowFilter = .perRow) {
        encoder = .libdeflate(level: max(1, min(12, level)))
        self.filter = filter
    }

    /// `encoder` with `filter`.
    public init(encoder: Encoder, filter: RowFilter) {
        if case .libdeflate(let level) = encoder {
            self.encoder = .libdeflate(level: max(1, min(12, level)))
        } else {
            self.encoder = encoder
        }
        self.filter = filter
    }

    /// Speed first: NetFrames' own encoder on unfiltered rows. The default for frames.
    public static let fast = PNGCompression(encoder: .pixelRuns, filter: .none)

    /// Smaller files at moderate cost: level 9. Used for pages and sheets that are published.
    public static let small = PNGCompression(level: 9)

    /// The smallest files libdeflate can make: level 12, its near-optimal parsing. Slow;
    /// meant for the few frames that go into a post or a slide deck.
    public static let best = PNGCompression(level: 12)
}
