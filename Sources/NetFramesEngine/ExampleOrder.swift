/// The order in which training takes the examples: a stream that passes over the data
/// again and again, in data order, or in a new seeded order at each pass.
///
/// Step s of batch size B takes the stream's positions s·B … s·B + B − 1, so batches are
/// consecutive and wrap across the end of a pass. Each pass's order depends only on the
/// seed and the pass's number, so training started at any step takes the same examples.
@usableFromInline
struct ExampleOrder: Sendable {
    let count: Int
    let shuffle: Bool
    let seed: UInt64
    /// The next position within the current pass.
    private var index: Int
    /// The current pass over the data, 0 first.
    private var pass: Int
    /// The current pass's order when shuffling; empty otherwise.
    private var order: [Int] = []

    /// The stream of `count` examples, about to hand out stream position `position`.
    @usableFromInline
    init(count: Int, shuffle: Bool, seed: UInt64, position: Int) {
        precondition(count >= 1)
        self.count = count
        self.shuffle = shuffle
        self.seed = seed
        index = position % count
        pass = position / count
        if shuffle { order = ExampleOrder.permutation(count: count, seed: seed, pass: pass) }
    }

    /// The index of the next example.
    @usableFromInline @inline(__always)
    mutating func next() -> Int {
        let example = shuffle ? order[index] : index
        index += 1
        if index == count {
            index = 0
            pass += 1
            if shuffle { order = ExampleOrder.permutation(count: count, seed: seed, pass: pass) }
        }
        return example
    }

    /// The order of pass `pass`: a Fisher–Yates shuffle driven by a generator seeded from
    /// the seed and the pass, so it is the same on every machine.
    static func permutation(count: Int, seed: UInt64, pass: Int) -> [Int] {
        var rng = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: pass) &* 0xD1B5_4A32_D192_ED03))
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            // The high half of a 64 × 64-bit product: an index in 0 … i without a division.
            let j = Int(rng.next().multipliedFullWidth(by: UInt64(i + 1)).high)
            order.swapAt(i, j)
            i -= 1
        }
        return order
    }
}
