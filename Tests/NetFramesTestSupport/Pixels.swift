import Foundation
import NetFramesGraphics
import NetFramesScene

/// One pixel's channels as integers, for comparing colours with a tolerance.
public struct RGB: Equatable, CustomStringConvertible, Sendable {
    public var r: Int, g: Int, b: Int, a: Int

    public init(r: Int, g: Int, b: Int, a: Int = 255) {
        (self.r, self.g, self.b, self.a) = (r, g, b, a)
    }

    public init(_ p: (r: UInt8, g: UInt8, b: UInt8, a: UInt8)) {
        (r, g, b, a) = (Int(p.r), Int(p.g), Int(p.b), Int(p.a))
    }

    public init(_ c: Color) {
        let (r, g, b, a) = c.bytes
        self.init((r, g, b, a))
    }

    public var channels: [Int] { [r, g, b] }

    /// The largest difference of the colour channels.
    public func distance(to o: RGB) -> Int { max(abs(r - o.r), abs(g - o.g), abs(b - o.b)) }

    public var description: String { String(format: "#%02X%02X%02X/%d", r, g, b, a) }
}

extension RGBAImage {
    public func rgb(_ x: Int, _ y: Int) -> RGB { RGB(pixel(x: x, y: y)) }

    /// The pixel that contains scene point `p` at `scale`.
    public func rgb(at p: Point, scale: Double = 1) -> RGB {
        rgb(Int((p.x * scale).rounded(.down)), Int((p.y * scale).rounded(.down)))
    }
}

/// How two same-sized images differ.
public struct ImageDifference: CustomStringConvertible, Sendable {
    /// Mean absolute difference over every channel of every pixel, in 0...255.
    public var meanAbsolute: Double
    /// Fraction of pixels whose channels all differ by at most the threshold.
    public var fractionClose: Double
    public var largest: Int

    public init(_ a: RGBAImage, _ b: RGBAImage, threshold: Int) {
        precondition(a.width == b.width && a.height == b.height)
        var sum = 0, close = 0, largest = 0
        a.bytes.withUnsafeBufferPointer { pa in
            b.bytes.withUnsafeBufferPointer { pb in
                var i = 0
                while i < pa.count {
                    var worst = 0
                    for c in 0..<4 {
                        let d = abs(Int(pa[i + c]) - Int(pb[i + c]))
                        sum += d
                        worst = max(worst, d)
                    }
                    if worst <= threshold { close += 1 }
                    largest = max(largest, worst)
                    i += 4
                }
            }
        }
        meanAbsolute = Double(sum) / Double(a.bytes.count)
        fractionClose = Double(close) / Double(a.width * a.height)
        self.largest = largest
    }

    public var description: String {
        String(format: "mean |Δ| %.3f/255 per channel, %.3f%% of pixels within threshold, largest %d",
               meanAbsolute, fractionClose * 100, largest)
    }
}
