import CDeflate

/// A PNG file being assembled in memory: the signature, then chunks, each as length,
/// type, data and the CRC-32 of type and data (PNG specification, section 5).
struct PNGChunkWriter {
    /// The colour types NetFrames writes, 8 bits per channel.
    enum ColorType: UInt8 {
        case rgb = 2
        case rgba = 6
    }

    /// The largest IDAT chunk written; longer image data is split over several, as
    /// encoders commonly do, so no decoder meets one huge chunk.
    static let imageDataChunkSize = 1 << 20

    private(set) var bytes: [UInt8]

    /// A file starting with the PNG signature, with room for `capacity` bytes.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes += [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    }

    /// IHDR: size, 8 bits per channel, deflate, adaptive filtering, not interlaced.
    mutating func appendHeader(width: Int, height: Int, colorType: ColorType) {
        var data: [UInt8] = []
        data.appendBigEndian(UInt32(width))
        data.appendBigEndian(UInt32(height))
        data += [8, colorType.rawValue, 0, 0, 0]
        data.withUnsafeBufferPointer { append(type: "IHDR", $0) }
    }

    /// An iTXt chunk: international text under a keyword (PNG specification 11.3.4.5),
    /// uncompressed, with no language tag. Keywords are 1 to 79 Latin-1 characters; the
    /// text is UTF-8.
    mutating func appendText(keyword: String, _ text: String) {
        var data = Array(keyword.utf8.prefix(79))
        data += [0, 0, 0, 0, 0]  // keyword end, not compressed, method 0, no language, no translated keyword
        data += Array(text.utf8)
        data.withUnsafeBufferPointer { append(type: "iTXt", $0) }
    }

    /// The zlib stream, as one or more IDAT chunks.
    mutating func appendImageData(_ zlib: UnsafeBufferPointer<UInt8>) {
        var start = 0
        repeat {
            let count = min(Self.imageDataChunkSize, zlib.count - start)
            append(type: "IDAT", UnsafeBufferPointer(rebasing: zlib[start..<(start + count)]))
            start += count
        } while start < zlib.count
    }

    /// IEND, which closes the file.
    mutating func appendEnd() {
        append(type: "IEND", UnsafeBufferPointer(start: nil, count: 0))
    }

    private mutating func append(type: StaticString, _ data: UnsafeBufferPointer<UInt8>) {
        bytes.appendBigEndian(UInt32(data.count))
        let typeStart = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(start: type.utf8Start, count: type.utf8CodeUnitCount))
        bytes.append(contentsOf: data)
        let crc = bytes.withUnsafeBufferPointer { all in
            libdeflate_crc32(0, all.baseAddress! + typeStart, all.count - typeStart)
        }
        bytes.appendBigEndian(UInt32(crc))
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` as four bytes, most significant first, as PNG stores numbers.
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }
}
