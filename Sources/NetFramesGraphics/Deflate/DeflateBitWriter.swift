/// deflate's bit stream (RFC 1951, 3.1.1): values packed least significant bit first
/// into bytes, written into a buffer sized up front by the caller.
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

    /// Writes the low `bits` bits of `value` (at most 32; higher bits must be zero).
    @inline(__always)
    mutating func write(_ value: UInt32, bits: Int) {
        pending |= UInt64(value) &<< UInt64(pendingBits)
        pendingBits &+= bits
        if pendingBits >= 32 {
            precondition(byteCount + 4 <= capacity + 8, "deflate output outgrew its bound")
            UnsafeMutableRawPointer(buffer + byteCount).storeBytes(of: UInt32(truncatingIfNeeded: pending).littleEndian,
                                                                   as: UInt32.self)
            byteCount &+= 4
            pending &>>= 32
            pendingBits &-= 32
        }
    }

    /// Pads with zero bits to the next byte boundary and flushes every pending byte.
    mutating func alignToByte() {
        while pendingBits > 0 {
            precondition(byteCount < capacity, "deflate output outgrew its bound")
            buffer[byteCount] = UInt8(truncatingIfNeeded: pending)
            byteCount += 1
            pending >>= 8
            pendingBits = max(0, pendingBits - 8)
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
