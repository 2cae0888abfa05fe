/// One element of a deflate block before Huffman coding: a literal byte, or a match that
/// repeats `length` bytes from `distance` bytes back. Packed in 32 bits so a block's
/// tokens sit in one flat buffer.
struct DeflateToken {
    let bits: UInt32

    @inline(__always) static func literal(_ byte: UInt8) -> DeflateToken { DeflateToken(bits: UInt32(byte)) }

    @inline(__always) static func match(length: Int, distance: Int) -> DeflateToken {
        DeflateToken(bits: 0x8000_0000 | UInt32(length) << 16 | UInt32(distance))
    }

    @inline(__always) var isMatch: Bool { bits & 0x8000_0000 != 0 }
    @inline(__always) var literal: Int { Int(bits & 0xFF) }
    @inline(__always) var length: Int { Int(bits >> 16 & 0x1FF) }
    @inline(__always) var distance: Int { Int(bits & 0xFFFF) }
}
