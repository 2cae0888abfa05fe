/// Writes one deflate block for a run of tokens: with Huffman codes made for exactly
/// those tokens (a dynamic block, RFC 1951 3.2.7), or stored verbatim when that would
/// be smaller, which bounds the output at the input's size plus a few bytes per block.
///
/// The tokens' symbol frequencies are counted by whoever makes them (`PixelRunMatcher`)
/// into `literalFrequencies` and `distanceFrequencies`, cleared by `startBlock()`.
final class DeflateBlockWriter {
    /// Counts of literal/length symbols 0–285 in the block's tokens.
    let literalFrequencies = UnsafeMutablePointer<UInt32>.allocate(capacity: DeflateSymbols.literalLengthCount)
    /// Counts of distance symbols 0–29 in the block's tokens.
    let distanceFrequencies = UnsafeMutablePointer<UInt32>.allocate(capacity: DeflateSymbols.distanceCount)
    private let literalTable = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
    private let lengthTable = UnsafeMutablePointer<UInt64>.allocate(capacity: 259)
    private let distanceTable = UnsafeMutablePointer<UInt64>.allocate(capacity: DeflateSymbols.distanceCount)

    init() {
        startBlock()
    }

    deinit {
        literalFrequencies.deallocate()
        distanceFrequencies.deallocate()
        literalTable.deallocate()
        lengthTable.deallocate()
        distanceTable.deallocate()
    }

    /// Clears the frequencies for the next block's tokens.
    func startBlock() {
        literalFrequencies.update(repeating: 0, count: DeflateSymbols.literalLengthCount)
        distanceFrequencies.update(repeating: 0, count: DeflateSymbols.distanceCount)
    }

    /// The order in which code-length code lengths are written.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Writes `tokens`, which encode the `rawCount` bytes at `raw`, as one block.
    /// Their frequencies must have been counted since `startBlock()`.
    func write(_ tokens: UnsafeBufferPointer<DeflateToken>, raw: UnsafePointer<UInt8>, rawCount: Int,
                        final: Bool, to out: inout DeflateBitWriter) {
        literalFrequencies[DeflateSymbols.endOfBlock] = 1
        let literalFrequencies = UnsafeBufferPointer(start: self.literalFrequencies, count: DeflateSymbols.literalLengthCount)
        let distanceFrequencies = UnsafeBufferPointer(start: self.distanceFrequencies, count: DeflateSymbols.distanceCount)
        let literalLengths = HuffmanCode.lengths(of: literalFrequencies, limit: 15)
        var distanceLengths = HuffmanCode.lengths(of: distanceFrequencies, limit: 15)
        if distanceLengths.allSatisfy({ $0 == 0 }) { distanceLengths[0] = 1 }   // one unused code, as zlib writes

        let literalCount = max(257, (literalLengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let distanceCount = max(1, (distanceLengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let header = CodeLengthRuns(Array(literalLengths[..<literalCount]) + Array(distanceLengths[..<distanceCount]))
        let codeLengthLengths = header.frequencies.withUnsafeBufferPointer { HuffmanCode.lengths(of: $0, limit: 7) }
        var codeLengthCount = 19
        while codeLengthCount > 4 && codeLengthLengths[Self.codeLengthOrder[codeLengthCount - 1]] == 0 {
            codeLengthCount -= 1
        }

        // The dynamic block's exact size in bits, against the stored blocks'.
        var bits = 3 + 5 + 5 + 4 + 3 * codeLengthCount
        for run in header.runs { bits += Int(codeLengthLengths[Int(run.symbol)]) + run.extraBits }
        for symbol in 0..<DeflateSymbols.literalLengthCount {
            bits += Int(literalFrequencies[symbol]) * Int(literalLengths[symbol])
            if symbol > 256 {
                bits += Int(literalFrequencies[symbol]) * DeflateSymbols.lengthExtraBits[symbol - 257]
            }
        }
        for symbol in 0..<DeflateSymbols.distanceCount {
            bits += Int(distanceFrequencies[symbol]) * (Int(distanceLengths[symbol]) + DeflateSymbols.distanceExtraBits[symbol])
        }
        let storedChunks = max(1, (rawCount + 65534) / 65535)
        guard bits <= (rawCount + 5 * storedChunks) * 8 else {
            writeStored(raw, count: rawCount, final: final, to: &out)
            return
        }

        out.write(final ? 1 : 0, bits: 1)
        out.write(2, bits: 2)
        out.write(UInt32(literalCount - 257), bits: 5)
        out.write(UInt32(distanceCount - 1), bits: 5)
        out.write(UInt32(codeLengthCount - 4), bits: 4)
        for i in 0..<codeLengthCount {
            out.write(UInt32(codeLengthLengths[Self.codeLengthOrder[i]]), bits: 3)
        }
        let codeLengthCodes = HuffmanCode.codes(for: codeLengthLengths)
        for run in header.runs {
            let symbol = Int(run.symbol)
            out.write(UInt32(codeLengthCodes[symbol]), bits: Int(codeLengthLengths[symbol]))
            if run.extraBits > 0 { out.write(UInt32(run.extra), bits: run.extraBits) }
        }

        // Per-block lookup tables: every literal/length symbol's code and length, every
        // match length's code with its extra bits appended, every distance symbol's code.
        let literalCodes = HuffmanCode.codes(for: literalLengths)
        let distanceCodes = HuffmanCode.codes(for: distanceLengths)
        for symbol in 0..<256 {
            literalTable[symbol] = UInt64(literalCodes[symbol]) | UInt64(literalLengths[symbol]) << 32
        }
        for length in 3...258 {
            let packed = DeflateSymbols.lengthCodes[length]
            let symbol = Int(packed & 0xFFFF), codeLength = UInt64(literalLengths[symbol])
            let extraBits = UInt64(packed >> 16 & 0xFF), extra = UInt64(packed >> 24)
            lengthTable[length] = (UInt64(literalCodes[symbol]) | extra << codeLength) | (codeLength + extraBits) << 32
        }
        for symbol in 0..<DeflateSymbols.distanceCount {
            distanceTable[symbol] = UInt64(distanceCodes[symbol]) | UInt64(distanceLengths[symbol]) << 32
        }
        let literalTable = self.literalTable, lengthTable = self.lengthTable, distanceTable = self.distanceTable
        // One flush per token: a match's codes and extra bits, or a token's literals,
        // take at most 48 bits.
        for token in tokens {
            let bits = token.bits
            if bits & 0x8000_0000 != 0 {
                let length = lengthTable[Int(bits >> 16 & 0x1FF)]
                out.add(length & 0xFFFF_FFFF, bits: Int(length >> 32))
                let distance = DeflateSymbols.distanceCode(Int(bits & 0xFFFF))
                let code = distanceTable[distance.symbol]
                let codeLength = code >> 32
                out.add(code & 0xFFFF_FFFF | UInt64(distance.extra) &<< codeLength,
                        bits: Int(codeLength) &+ distance.extraBits)
            } else {
                let first = literalTable[Int(bits & 0xFF)]
                var value = first & 0xFFFF_FFFF, length = first >> 32
                let count = bits >> 24
                if count > 1 {
                    let second = literalTable[Int(bits >> 8 & 0xFF)]
                    value |= (second & 0xFFFF_FFFF) &<< length
                    length &+= second >> 32
                    if count > 2 {
                        let third = literalTable[Int(bits >> 16 & 0xFF)]
                        value |= (third & 0xFFFF_FFFF) &<< length
                        length &+= third >> 32
                    }
                }
                out.add(value, bits: Int(length))
            }
            out.flush()
        }
        let end = DeflateSymbols.endOfBlock
        out.write(UInt32(literalCodes[end]), bits: Int(literalLengths[end]))
    }

    /// The bytes as stored blocks of at most 65,535 bytes each.
    private func writeStored(_ raw: UnsafePointer<UInt8>, count: Int, final: Bool, to out: inout DeflateBitWriter) {
        var start = 0
        repeat {
            let length = min(65535, count - start)
            let last = start + length == count
            out.write(final && last ? 1 : 0, bits: 1)
            out.write(0, bits: 2)
            out.alignToByte()
            out.write(UInt32(length) | UInt32(~UInt16(length)) << 16, bits: 32)
            out.writeBytes(raw + start, count: length)
            start += length
        } while start < count
    }
}

/// A sequence of code lengths as deflate writes it in a block header: each length as
/// itself, or runs as symbol 16 (repeat the previous 3–6 times), 17 (3–10 zeros) and
/// 18 (11–138 zeros).
struct CodeLengthRuns {
    struct Run {
        let symbol: UInt8
        let extraBits: Int
        let extra: UInt8
    }

    private(set) var runs: [Run] = []
    private(set) var frequencies = [UInt32](repeating: 0, count: 19)

    init(_ lengths: [UInt8]) {
        var i = 0
        while i < lengths.count {
            let value = lengths[i]
            var run = 1
            while i + run < lengths.count && lengths[i + run] == value { run += 1 }
            i += run
            if value == 0 {
                while run >= 11 { let n = min(run, 138); add(18, 7, n - 11); run -= n }
                if run >= 3 { add(17, 3, run - 3); run = 0 }
                while run > 0 { add(0, 0, 0); run -= 1 }
            } else {
                add(value, 0, 0)
                run -= 1
                while run >= 3 { let n = min(run, 6); add(16, 2, n - 3); run -= n }
                while run > 0 { add(value, 0, 0); run -= 1 }
            }
        }
    }

    private mutating func add(_ symbol: UInt8, _ extraBits: Int, _ extra: Int) {
        runs.append(Run(symbol: symbol, extraBits: extraBits, extra: UInt8(extra)))
        frequencies[Int(symbol)] += 1
    }
}
