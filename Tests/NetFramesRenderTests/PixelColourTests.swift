import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

/// Rendered PNG pixels carry the theme's colours where the diagram says they should.
@Suite("Pixels of rendered frames")
struct PixelColourTests {
    let measurer = CairoTextMeasurer()

    func frame(_ theme: ThemeName, phase: Phase, layer: Int? = nil, scale: Double = 1)
        throws -> (builder: DiagramBuilder, state: DiagramState, scene: Scene, image: RGBAImage) {
        let run = try Fixture.run(Fixture.colours)
        let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(theme: theme, scale: scale), measurer: measurer)
        let state = try Fixture.state(try Fixture.states(run), phase, layer: layer)
        let scene = builder.scene(state)
        let image = try RGBAImage(pngData: SceneRenderer().pngData(scene, scale: scale))
        return (builder, state, scene, image)
    }

    @Test("light frames have an exactly white background")
    func lightBackground() throws {
        let f = try frame(.light, phase: .loss)
        #expect(f.image.width == 1280 && f.image.height == 720)
        for (x, y) in [(0, 0), (1279, 0), (0, 719), (1279, 719)] {
            let p = f.image.rgb(x, y)
            #expect(p.r == 255 && p.g == 255 && p.b == 255 && p.a == 255, "corner (\(x), \(y)) is \(p)")
        }
    }

    @Test("dark frames have exactly the dark theme's background")
    func darkBackground() throws {
        let f = try frame(.dark, phase: .loss)
        let expected = RGB(try #require(Theme.named(.dark).background))
        for (x, y) in [(0, 0), (1279, 0), (0, 719), (1279, 719)] {
            let p = f.image.rgb(x, y)
            #expect(p.r == expected.r && p.g == expected.g && p.b == expected.b && p.a == 255,
                    "corner (\(x), \(y)) is \(p), expected \(expected)")
        }
    }

    @Test("transparent frames are fully transparent at the corners but not on a neuron")
    func transparentBackground() throws {
        let f = try frame(.transparent, phase: .loss)
        for (x, y) in [(0, 0), (1279, 0), (0, 719), (1279, 719)] {
            #expect(f.image.rgb(x, y).a == 0, "corner (\(x), \(y)) is \(f.image.rgb(x, y))")
        }
        let centre = f.builder.valuesLayout.slots[1][0].center
        #expect(f.image.rgb(at: centre).a == 255)
    }

    @Test("a computed neuron is filled with neuronFill(activation)", arguments: [ThemeName.light, .dark, .transparent])
    func neuronFill(theme: ThemeName) throws {
        // Forward, layer 1: the hidden layer has just been computed; the output has not.
        let f = try frame(theme, phase: .forward, layer: 1)
        let layout = f.builder.layout(for: f.state)
        let theme = Theme.named(theme)
        for s in 0..<2 {
            let slot = layout.slots[1][s]
            let j = try #require(slot.neuronIndex)
            let a = try #require(f.state.activations[1]?[j])
            let expected = RGB(theme.neuronFill(a))
            let got = f.image.rgb(at: slot.center)
            #expect(got.distance(to: expected) <= 2 && got.a == 255,
                    "hidden neuron \(j) (a = \(a)) is \(got), expected \(expected)")
        }
        // Input neurons are filled by the input value.
        for slot in layout.slots[0] {
            let j = try #require(slot.neuronIndex)
            let expected = RGB(theme.neuronFill(f.state.input[j]))
            let got = f.image.rgb(at: slot.center)
            #expect(got.distance(to: expected) <= 2, "input neuron \(j) is \(got), expected \(expected)")
        }
        // Output neurons are not reached yet: neuronZero, whatever their eventual value.
        for slot in layout.slots[2] {
            let got = f.image.rgb(at: slot.center)
            #expect(got.distance(to: RGB(theme.neuronZero)) <= 2, "pending output neuron is \(got)")
        }
        // Strongly different activations must give visibly different fills.
        let a0 = try #require(f.state.activations[1]?[0]), a1 = try #require(f.state.activations[1]?[1])
        #expect(abs(a0 - a1) > 0.5, "fixture should have contrasting activations, got \(a0) and \(a1)")
        #expect(f.image.rgb(at: layout.slots[1][0].center).distance(to: f.image.rgb(at: layout.slots[1][1].center)) > 40)
    }

    @Test("an output neuron's fill in the loss frame matches its softmax/sigmoid activation")
    func outputFill() throws {
        let f = try frame(.light, phase: .loss)
        let theme = Theme.named(.light)
        for slot in f.builder.valuesLayout.slots[2] {
            let j = try #require(slot.neuronIndex)
            let a = try #require(f.state.activations[2]?[j])
            let got = f.image.rgb(at: slot.center)
            #expect(got.distance(to: RGB(theme.neuronFill(a))) <= 2, "output \(j) (a = \(a)) is \(got)")
        }
    }

    /// A point on the connection `from`→`to` that no other item of the scene covers
    /// (labels, texts, circles, other lines), with `clearance` scene units to spare.
    static func clearPoint(on from: Point, _ to: Point, width: Double, in scene: Scene, measurer: CairoTextMeasurer,
                           clearance: Double = 3) -> Point? {
        var obstacles: [(Point) -> Bool] = []
        for item in scene.items {
            switch item {
            case let .line(a, b, stroke):
                if a == from && b == to { continue }
                obstacles.append { $0.distance(toSegment: a, b) < stroke.width / 2 + width / 2 + clearance }
            case let .circle(c, r, _, stroke):
                obstacles.append { $0.distance(to: c) < r + (stroke?.width ?? 0) / 2 + width / 2 + clearance }
            case let .rect(rect, _, _, _):
                obstacles.append { rect.grown(width / 2 + clearance).contains($0) }
            case let .text(t):
                let box = t.box(extent: measurer.measure(t.string, font: t.font))
                obstacles.append { box.grown(width / 2 + clearance).contains($0) }
            case .polyline, .polygon, .raster:
                continue
            }
        }
        for k in stride(from: 0.1, through: 0.9, by: 0.005) {
            let p = from.lerp(to: to, k)
            if !obstacles.contains(where: { $0(p) }) { return p }
        }
        return nil
    }

    @Test("thick positive and negative connections are drawn in lineColor(w): blue and orange",
          arguments: [ThemeName.light, .dark])
    func connectionColours(theme themeName: ThemeName) throws {
        // The loss frame draws every connection at full opacity.
        let f = try frame(themeName, phase: .loss)
        let theme = Theme.named(themeName)
        let layout = f.builder.valuesLayout
        let input0 = layout.slots[0][0].center
        let weights: [(to: Int, w: Double)] = [(0, f.state.weight(into: 1, to: 0, from: 0)),
                                               (1, f.state.weight(into: 1, to: 1, from: 0))]
        #expect(weights[0].w == 2.5 && weights[1].w == -2.5)
        var colours: [RGB] = []
        for (to, w) in weights {
            let end = layout.slots[1][to].center
            let width = Theme.lineWeight(w) * layout.lineUnit
            #expect(width > 4, "a weight of \(w) should be drawn thick, is \(width)")
            let p = try #require(Self.clearPoint(on: input0, end, width: width, in: f.scene, measurer: measurer),
                                 "no point on the connection into hidden \(to) is clear of labels and neurons")
            let got = f.image.rgb(at: p)
            let expected = RGB(theme.lineColor(w))
            #expect(got.distance(to: expected) <= 12, "line of w = \(w) at \(p) is \(got), expected \(expected)")
            print("line w = \(w), \(themeName): \(got) at \(p), expected \(expected), off by \(got.distance(to: expected))")
            colours.append(got)
        }
        #expect(colours[0].b > colours[0].r, "positive weight should be bluish, is \(colours[0])")
        #expect(colours[1].r > colours[1].b, "negative weight should be orange, is \(colours[1])")
    }

    @Test("scale 2 doubles the pixel size and keeps the colours in place")
    func scaleTwo() throws {
        let one = try frame(.light, phase: .loss)
        let two = try frame(.light, phase: .loss, scale: 2)
        #expect(two.image.width == 2 * one.image.width && two.image.height == 2 * one.image.height)
        #expect(two.image.width == 2560 && two.image.height == 1440)
        // The same scene: scale only changes the pixels.
        #expect(one.scene == two.scene)
        let theme = Theme.named(.light)
        let layout = two.builder.valuesLayout
        for slot in layout.slots[1] + layout.slots[2] {
            let j = try #require(slot.neuronIndex)
            let l = layout.slots[1].contains(slot) ? 1 : 2
            let expected = RGB(theme.neuronFill(try #require(two.state.activations[l]?[j])))
            #expect(two.image.rgb(at: slot.center, scale: 2).distance(to: expected) <= 2)
            // Half a radius from the centre is still inside the neuron only at the right scale.
            let edge = Point(slot.center.x + layout.radius * 0.8, slot.center.y)
            #expect(two.image.rgb(at: edge, scale: 2).distance(to: expected) <= 2)
        }
        // A neuron's outline is about twice as many pixels thick at scale 2.
        func outlineThickness(_ image: RGBAImage, scale: Double) -> Int {
            let c = layout.slots[1][0].center
            let x = Int((c.x * scale).rounded(.down))
            var y = Int((c.y * scale).rounded(.down)), count = 0
            let fill = image.rgb(x, y)
            // Walk up from the centre (no connection leaves the top neuron upwards), over
            // the fill, and count the pixels unlike both the fill and the background.
            while y > 0, image.rgb(x, y).distance(to: fill) <= 8 { y -= 1 }
            while y > 0, image.rgb(x, y).distance(to: fill) > 8, image.rgb(x, y).distance(to: RGB(.white)) > 8 {
                count += 1
                y -= 1
            }
            return count
        }
        let t1 = outlineThickness(one.image, scale: 1), t2 = outlineThickness(two.image, scale: 2)
        #expect(t1 >= 1 && abs(t2 - 2 * t1) <= 2, "outline is \(t1) px at scale 1 and \(t2) px at scale 2")
    }
}
