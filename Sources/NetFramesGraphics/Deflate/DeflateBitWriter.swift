/// deflate's bit stream (RFC 1951, 3.1.1): values packed least significant bit first
/// into bytes, written into a buffer sized up front by the caller.
///
/// Codes are gathered in a 64-bit word with `add` and stored with one unconditional
/// 8-byte write by `flush`, which keeps at most 7 bits back: up to 56 bits may be added
/// between flushes, enough for a whole match (length and distance with their extra
/// bits) or three literals.
struct DeflateBitWriter {
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Whole bytes written so far.
    private(set) var byteCount = 0
    private var pending: UInt64 = 0
    private var pendingBits = 0

    /// A writer into `buffer`, which must hold `capacity` bytes plus 8 of slack.
    init(buffer: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.buffer = buffer
        self.capacity = capacity
    }

    /// Adds the low `bits` bits of `value` (higher bits must be zero). At most 56 bits may
    /// be added between two flushes.
    @inline(__always)
    mutating func add(_ value: UInt64, bits: Int) {
        pending |= value &<< UInt64(pendingBits)
        pendingBits &+= bits
    }

    /// Stores every whole byte added so far, keeping the 0–7 bits that remain.
    @inline(__always)
    mutating func flush() {
        precondition(byteCount <= capacity, "deflate output outgrew its bound")
        UnsafeMutableRawPointer(buffer + byteCount).storeBytes(of: pending.littleEndian, as: UInt64.self)
        let bytes = pendingBits &>> 3
        byteCount &+= bytes
        pending = pending &>> UInt64(bytes &<< 3)   // bytes ≤ 7: pendingBits stays under 64
        pendingBits &= 7
    }

    /// Writes the low `bits` bits of `value` (at most 32; higher bits must be zero).
    @inline(__always)
    mutating func write(_ value: UInt32, bits: Int) {
        add(UInt64(value), bits: bits)
        flush()
    }

    /// Pads with zero bits to the next byte boundary and flushes every pending byte.
    mutating func alignToByte() {
        flush()
        if pendingBits > 0 {
            add(0, bits: 8 &- pendingBits)
            flush()
        }
        pending = 0
    }

    /// Copies bytes verbatim; the stream must be byte-aligned.
    mutating func writeBytes(_ source: UnsafePointer<UInt8>, count: Int) {
        precondition(pendingBits == 0, "verbatim bytes need a byte-aligned stream")
        precondition(byteCount + count <= capacity, "deflate output outgrew its bound")
        (buffer + byteCount).update(from: source, count: count)
        byteCount += count
    }
}
