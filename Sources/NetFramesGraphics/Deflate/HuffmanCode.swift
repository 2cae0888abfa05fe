/// Length-limited canonical Huffman codes, as deflate's dynamic blocks use them.
enum HuffmanCode {
    /// The code length of every symbol, none longer than `limit`; unused symbols get 0.
    ///
    /// The lengths come from a Huffman tree built by the two-queue method over the
    /// symbols sorted by frequency (ties by symbol, so the result is deterministic). When
    /// the tree is deeper than `limit`, the overflowing leaves are moved up to `limit` and
    /// the Kraft sum is restored by splitting the deepest shorter codes, one step at a
    /// time; lengths are then dealt out again, shortest to the most frequent. A lone used
    /// symbol gets length 1.
    static func lengths(of frequencies: UnsafeBufferPointer<UInt32>, limit: Int) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        // Frequency and symbol packed in one key, so a plain integer sort orders by
        // frequency, then symbol.
        var keys: [UInt64] = []
        keys.reserveCapacity(frequencies.count)
        for symbol in frequencies.indices where frequencies[symbol] > 0 {
            keys.append(UInt64(frequencies[symbol]) << 16 | UInt64(symbol))
        }
        guard keys.count > 1 else {
            if let only = keys.first { lengths[Int(only & 0xFFFF)] = 1 }
            return lengths
        }
        keys.sort()
        let used = keys.map { Int($0 & 0xFFFF) }

        // Two queues: leaves in frequency order, then internal nodes, which are made in
        // non-decreasing weight order. Nodes 0..<n are leaves, n..<2n-1 internal.
        let n = used.count
        var weight = [UInt64](repeating: 0, count: 2 * n - 1)
        var parent = [Int](repeating: 0, count: 2 * n - 1)
        for i in 0..<n { weight[i] = UInt64(frequencies[used[i]]) }
        var nextLeaf = 0, nextInternal = n, made = n
        func takeSmallest() -> Int {
            if nextLeaf < n && (nextInternal == made || weight[nextLeaf] <= weight[nextInternal]) {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextInternal += 1
            return nextInternal - 1
        }
        while made < 2 * n - 1 {
            let a = takeSmallest(), b = takeSmallest()
            weight[made] = weight[a] + weight[b]
            parent[a] = made
            parent[b] = made
            made += 1
        }
        // Depths, from the root (the last node) down.
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for node in stride(from: 2 * n - 3, through: 0, by: -1) {
            depth[node] = depth[parent[node]] + 1
        }
        var countPerLength = [Int](repeating: 0, count: max(limit, depth[0]) + 1)
        for leaf in 0..<n { countPerLength[depth[leaf]] += 1 }

        if countPerLength.count > limit + 1 {
            for length in (limit + 1)..<countPerLength.count {
                countPerLength[limit] += countPerLength[length]
                countPerLength[length] = 0
            }
            var kraft = 0
            for length in 1...limit { kraft += countPerLength[length] << (limit - length) }
            while kraft > 1 << limit {
                countPerLength[limit] -= 1
                for length in stride(from: limit - 1, through: 1, by: -1) where countPerLength[length] > 0 {
                    countPerLength[length] -= 1
                    countPerLength[length + 1] += 2
                    break
                }
                kraft -= 1
            }
        }
        // Deal the lengths out: longest to the least frequent.
        var next = 0
        for length in stride(from: min(limit, countPerLength.count - 1), through: 1, by: -1) {
            for _ in 0..<countPerLength[length] {
                lengths[used[next]] = UInt8(length)
                next += 1
            }
        }
        return lengths
    }

    /// The canonical codes for `lengths` (RFC 1951, 3.2.2), each bit-reversed so it can
    /// be written least significant bit first.
    static func codes(for lengths: [UInt8]) -> [UInt16] {
        let longest = Int(lengths.max() ?? 0)
        var countPerLength = [Int](repeating: 0, count: longest + 1)
        for length in lengths where length > 0 { countPerLength[Int(length)] += 1 }
        var nextCode = [Int](repeating: 0, count: longest + 2)
        var code = 0
        if longest > 0 {
            for length in 1...longest {
                code = (code + countPerLength[length - 1]) << 1
                nextCode[length] = code
            }
        }
        return lengths.map { length in
            guard length > 0 else { return 0 }
            let value = nextCode[Int(length)]
            nextCode[Int(length)] += 1
            return reversed(UInt16(value), bits: Int(length))
        }
    }

    private static func reversed(_ value: UInt16, bits: Int) -> UInt16 {
        var result: UInt16 = 0
        var v = value
        for _ in 0..<bits {
            result = result << 1 | (v & 1)
            v >>= 1
        }
        return result
    }
}
