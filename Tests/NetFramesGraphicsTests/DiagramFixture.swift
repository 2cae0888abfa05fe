import NetFramesScene

/// A 1280x720 scene shaped like a NetFrames diagram of a [4, 6, 6, 3] network with every
/// label on: 84 weighted connections with label backdrops, 19 neurons with three labels
/// each, a header, a caption and layer titles. Values depend on `frame`, so frames differ.
enum DiagramFixture {
    static let font = "DejaVu Sans"

    static func scene(frame: Int = 0, background: Color? = .white) -> Scene {
        let layers = [4, 6, 6, 3]
        let width = 1280.0, height = 720.0
        var items: [SceneItem] = []
        var texts: [SceneItem] = []
        func value(_ i: Int) -> Double {
            // A cheap deterministic pseudo-random value in -1...1.
            let x = sin(Double(i) * 12.9898 + Double(frame) * 0.37) * 43758.5453
            return (x - x.rounded(.down)) * 2 - 1
        }
        func position(layer: Int, index: Int) -> Point {
            let x = 160 + Double(layer) * (width - 320) / Double(layers.count - 1)
            let count = Double(layers[layer])
            let y = 120 + (Double(index) + 0.5) * (height - 240) / count
            return Point(x, y)
        }
        var k = 0
        for layer in 0..<(layers.count - 1) {
            for i in 0..<layers[layer] {
                for j in 0..<layers[layer + 1] {
                    let w = value(k)
                    k += 1
                    let a = position(layer: layer, index: i), b = position(layer: layer + 1, index: j)
                    let color = w >= 0 ? Color(hex: 0x2B6CB0) : Color(hex: 0xC53030)
                    items.append(.line(from: a, to: b, stroke: Stroke(color.withAlpha(0.35 + 0.6 * abs(w)),
                                                                     width: 0.5 + 3 * abs(w))))
                    let mid = a.lerp(to: b, 0.3 + 0.4 * Double(j) / Double(layers[layer + 1]))
                    texts.append(.rect(Rect(x: mid.x - 20, y: mid.y - 8, width: 40, height: 16), cornerRadius: 4,
                                       fill: Color.white.withAlpha(0.85), stroke: nil))
                    texts.append(.text(TextItem(String(format3(w)), at: mid,
                                                font: Font(family: font, size: 11), color: color)))
                }
            }
        }
        items += texts
        var n = 0
        for layer in 0..<layers.count {
            for i in 0..<layers[layer] {
                let p = position(layer: layer, index: i)
                let act = (value(1000 + n) + 1) / 2
                n += 1
                items.append(.circle(center: p, radius: 18,
                                     fill: Color(hex: 0xEDF2F7).mixed(with: Color(hex: 0x3182CE), act),
                                     stroke: Stroke(Color(hex: 0x1A202C), width: 1.5)))
                items.append(.text(TextItem("σ=\(format3(act))", at: Point(p.x, p.y - 28),
                                            font: Font(family: font, size: 12), color: .black)))
                items.append(.text(TextItem("b=\(format3(value(2000 + n)))", at: Point(p.x, p.y + 28),
                                            font: Font(family: font, size: 12), color: Color(hex: 0x4A5568))))
                items.append(.text(TextItem("δ=\(format3(value(3000 + n) / 10))", at: Point(p.x + 24, p.y),
                                            font: Font(family: font, size: 11), color: Color(hex: 0x718096),
                                            horizontal: .left)))
            }
            items.append(.text(TextItem(layer == 0 ? "input" : layer == layers.count - 1 ? "output" : "hidden \(layer)",
                                        at: Point(position(layer: layer, index: 0).x, 80),
                                        font: Font(family: font, size: 14, bold: true), color: .black)))
        }
        items.append(.text(TextItem("step \(frame) · loss 0.\(100 + frame % 900) · ∂L/∂w → 0", at: Point(24, 36),
                                    font: Font(family: font, size: 14, bold: true), color: .black,
                                    horizontal: .left, vertical: .baseline)))
        items.append(.text(TextItem("[4, 6, 6, 3] network, σ activations, learning rate 0.1", at: Point(640, 696),
                                    font: Font(family: font, size: 12), color: Color(hex: 0x4A5568))))
        return Scene(width: width, height: height, background: background, items: items,
                     title: "Training step \(frame)", summary: "A [4, 6, 6, 3] network & its weights <frame \(frame)>")
    }

    /// `v` with three decimals and a real minus sign, e.g. "−0.412".
    static func format3(_ v: Double) -> String {
        let thousandths = Int((abs(v) * 1000).rounded())
        let digits = String(thousandths % 1000)
        let padded = String(repeating: "0", count: 3 - digits.count) + digits
        return (v < 0 ? "−" : "") + "\(thousandths / 1000).\(padded)"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
