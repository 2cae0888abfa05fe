/// One element of a deflate block before Huffman coding: one to three literal bytes, or
/// a match that repeats `length` bytes from `distance` bytes back. Packed in 32 bits so
/// a block's tokens sit in one flat buffer; a literal token holds a whole RGB pixel.
struct DeflateToken {
    let bits: UInt32

    /// `count` (1–3) literal bytes, the first in the low byte of `bytes`.
    @inline(__always) static func literals(_ bytes: UInt32, count: Int) -> DeflateToken {
        DeflateToken(bits: bytes | UInt32(truncatingIfNeeded: count) << 24)
    }

    @inline(__always) static func match(length: Int, distance: Int) -> DeflateToken {
        DeflateToken(bits: 0x8000_0000 | UInt32(length) << 16 | UInt32(distance))
    }

    @inline(__always) var isMatch: Bool { bits & 0x8000_0000 != 0 }
    /// How many literal bytes a literal token holds.
    @inline(__always) var literalCount: Int { Int(bits >> 24) }
    /// Literal byte `k` (0–2).
    @inline(__always) func literal(_ k: Int) -> Int { Int(bits >> UInt32(8 &* k) & 0xFF) }
    @inline(__always) var length: Int { Int(bits >> 16 & 0x1FF) }
    @inline(__always) var distance: Int { Int(bits & 0xFFFF) }
}
