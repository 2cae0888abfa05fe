import CDeflate

/// Decompresses gzip data with libdeflate (Foundation on Linux has no gzip).
enum GzipData {
    /// The bytes `compressed` holds, at most `limit` of them.
    ///
    /// The gzip trailer's last four bytes give the decompressed size (modulo 2³²), so the
    /// output is allocated once; libdeflate checks the CRC-32 and the size.
    static func decompress(_ compressed: [UInt8], limit: Int) throws(BuiltinDataError) -> [UInt8] {
        guard compressed.count >= 18, compressed[0] == 0x1F, compressed[1] == 0x8B else {
            throw .damaged("not gzip data")
        }
        let n = compressed.count
        let size = Int(compressed[n - 4]) | Int(compressed[n - 3]) << 8 | Int(compressed[n - 2]) << 16 | Int(compressed[n - 1]) << 24
        guard size <= limit else { throw .damaged("says it holds \(size) bytes; at most \(limit) are expected") }
        guard let decompressor = libdeflate_alloc_decompressor() else { throw .damaged("libdeflate could not allocate a decompressor") }
        defer { libdeflate_free_decompressor(decompressor) }
        var output = [UInt8](repeating: 0, count: max(1, size))
        var written = 0
        let result = compressed.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                libdeflate_gzip_decompress(decompressor, input.baseAddress, input.count, out.baseAddress, size, &written)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, written == size else {
            throw .damaged("its gzip data does not decompress (libdeflate result \(result.rawValue))")
        }
        return Array(output.prefix(size))
    }
}
