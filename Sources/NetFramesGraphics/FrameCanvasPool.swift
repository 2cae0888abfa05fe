import CCairo

/// An image surface and the PNG encoder's working memory, drawn on and encoded from one
/// frame after another (see `FrameCanvasPool`).
final class FrameCanvas {
    let surface: CairoSurface
    let width: Int
    let height: Int
    let scratch = PNGScratch()
    /// Whether a frame was drawn on it: the next one must clear it first.
    var used = false

    init(width: Int, height: Int) throws {
        surface = try CairoSurface.image(width: width, height: height)
        self.width = width
        self.height = height
    }
}

/// Canvases kept from frame to frame, so a render draws every frame on a surface and
/// encodes it in buffers that were allocated once, instead of allocating and clearing
/// about 10 MB (at 1280x720) per frame.
///
/// Each frame takes a canvas of its size (or a new one when none is idle), draws on it
/// after clearing it exactly as a fresh surface is clear, and gives it back, so the
/// pixels and bytes are the same as without the pool. Threads drawing at once each hold
/// their own canvas; the pool keeps as many as were in use at once, of the size last
/// asked for. Safe to share between threads.
public final class FrameCanvasPool: @unchecked Sendable {
    private let lock = Lock()
    private var idle: [FrameCanvas] = []

    /// An empty pool.
    public init() {}

    /// An idle canvas of `width`x`height`, or a new one. Idle canvases of another size are let go.
    func take(width: Int, height: Int) throws -> FrameCanvas {
        let reused = lock.withLock { () -> FrameCanvas? in
            idle.removeAll { $0.width != width || $0.height != height }
            return idle.popLast()
        }
        return try reused ?? FrameCanvas(width: width, height: height)
    }

    /// Returns a canvas after its frame is encoded; a surface cairo has put in an error
    /// state is dropped rather than kept.
    func give(_ canvas: FrameCanvas) {
        guard cairo_surface_status(canvas.surface.pointer) == CAIRO_STATUS_SUCCESS else { return }
        lock.withLock { idle.append(canvas) }
    }

    /// How many canvases are idle in the pool (for tests).
    var idleCount: Int { lock.withLock { idle.count } }
}
