import Testing
@testable import NetFramesDiagram
import NetFramesGraphics
import NetFramesRun
import NetFramesRunFile
import NetFramesScene
import NetFramesTestSupport

/// The caption band's items of a scene, split into its two lines.
struct CaptionItems {
    /// The texts of the first line (what the step does), left to right.
    var first: [TextItem] = []
    /// The texts of the worked line, in the order drawn.
    var second: [TextItem] = []
    /// Fraction bars: lines inside the band.
    var bars: [(from: Point, to: Point, stroke: Stroke)] = []

    /// The items of `scene` drawn in `band` (the caption box of its layout).
    init(_ scene: Scene, band: Rect) {
        for item in scene.items {
            switch item {
            case let .text(t) where t.position.y > band.minY:
                if t.position.y < band.center.y { first.append(t) } else { second.append(t) }
            case let .line(from, to, stroke) where from.y > band.minY && from.y == to.y:
                bars.append((from, to, stroke))
            default: continue
            }
        }
    }

    /// The texts of a line joined, as drawn.
    static func joined(_ texts: [TextItem]) -> String { texts.map(\.string).joined() }

    /// A plain caption line as its typeset texts read joined (fractions inline): its
    /// Unicode sub- and superscripts are drawn as smaller ordinary characters.
    static func drawn(_ line: String) -> String {
        String(line.map { MathScripts.fromLowered[$0] ?? MathScripts.fromRaised[$0] ?? $0 })
    }

    /// Whether `texts` draw `line`: typeset (fractions inline) or as the one plain text.
    static func draw(_ texts: [TextItem], _ line: String) -> Bool {
        texts.count == 1 ? texts[0].string == line : joined(texts) == drawn(line)
    }
}

/// The two-two-two example (a [2, 2, 2] sigmoid network with every number given).
let twoTwoTwo = """
    name: two-two-two
    network:
      layers: [2, 2, 2]
      hidden: sigmoid
      output: sigmoid
      weights: [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]]
      biases: [[0.35, 0.35], [0.60, 0.60]]
    training:
      loss: mse
      learningRate: 0.5
      trainBiases: false
      iterations: 1
    data:
      - {input: [0.05, 0.10], target: [0.01, 0.99]}
    """

/// A builder and the states of `yaml`'s run, drawn in `style`.
func captionFixture(_ yaml: String, style: DiagramStyle = Fixture.style()) throws -> (DiagramBuilder, [DiagramState]) {
    let run = try Fixture.run(yaml)
    return (DiagramBuilder(setup: run.setup, style: style, measurer: CairoTextMeasurer()), try Fixture.states(run))
}

/// Whether `color` leans to the red end (orange) rather than the blue end.
func isWarm(_ color: Color) -> Bool { color.red > color.blue }

/// The ink of one text in a raster: how much it covers, and its hue.
struct TextInk: CustomStringConvertible {
    /// The summed difference from the background over the box, in pixels of full ink.
    var coverage: Double
    /// The direction the ink moves pixels away from the background, in RGB (a unit
    /// vector): the same for every pixel of a one-colour text, however thin or
    /// antialiased its strokes, so it tells a blue run from an orange or a grey one.
    var hue: (Double, Double, Double)?

    /// The ink of the pixels wholly inside `box` in `image` over `ground` (the pixels a
    /// neighbour's antialiased edge may reach are left out).
    init(_ image: RGBAImage, box: Rect, ground: RGB) {
        var coverage = 0.0, r = 0.0, g = 0.0, b = 0.0
        let x0 = max(0, Int(box.minX.rounded(.up))), x1 = min(image.width, Int(box.maxX.rounded(.down))) - 1
        let y0 = max(0, Int(box.minY.rounded(.up))), y1 = min(image.height, Int(box.maxY.rounded(.down))) - 1
        if x0 <= x1, y0 <= y1 {
            for y in y0...y1 {
                for x in x0...x1 {
                    let p = image.rgb(x, y), d = p.distance(to: ground)
                    coverage += Double(d) / 255
                    guard d >= 32 else { continue }
                    r += Double(p.r - ground.r)
                    g += Double(p.g - ground.g)
                    b += Double(p.b - ground.b)
                }
            }
        }
        self.coverage = coverage
        let length = (r * r + g * g + b * b).squareRoot()
        hue = length > 0 ? (r / length, g / length, b / length) : nil
    }

    /// The cosine of the angle between two hues: 1 for the same.
    static func similarity(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        a.0 * b.0 + a.1 * b.1 + a.2 * b.2
    }

    var description: String {
        String(format: "%.1f px of ink", coverage) + (hue.map { String(format: " towards (%.2f, %.2f, %.2f)", $0.0, $0.1, $0.2) } ?? "")
    }
}

/// The texts of `texts` that `theirs` does not draw like `ours`: each text's box must
/// hold about the same ink (within a quarter, and two pixels) of the same hue (the angle
/// between the two under 8°). Glyph edges may differ between rasterisers; a missing,
/// moved or recoloured run of maths may not.
func inkMismatches(_ texts: [TextItem], ours: RGBAImage, theirs: RGBAImage, ground: Color) -> [String] {
    let measurer = CairoTextMeasurer(), background = RGB(ground)
    var found: [String] = []
    for t in texts where !t.string.allSatisfy(\.isWhitespace) {
        let box = t.box(extent: measurer.measure(t.string, font: t.font))
        let a = TextInk(ours, box: box, ground: background), b = TextInk(theirs, box: box, ground: background)
        let inkAgrees = abs(a.coverage - b.coverage) <= 0.25 * max(a.coverage, b.coverage) + 2
        var hueAgrees = true
        if let ha = a.hue, let hb = b.hue { hueAgrees = TextInk.similarity(ha, hb) >= 0.99 }
        if !inkAgrees || !hueAgrees { found.append("\"\(t.string)\": \(a) against \(b)") }
    }
    return found
}
