import Foundation

/// A step's per-layer arithmetic, two neurons at a time.
///
/// Each pair of neurons shares instructions (the two lanes of a `SIMD2<Double>`), never
/// a sum: every value is computed by the same operations in the same order as a loop over
/// one neuron at a time, so the results are the same bits. A layer of odd size ends with
/// one neuron alone, computed the same way.
///
/// The functions that can meet divergence return a flag, 0 if some value they wrote is
/// ±∞ or NaN, else 1. They accumulate v − v, which is 0 for finite v and NaN otherwise,
/// rather than branch on each value.
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

    /// z = W·a + b for one layer (W row-major `[to][from]`), each zⱼ summed as
    /// bⱼ + Wⱼ₀a₀ + Wⱼ₁a₁ + … from left to right.
    ///
    /// Two rows are read two columns at a time and their products regrouped by column,
    /// so the pair's sums advance together.
    @inline(__always)
    static func affine(weights w: UnsafePointer<Double>, biases b: UnsafePointer<Double>,
                       input a: UnsafePointer<Double>, inputCount nIn: Int,
                       into z: UnsafeMutablePointer<Double>, count nOut: Int) -> UInt8 {
        var check = SIMD2<Double>()
        let pairsEnd = nOut & ~1, columnPairsEnd = nIn & ~1
        var j = 0
        while j < pairsEnd {
            let row0 = w + j &* nIn, row1 = row0 + nIn
            var sum = load(b + j)
            var k = 0
            while k < columnPairsEnd {
                let x = load(a + k)
                let p0 = load(row0 + k) * x, p1 = load(row1 + k) * x
                sum += SIMD2(p0.x, p1.x)
                sum += SIMD2(p0.y, p1.y)
                k &+= 2
            }
            if k < nIn { sum += SIMD2(row0[k], row1[k]) * a[k] }
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

    /// The logistic function of a layer, aⱼ = 1 / (1 + e^−zⱼ): the exponentials one by one,
    /// then the rest in pairs. For zⱼ below about −709, e^−zⱼ is +∞ and aⱼ is exactly 0,
    /// the correctly rounded limit, so no branch is needed.
    @inline(__always)
    static func sigmoid(_ z: UnsafePointer<Double>, _ a: UnsafeMutablePointer<Double>, count n: Int) {
        for j in 0..<n { a[j] = exp(-z[j]) }
        let pairsEnd = n & ~1
        var j = 0
        while j < pairsEnd {
            store(1 / (1 + load(a + j)), a + j)
            j &+= 2
        }
        if j < n { a[j] = 1 / (1 + a[j]) }
    }

    /// A hidden layer's deltas, δⱼ = (Σᵢ W′ᵢⱼ δ′ᵢ) · f′(zⱼ), where W′ (row-major `[to][from]`) and
    /// δ′ belong to the layer above; each sum starts from 0 and adds i = 0, 1, … in turn.
    @inline(__always)
    static func propagate(weightsAbove w: UnsafePointer<Double>, deltasAbove dAbove: UnsafePointer<Double>,
                          countAbove nAbove: Int, activation: Activation,
                          z: UnsafePointer<Double>, a: UnsafePointer<Double>,
                          into delta: UnsafeMutablePointer<Double>, count n: Int) {
        let pairsEnd = n & ~1
        var j = 0
        while j < pairsEnd {
            var sum = SIMD2<Double>()
            var column = w + j
            for i in 0..<nAbove {
                sum += load(column) * dAbove[i]
                column += n
            }
            store(sum, delta + j)
            j &+= 2
        }
        if j < n {
            var sum = 0.0
            for i in 0..<nAbove { sum += w[i &* n &+ j] * dAbove[i] }
            delta[j] = sum
        }
        switch activation {
        case .sigmoid, .softmax: scale(delta, count: n, z: z, a: a) { _, a in a * (1 - a) }
        case .tanh: scale(delta, count: n, z: z, a: a) { _, a in 1 - a * a }
        case .relu: scale(delta, count: n, z: z, a: a) { z, _ in SIMD2(z.x > 0 ? 1 : 0, z.y > 0 ? 1 : 0) }
        case .linear: break  // f′ = 1
        }
    }

    /// δⱼ ← δⱼ · f′(zⱼ, aⱼ), f′ given for a pair (the last neuron of an odd layer goes in a pair with itself).
    @inline(__always)
    static func scale(_ delta: UnsafeMutablePointer<Double>, count n: Int,
                      z: UnsafePointer<Double>, a: UnsafePointer<Double>,
                      by derivative: (_ z: SIMD2<Double>, _ a: SIMD2<Double>) -> SIMD2<Double>) {
        let pairsEnd = n & ~1
        var j = 0
        while j < pairsEnd {
            store(load(delta + j) * derivative(load(z + j), load(a + j)), delta + j)
            j &+= 2
        }
        if j < n { delta[j] *= derivative(SIMD2(repeating: z[j]), SIMD2(repeating: a[j])).x }
    }

    /// The outer product g = δ aᵀ (`[to][from]`, row-major): gⱼₖ = δⱼ aₖ.
    @inline(__always)
    static func outerProduct(_ delta: UnsafePointer<Double>, count nOut: Int,
                             _ a: UnsafePointer<Double>, count nIn: Int,
                             into g: UnsafeMutablePointer<Double>) {
        let quadsEnd = nIn & ~3
        var row = g
        for j in 0..<nOut {
            let d = SIMD2(repeating: delta[j])
            var k = 0
            while k < quadsEnd {
                store(d * load(a + k), row + k)
                store(d * load(a + k + 2), row + k + 2)
                k &+= 4
            }
            if k &+ 2 <= nIn {
                store(d * load(a + k), row + k)
                k &+= 2
            }
            if k < nIn { row[k] = d.x * a[k] }
            row += nIn
        }
    }

    /// θ′ᵢ = θᵢ − η gᵢ over `count` values.
    @inline(__always)
    static func descend(_ theta: UnsafePointer<Double>, along g: UnsafePointer<Double>,
                        into newTheta: UnsafeMutablePointer<Double>, count: Int, rate eta: Double) -> UInt8 {
        // Two checks, so that neither is a long chain of dependent additions.
        var check0 = SIMD2<Double>(), check1 = SIMD2<Double>()
        let quadsEnd = count & ~3
        var i = 0
        while i < quadsEnd {
            let v0 = load(theta + i) - eta * load(g + i)
            let v1 = load(theta + i + 2) - eta * load(g + i + 2)
            store(v0, newTheta + i)
            store(v1, newTheta + i + 2)
            check0 += v0 - v0
            check1 += v1 - v1
            i &+= 4
        }
        while i < count {
            let v = theta[i] - eta * g[i]
            newTheta[i] = v
            check0.x += v - v
            i &+= 1
        }
        return finiteFlag(check0 + check1)
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
