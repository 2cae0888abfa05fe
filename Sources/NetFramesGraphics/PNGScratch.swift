/// The working memory of PNG encoding: the scanlines, the compressed stream, and the
/// deflate encoder's tokens, hash table and block writer.
///
/// Kept between images by a `FrameCanvas`, so a render's frames allocate (and the
/// system zeroes) these megabytes once instead of once per frame. Nothing in them
/// carries over: every image overwrites what it reads, and the hash table is reset.
/// One encoding at a time.
final class PNGScratch {
    private(set) var raw = ScratchBuffer<UInt8>()
    private(set) var output = ScratchBuffer<UInt8>()
    private(set) var tokens = ScratchBuffer<DeflateToken>()
    /// `PixelRunMatcher`'s hash table: `tableSize` positions.
    let table = UnsafeMutablePointer<Int32>.allocate(capacity: PixelRunMatcher.tableSize)
    let blocks = DeflateBlockWriter()

    init() {}

    deinit {
        raw.free()
        output.free()
        tokens.free()
        table.deallocate()
    }

    /// Room for `count` scanline bytes (plus 8 readable bytes past them for word reads).
    func rawBytes(_ count: Int) -> UnsafeMutablePointer<UInt8> { raw.reserve(count + 8) }
    /// Room for a compressed stream of at most `count` bytes (plus 8 for word writes).
    func outputBytes(_ count: Int) -> UnsafeMutablePointer<UInt8> { output.reserve(count + 8) }
    /// Room for `count` tokens.
    func tokenSlots(_ count: Int) -> UnsafeMutablePointer<DeflateToken> { tokens.reserve(count) }
}

/// Uninitialised memory for plain values that grows when asked for more than it holds
/// (without keeping its contents) and is freed by its owner.
struct ScratchBuffer<Element> {
    private var pointer: UnsafeMutablePointer<Element>?
    private var capacity = 0

    /// Where the elements are (nil before the first `reserve`).
    var contents: UnsafePointer<Element>? { pointer.map { UnsafePointer($0) } }

    /// At least `count` elements, the contents unspecified.
    mutating func reserve(_ count: Int) -> UnsafeMutablePointer<Element> {
        if let pointer, capacity >= count { return pointer }
        pointer?.deallocate()
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: max(1, count))
        pointer = fresh
        capacity = max(1, count)
        return fresh
    }

    /// Releases the memory.
    mutating func free() {
        pointer?.deallocate()
        pointer = nil
        capacity = 0
    }
}
