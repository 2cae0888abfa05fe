import CCairo
import NetFramesScene

/// Measures text exactly as `SceneRenderer` will draw it, through cairo's toy font API.
///
/// Width is the `x_advance` of `cairo_text_extents`; ascent and descent are the font's
/// (`cairo_font_extents`), so every label in one font gets the same vertical box whatever
/// its characters. Font options match the renderer's (no metric hinting), so the numbers
/// hold at any scale and in every output format. Strings are UTF-8; the toy API does no
/// font fallback, so a character the family lacks is measured and drawn as its
/// "missing glyph" box.
///
/// Copies share a small pool of scratch cairo contexts guarded by a lock; each call takes
/// a context for itself, so any number of threads may measure at once. If cairo cannot
/// create a scratch context (out of memory), or the font size is not positive and
/// finite, the extent is all zeros (and the renderer draws nothing for such a font).
public struct CairoTextMeasurer: TextMeasuring {
    private let pool: ScratchContextPool

    /// A measurer with its own, initially empty, pool of scratch contexts.
    public init() {
        pool = ScratchContextPool()
    }

    /// The advance width and the font's ascent and descent of `string` in `font`.
    public func measure(_ string: String, font: Font) -> TextExtent {
        guard isUsable(font) else { return TextExtent(width: 0, ascent: 0, descent: 0) }
        return pool.withContext { scratch in
            scratch.font.select(font, on: scratch.context.pointer)
            return string.withCString { scratch.font.extent(of: $0, on: scratch.context.pointer) }
        } ?? TextExtent(width: 0, ascent: 0, descent: 0)
    }
}

/// A cairo context on a 1x1 surface, kept only for measuring, and the font it has selected.
final class ScratchContext {
    let context: CairoContext
    var font = FontState()

    init() throws {
        context = try CairoContext(CairoSurface.image(width: 1, height: 1))
        TextSetup.applyOptions(to: context.pointer)
    }
}

/// Scratch contexts lent out one caller at a time.
///
/// `@unchecked Sendable` is honest here: the array is only touched under the lock, and a
/// context taken out of it is used by exactly one caller until it is put back.
final class ScratchContextPool: @unchecked Sendable {
    private let lock = Lock()
    private var idle: [ScratchContext] = []
    /// Enough for every core to measure at once without churning contexts.
    private let maximumIdle = 16

    /// Runs `body` with a context no one else is using; `nil` if none could be created.
    /// A context that ends up in an error state is dropped rather than lent again
    /// (cairo errors are sticky).
    func withContext<R>(_ body: (ScratchContext) -> R) -> R? {
        let scratch = lock.withLock { idle.popLast() } ?? (try? ScratchContext())
        guard let scratch else { return nil }
        let result = body(scratch)
        if cairo_status(scratch.context.pointer) == CAIRO_STATUS_SUCCESS {
            lock.withLock {
                if idle.count < maximumIdle { idle.append(scratch) }
            }
        }
        return result
    }
}
