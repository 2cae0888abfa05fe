import CExponential
import Foundation

/// A step's per-layer arithmetic, two neurons at a time.
///
/// Each pair of neurons shares instructions (the two lanes of a `SIMD2<Double>`), never
/// a sum: every value is computed by the same operations in the same order as a loop over
/// one neuron at a time, so the results are the same bits. A layer of odd size ends with
/// one neuron alone, computed the same way. Kernels take several pairs at once where a
/// load can serve them all (eight rows of W share each aₖ), and layers of up to eight
/// neurons are computed by code unrolled for their width (`withWidth`). SSE2 is the
/// baseline the package builds for, so a pair is the widest vector every machine has.
///
/// The functions that can meet divergence return a flag, 0 if some value they wrote is
/// ±∞ or NaN, else 1, rather than branch on each value. Most accumulate v − v, which is
/// 0 for finite v and NaN otherwise. Plain SGD's descent, which writes the most values,
/// adds up the values themselves (one addition each) and reads them again only when that
/// sum is not finite (`finiteFlag(sum:values:count:)`).
enum NeuronPairs {
    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> SIMD2<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD2<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD2<Double>.self)
    }

    /// 1 if every lane of an accumulated v − v is still 0 (every v was finite), else 0.
    @inline(__always)
    static func finiteFlag(_ check: SIMD2<Double>) -> UInt8 {
        check.x == 0 && check.y == 0 ? 1 : 0
    }

    /// 1 if all `count` values are finite, else 0, given their sum (kept in two pairs): a
    /// finite sum shows them all finite, since a term that is ±∞ or NaN makes the sum ±∞ or
    /// NaN. Finite terms can overflow the sum too, so one that is not finite sends the
    /// question to the values themselves. `count` is asked only then.
    @inline(__always)
    static func finiteFlag(sum: (SIMD2<Double>, SIMD2<Double>), values: UnsafePointer<Double>,
                           count: @autoclosure () -> Int) -> UInt8 {
        let pair = sum.0 + sum.1
        let total = pair.x + pair.y
        return total - total == 0 ? 1 : allFinite(values, count: count())
    }

    /// 1 if all `count` values are finite, else 0 (out of line: divergence, or an
    /// overflowing sum, is rare).
    @inline(never)
    static func allFinite(_ values: UnsafePointer<Double>, count: Int) -> UInt8 {
        for i in 0..<count where !values[i].isFinite { return 0 }
        return 1
    }

    /// Calls `body` with `n`, as a constant when it is 1 … 8: once `body` is inlined, loops
    /// over those widths unroll into straight code. Wider layers take the same code with `n`
    /// as a variable, so every width computes the same bits.
    @inline(__always)
    static func withWidth<R>(_ n: Int, _ body: (Int) -> R) -> R {
        switch n {
        case 1: return body(1)
        case 2: return body(2)
        case 3: return body(3)
        case 4: return body(4)
        case 5: return body(5)
        case 6: return body(6)
        case 7: return body(7)
        case 8: return body(8)
        default: return body(n)
        }
    }

    /// z = W·a + b for one layer (W row-major `[to][from]`), each zⱼ summed as
    /// bⱼ + Wⱼ₀a₀ + Wⱼ₁a₁ + … from left to right.
    ///
    /// Eight rows at a time (four pairs of sums, then two, one and a lone row): each aₖ
    /// is read once for all of them and multiplies the rows' column k, read as pairs
    /// (Wⱼₖ, Wⱼ₊₁,ₖ), so every pair's sums advance together with no regrouping.
    @inline(__always)
    static func affine(weights w: UnsafePointer<Double>, biases b: UnsafePointer<Double>,
                       input a: UnsafePointer<Double>, inputCount nIn: Int,
                       into z: UnsafeMutablePointer<Double>, count nOut: Int) -> UInt8 {
        withWidth(nIn) { nIn in affineRows(weights: w, biases: b, input: a, inputCount: nIn, into: z, count: nOut) }
    }

    /// `affine`'s body, for `nIn` a constant (1 … 8) or a variable.
    @inline(__always)
    static func affineRows(weights w: UnsafePointer<Double>, biases b: UnsafePointer<Double>,
                           input a: UnsafePointer<Double>, inputCount nIn: Int,
                           into z: UnsafeMutablePointer<Double>, count nOut: Int) -> UInt8 {
        var check = SIMD2<Double>()
        var j = 0
        while j &+ 8 <= nOut {
            let row = w + j &* nIn
            var sum0 = load(b + j), sum1 = load(b + j + 2), sum2 = load(b + j + 4), sum3 = load(b + j + 6)
            for k in 0..<nIn {
                let x = SIMD2(repeating: a[k])
                let c = row + k
                sum0 += SIMD2(c[0], c[nIn]) * x
                sum1 += SIMD2(c[2 &* nIn], c[3 &* nIn]) * x
                sum2 += SIMD2(c[4 &* nIn], c[5 &* nIn]) * x
                sum3 += SIMD2(c[6 &* nIn], c[7 &* nIn]) * x
            }
            store(sum0, z + j)
            store(sum1, z + j + 2)
            store(sum2, z + j + 4)
            store(sum3, z + j + 6)
            check += ((sum0 - sum0) + (sum1 - sum1)) + ((sum2 - sum2) + (sum3 - sum3))
            j &+= 8
        }
        if j &+ 4 <= nOut {
            let row = w + j &* nIn
            var sum0 = load(b + j), sum1 = load(b + j + 2)
            for k in 0..<nIn {
                let x = SIMD2(repeating: a[k])
                let c = row + k
                sum0 += SIMD2(c[0], c[nIn]) * x
                sum1 += SIMD2(c[2 &* nIn], c[3 &* nIn]) * x
            }
            store(sum0, z + j)
            store(sum1, z + j + 2)
            check += (sum0 - sum0) + (sum1 - sum1)
            j &+= 4
        }
        if j &+ 2 <= nOut {
            let row = w + j &* nIn
            var sum = load(b + j)
            for k in 0..<nIn { sum += SIMD2(row[k], row[nIn &+ k]) * a[k] }
            store(sum, z + j)
            check += sum - sum
            j &+= 2
        }
        if j < nOut {
            let row = w + j &* nIn
            var sum = b[j]
            for k in 0..<nIn { sum += row[k] * a[k] }
            z[j] = sum
            check.x += sum - sum
        }
        return finiteFlag(check)
    }

    /// The logistic function of a layer, aⱼ = 1 / (1 + e^−zⱼ): with `fourLanes`, by the
    /// four-lane kernel (`Exponential.fourLanes`), else in pairs: each pair's two
    /// exponentials (`exp`, `Exponential.function` unless told) are taken one by one and
    /// the rest is done on the pair in registers. Both give the same bits. (Writing the
    /// exponentials to `a` and reading them back as a pair would make the CPU wait for two
    /// stores to reach memory before one load.) For zⱼ below about −709, e^−zⱼ is +∞ and aⱼ
    /// is exactly 0, the correctly rounded limit, so no branch is needed.
    @inline(__always)
    static func sigmoid(_ z: UnsafePointer<Double>, _ a: UnsafeMutablePointer<Double>, count n: Int,
                        exp: Exponential.Function, fourLanes: Bool) {
        if fourLanes {
            netframes_logistic(z, a, n)
            return
        }
        var j = 0
        while j &+ 2 <= n {
            let e = SIMD2(exp(-z[j]), exp(-z[j &+ 1]))
            store(1 / (1 + e), a + j)
            j &+= 2
        }
        if j < n { a[j] = 1 / (1 + exp(-z[j])) }
    }

    /// A hidden layer's deltas, δⱼ = (Σᵢ W′ᵢⱼ δ′ᵢ) · f′(zⱼ), where W′ (row-major `[to][from]`) and
    /// δ′ belong to the layer above; each sum starts from 0 and adds i = 0, 1, … in turn.
    ///
    /// Four neurons at a time (two pairs), each row of W′ read once per pair; the sums are
    /// scaled by f′ while still in registers.
    @inline(__always)
    static func propagate(weightsAbove w: UnsafePointer<Double>, deltasAbove dAbove: UnsafePointer<Double>,
                          countAbove nAbove: Int, activation: Activation,
                          z: UnsafePointer<Double>, a: UnsafePointer<Double>,
                          into delta: UnsafeMutablePointer<Double>, count n: Int) {
        withWidth(nAbove) { nAbove in
            switch activation {
            case .sigmoid, .softmax: propagateColumns(w, dAbove, nAbove, z, a, delta, n, LogisticSlope.self)
            case .tanh: propagateColumns(w, dAbove, nAbove, z, a, delta, n, TanhSlope.self)
            case .relu: propagateColumns(w, dAbove, nAbove, z, a, delta, n, ReluSlope.self)
            case .linear: propagateColumns(w, dAbove, nAbove, z, a, delta, n, LinearSlope.self)
            }
        }
    }

    /// δⱼ = (Σᵢ W′ᵢⱼ δ′ᵢ) · f′(zⱼ, aⱼ), f′ given for a pair by `Slope` (the last neuron of
    /// an odd layer goes in a pair with itself).
    @inline(__always)
    static func propagateColumns<Slope: PairSlope>(_ w: UnsafePointer<Double>, _ dAbove: UnsafePointer<Double>,
                                                   _ nAbove: Int, _ z: UnsafePointer<Double>, _ a: UnsafePointer<Double>,
                                                   _ delta: UnsafeMutablePointer<Double>, _ n: Int,
                                                   _ slope: Slope.Type) {
        var j = 0
        while j &+ 4 <= n {
            var sum0 = SIMD2<Double>(), sum1 = SIMD2<Double>()
            var column = w + j
            for i in 0..<nAbove {
                let d = SIMD2(repeating: dAbove[i])
                sum0 += load(column) * d
                sum1 += load(column + 2) * d
                column += n
            }
            store(Slope.scale(sum0, load(z + j), load(a + j)), delta + j)
            store(Slope.scale(sum1, load(z + j + 2), load(a + j + 2)), delta + j + 2)
            j &+= 4
        }
        if j &+ 2 <= n {
            var sum = SIMD2<Double>()
            var column = w + j
            for i in 0..<nAbove {
                sum += load(column) * dAbove[i]
                column += n
            }
            store(Slope.scale(sum, load(z + j), load(a + j)), delta + j)
            j &+= 2
        }
        if j < n {
            var sum = 0.0
            for i in 0..<nAbove { sum += w[i &* n &+ j] * dAbove[i] }
            delta[j] = Slope.scale(sum, z[j], a[j])
        }
    }

    /// The outer product g = δ aᵀ (`[to][from]`, row-major): gⱼₖ = δⱼ aₖ.
    @inline(__always)
    static func outerProduct(_ delta: UnsafePointer<Double>, count nOut: Int,
                             _ a: UnsafePointer<Double>, count nIn: Int,
                             into g: UnsafeMutablePointer<Double>) {
        withWidth(nIn) { nIn in
            var row = g
            for j in 0..<nOut {
                let d = SIMD2(repeating: delta[j])
                var k = 0
                while k &+ 2 <= nIn {
                    store(d * load(a + k), row + k)
                    k &+= 2
                }
                if k < nIn { row[k] = d.x * a[k] }
                row += nIn
            }
        }
    }

    /// The outer product g = δ aᵀ as `outerProduct`, and beside each gradient plain SGD's
    /// θ′ = θ − η g, as `descend` computes it: the update of a batch of one, whose mean
    /// gradients are its own, made while the gradients are at hand rather than in a
    /// second pass. Adds every θ′ to `check` (see `finiteFlag(sum:values:count:)`).
    @inline(__always)
    static func outerProductDescending(_ delta: UnsafePointer<Double>, count nOut: Int,
                                       _ a: UnsafePointer<Double>, count nIn: Int,
                                       into g: UnsafeMutablePointer<Double>,
                                       weights theta: UnsafePointer<Double>,
                                       into newTheta: UnsafeMutablePointer<Double>,
                                       rate eta: Double, check: inout (SIMD2<Double>, SIMD2<Double>)) {
        withWidth(nIn) { nIn in
            var offset = 0
            for j in 0..<nOut {
                let d = SIMD2(repeating: delta[j])
                var k = 0
                while k &+ 4 <= nIn {
                    let g0 = d * load(a + k), g1 = d * load(a + k + 2)
                    store(g0, g + offset + k)
                    store(g1, g + offset + k + 2)
                    let t0 = load(theta + offset + k), t1 = load(theta + offset + k + 2)
                    let v0 = t0 - eta * g0
                    let v1 = t1 - eta * g1
                    store(v0, newTheta + offset + k)
                    store(v1, newTheta + offset + k + 2)
                    check.0 += v0
                    check.1 += v1
                    k &+= 4
                }
                if k &+ 2 <= nIn {
                    let g0 = d * load(a + k)
                    store(g0, g + offset + k)
                    let t0 = load(theta + offset + k)
                    let v0 = t0 - eta * g0
                    store(v0, newTheta + offset + k)
                    check.0 += v0
                    k &+= 2
                }
                if k < nIn {
                    let g0 = d.x * a[k]
                    g[offset + k] = g0
                    let t0 = theta[offset + k]
                    let v0 = t0 - eta * g0
                    newTheta[offset + k] = v0
                    check.1.x += v0
                }
                offset &+= nIn
            }
        }
    }

    /// `outerProductDescending`, and beside it the deltas of the layer below (whose
    /// activations are `a`, at most eight of them), δ′ₖ = (Σⱼ θⱼₖ δⱼ) · f′(z′ₖ, aₖ): the
    /// sums `propagate` makes, in its order, from each θ as the descent reads it, so W is
    /// read once for both. The same bits as `propagate` then `outerProductDescending`.
    @inline(__always)
    static func outerProductDescendingPropagating(_ delta: UnsafePointer<Double>, count nOut: Int,
                                                  _ a: UnsafePointer<Double>, count nIn: Int,
                                                  into g: UnsafeMutablePointer<Double>,
                                                  weights theta: UnsafePointer<Double>,
                                                  into newTheta: UnsafeMutablePointer<Double>,
                                                  rate eta: Double, check: inout (SIMD2<Double>, SIMD2<Double>),
                                                  activation: Activation, z: UnsafePointer<Double>,
                                                  into deltaBelow: UnsafeMutablePointer<Double>) {
        precondition(nIn <= 8, "the layer below is propagated apart when wider than eight")
        switch activation {
        case .sigmoid, .softmax:
            descendingColumns(delta, nOut, a, nIn, g, theta, newTheta, eta, &check, z, deltaBelow, LogisticSlope.self)
        case .tanh:
            descendingColumns(delta, nOut, a, nIn, g, theta, newTheta, eta, &check, z, deltaBelow, TanhSlope.self)
        case .relu:
            descendingColumns(delta, nOut, a, nIn, g, theta, newTheta, eta, &check, z, deltaBelow, ReluSlope.self)
        case .linear:
            descendingColumns(delta, nOut, a, nIn, g, theta, newTheta, eta, &check, z, deltaBelow, LinearSlope.self)
        }
    }

    /// `outerProductDescendingPropagating`'s body, with f′ given for a pair by `Slope`, as
    /// `propagateColumns` takes it (a type rather than a closure, so that each is compiled
    /// into its own copy). Each width from 1 to 8 is its own straight code: a row is at
    /// most four pairs and a lone value, and each pair's column sums stay in a register.
    @inline(__always)
    static func descendingColumns<Slope: PairSlope>(_ delta: UnsafePointer<Double>, _ nOut: Int,
                                  _ a: UnsafePointer<Double>, _ nIn: Int,
                                  _ g: UnsafeMutablePointer<Double>, _ theta: UnsafePointer<Double>,
                                  _ newTheta: UnsafeMutablePointer<Double>, _ eta: Double,
                                  _ check: inout (SIMD2<Double>, SIMD2<Double>),
                                  _ z: UnsafePointer<Double>, _ deltaBelow: UnsafeMutablePointer<Double>,
                                  _ slope: Slope.Type) {
        @inline(__always)
        func columns(_ n: Int) {
            var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
            var lone = 0.0
            var offset = 0
            for j in 0..<nOut {
                let d = SIMD2(repeating: delta[j])
                if n >= 2 { descendPair(d, a, g + offset, theta + offset, newTheta + offset, eta, &s0, &check.0) }
                if n >= 4 { descendPair(d, a + 2, g + offset + 2, theta + offset + 2, newTheta + offset + 2, eta, &s1, &check.1) }
                if n >= 6 { descendPair(d, a + 4, g + offset + 4, theta + offset + 4, newTheta + offset + 4, eta, &s2, &check.0) }
                if n >= 8 { descendPair(d, a + 6, g + offset + 6, theta + offset + 6, newTheta + offset + 6, eta, &s3, &check.1) }
                if n & 1 == 1 {
                    let k = offset &+ n &- 1
                    let g0 = d.x * a[n &- 1]
                    g[k] = g0
                    let t0 = theta[k]
                    lone += t0 * d.x
                    let v0 = t0 - eta * g0
                    newTheta[k] = v0
                    check.1.x += v0
                }
                offset &+= n
            }
            @inline(__always)
            func finish(_ sum: SIMD2<Double>, _ k: Int) {
                store(Slope.scale(sum, load(z + k), load(a + k)), deltaBelow + k)
            }
            if n >= 2 { finish(s0, 0) }
            if n >= 4 { finish(s1, 2) }
            if n >= 6 { finish(s2, 4) }
            if n >= 8 { finish(s3, 6) }
            if n & 1 == 1 {
                let k = n &- 1
                deltaBelow[k] = Slope.scale(lone, z[k], a[k])
            }
        }
        switch nIn {
        case 1: columns(1)
        case 2: columns(2)
        case 3: columns(3)
        case 4: columns(4)
        case 5: columns(5)
        case 6: columns(6)
        case 7: columns(7)
        default: columns(8)
        }
    }

    /// One pair of a row of `outerProductDescending`: g = δ a, θ′ = θ − η g, with θ δ added
    /// to the pair's column sums and θ′ to `check`.
    @inline(__always)
    static func descendPair(_ d: SIMD2<Double>, _ a: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>,
                            _ theta: UnsafePointer<Double>, _ newTheta: UnsafeMutablePointer<Double>, _ eta: Double,
                            _ sum: inout SIMD2<Double>, _ check: inout SIMD2<Double>) {
        let g0 = d * load(a)
        store(g0, g)
        let t0 = load(theta)
        sum += t0 * d
        let v0 = t0 - eta * g0
        store(v0, newTheta)
        check += v0
    }

    /// f′ of a pair of neurons from their z and a, for the deltas of a hidden layer: one
    /// type per activation, so each kernel that takes one is compiled for it.
    protocol PairSlope {
        /// f′ = 1: the sums are kept as they are, not multiplied.
        static var isOne: Bool { get }
        static func of(_ z: SIMD2<Double>, _ a: SIMD2<Double>) -> SIMD2<Double>
    }
    /// σ′ = a(1 − a).
    enum LogisticSlope: PairSlope {
        static var isOne: Bool { false }
        @inline(__always) static func of(_ z: SIMD2<Double>, _ a: SIMD2<Double>) -> SIMD2<Double> { a * (1 - a) }
    }
    /// tanh′ = 1 − a².
    enum TanhSlope: PairSlope {
        static var isOne: Bool { false }
        @inline(__always) static func of(_ z: SIMD2<Double>, _ a: SIMD2<Double>) -> SIMD2<Double> { 1 - a * a }
    }
    /// relu′ = 1 where z > 0, else 0.
    enum ReluSlope: PairSlope {
        static var isOne: Bool { false }
        @inline(__always) static func of(_ z: SIMD2<Double>, _ a: SIMD2<Double>) -> SIMD2<Double> {
            SIMD2(z.x > 0 ? 1 : 0, z.y > 0 ? 1 : 0)
        }
    }
    /// The identity's slope, 1.
    enum LinearSlope: PairSlope {
        static var isOne: Bool { true }
        @inline(__always) static func of(_ z: SIMD2<Double>, _ a: SIMD2<Double>) -> SIMD2<Double> { SIMD2(repeating: 1) }
    }

    /// Plain SGD's b′ = b − η δ (∂L/∂b = δ), as `descend` computes it, for a batch of one.
    /// Adds every b′ to `check`.
    @inline(__always)
    static func descendBiases(_ delta: UnsafePointer<Double>, biases theta: UnsafePointer<Double>,
                              into newTheta: UnsafeMutablePointer<Double>,
                              count n: Int, rate eta: Double, check: inout (SIMD2<Double>, SIMD2<Double>)) {
        var j = 0
        while j &+ 2 <= n {
            let v = load(theta + j) - eta * load(delta + j)
            store(v, newTheta + j)
            check.0 += v
            j &+= 2
        }
        if j < n {
            let v = theta[j] - eta * delta[j]
            newTheta[j] = v
            check.1.x += v
        }
    }

    /// θ′ᵢ = θᵢ − η gᵢ over `count` values; returns 1 if every θ′ᵢ is finite, else 0.
    @inline(__always)
    static func descend(_ theta: UnsafePointer<Double>, along g: UnsafePointer<Double>,
                        into newTheta: UnsafeMutablePointer<Double>, count: Int, rate eta: Double) -> UInt8 {
        // Two sums of θ′ (`finiteFlag(sum:values:count:)`), so that neither is a long chain
        // of dependent additions.
        var check0 = SIMD2<Double>(), check1 = SIMD2<Double>()
        let quadsEnd = count & ~3
        var i = 0
        while i < quadsEnd {
            let v0 = load(theta + i) - eta * load(g + i)
            let v1 = load(theta + i + 2) - eta * load(g + i + 2)
            store(v0, newTheta + i)
            store(v1, newTheta + i + 2)
            check0 += v0
            check1 += v1
            i &+= 4
        }
        while i < count {
            let v = theta[i] - eta * g[i]
            newTheta[i] = v
            check0.x += v
            i &+= 1
        }
        return finiteFlag(sum: (check0, check1), values: newTheta, count: count)
    }

    /// Copies `count` values (a handful: a call to memmove would cost more).
    @inline(__always)
    static func copy(_ source: UnsafePointer<Double>, into target: UnsafeMutablePointer<Double>, count: Int) {
        let pairsEnd = count & ~1
        var i = 0
        while i < pairsEnd {
            store(load(source + i), target + i)
            i &+= 2
        }
        if i < count { target[i] = source[i] }
    }
}

extension NeuronPairs.PairSlope {
    /// A pair of deltas from their column sums: the sums times f′, or the sums themselves
    /// when f′ = 1.
    @inline(__always)
    static func scale(_ sum: SIMD2<Double>, _ z: SIMD2<Double>, _ a: SIMD2<Double>) -> SIMD2<Double> {
        isOne ? sum : sum * of(z, a)
    }

    /// One delta, for the last neuron of an odd layer, as the pair form computes it.
    @inline(__always)
    static func scale(_ sum: Double, _ z: Double, _ a: Double) -> Double {
        isOne ? sum : sum * of(SIMD2(repeating: z), SIMD2(repeating: a)).x
    }
}
