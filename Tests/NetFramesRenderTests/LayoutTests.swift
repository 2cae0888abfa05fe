import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRunFile
import NetFramesScene
import NetFramesTestSupport

/// A canvas size to lay a diagram out on.
struct Canvas: Sendable, CustomTestStringConvertible {
    var width: Double
    var height: Double
    var testDescription: String { "\(Int(width))x\(Int(height))" }

    static let all = [Canvas(width: 640, height: 360), Canvas(width: 1280, height: 720),
                      Canvas(width: 1920, height: 1080), Canvas(width: 3840, height: 2160),
                      Canvas(width: 800, height: 800), Canvas(width: 640, height: 1000)]
}

/// The shapes every layout check runs over (tanh hidden, softmax output: the widest
/// activation symbols).
let layoutShapes: [[Int]] = [[2, 2, 2], [3, 2, 3], [4, 6, 6, 3], [8, 12, 12, 6], [1, 1], [2, 30, 1]]

/// Where labels, neurons and bands go never collides, for any shape and canvas.
@Suite("Diagram layout")
struct LayoutTests {
    let measurer = CairoTextMeasurer()

    func builder(_ shape: [Int], _ canvas: Canvas) throws -> (RunFile, DiagramBuilder) {
        let run = try Fixture.run(Fixture.shaped(shape))
        let style = Fixture.style(width: canvas.width, height: canvas.height)
        return (run, DiagramBuilder(setup: run.setup, style: style, measurer: measurer))
    }

    /// The bounding boxes of the shown neurons' circles.
    static func neuronBoxes(_ layout: DiagramLayout) -> [Rect] {
        layout.slots.flatMap { $0 }.compactMap { slot in
            guard slot.neuronIndex != nil else { return nil }
            let c = slot.center, r = layout.radius
            return Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r)
        }
    }

    static func describe(_ r: Rect) -> String {
        String(format: "(%.1f, %.1f, %.1f×%.1f)", r.x, r.y, r.width, r.height)
    }

    /// Every way the layout's reserved boxes collide; empty when it is sound.
    static func layoutProblems(_ layout: DiagramLayout, canvas: Canvas) -> [String] {
        let bands: [(String, Rect?)] = [("header", layout.headerBox), ("titles", layout.titleBox),
                                        ("legend", layout.legendBox), ("caption", layout.captionBox)]
        return boxProblems(labels: layout.allLabelBoxes, neurons: neuronBoxes(layout), bands: bands, canvas: canvas)
    }

    static func boxProblems(labels boxes: [Rect], neurons: [Rect], bands: [(String, Rect?)], canvas: Canvas) -> [String] {
        var problems: [String] = []
        let bounds = Rect(x: 0, y: 0, width: canvas.width, height: canvas.height)
        for (i, a) in boxes.enumerated() {
            if !bounds.contains(a) { problems.append("label \(describe(a)) leaves the canvas") }
            for b in boxes[(i + 1)...] where a.intersects(b) {
                problems.append("labels \(describe(a)) and \(describe(b)) overlap")
            }
        }
        for n in neurons {
            if !bounds.contains(n) { problems.append("neuron \(describe(n)) leaves the canvas") }
            for b in boxes where b.intersects(n) {
                problems.append("label \(describe(b)) covers neuron \(describe(n))")
            }
        }
        for case let (name, band?) in bands {
            if !bounds.contains(band) { problems.append("\(name) band \(describe(band)) leaves the canvas") }
            for b in boxes where b.intersects(band) {
                problems.append("label \(describe(b)) overlaps the \(name) band \(describe(band))")
            }
            for n in neurons where n.intersects(band) {
                problems.append("neuron \(describe(n)) overlaps the \(name) band \(describe(band))")
            }
        }
        return problems
    }

    @Test("label boxes never overlap each other, neurons, the bands or the canvas edge",
          arguments: layoutShapes, Canvas.all)
    func reservedBoxes(shape: [Int], canvas: Canvas) throws {
        let (_, builder) = try builder(shape, canvas)
        for (name, layout) in [("values", builder.valuesLayout), ("changes", builder.changesLayout)] {
            #expect(layout.labelSet == (name == "values" ? .values : .changes))
            let problems = Self.layoutProblems(layout, canvas: canvas)
            #expect(problems.isEmpty, "\(shape) at \(canvas.testDescription), \(name) labels: \(problems.count) problems: \(problems.prefix(8).joined(separator: "; "))")
        }
    }

    @Test("the checks themselves catch overlaps, covered neurons and boxes off the canvas")
    func checksCanFail() throws {
        let (_, builder) = try builder([3, 2, 3], Canvas.all[1])
        let layout = builder.valuesLayout
        let boxes = layout.allLabelBoxes
        let neurons = Self.neuronBoxes(layout)
        #expect(Self.boxProblems(labels: boxes, neurons: neurons, bands: [], canvas: Canvas.all[1]).isEmpty)
        // A label nudged onto its neighbour, one moved onto a neuron, one off the edge.
        var moved = boxes
        moved[0].x = boxes[1].x + 1
        moved[0].y = boxes[1].y + 1
        #expect(Self.boxProblems(labels: moved, neurons: neurons, bands: [], canvas: Canvas.all[1])
            .contains { $0.contains("overlap") })
        moved = boxes + [Rect(x: neurons[0].center.x, y: neurons[0].center.y, width: 4, height: 4)]
        #expect(Self.boxProblems(labels: moved, neurons: neurons, bands: [], canvas: Canvas.all[1])
            .contains { $0.contains("covers neuron") })
        moved = boxes + [Rect(x: 1275, y: 10, width: 10, height: 5)]
        #expect(Self.boxProblems(labels: moved, neurons: neurons, bands: [], canvas: Canvas.all[1])
            .contains { $0.contains("leaves the canvas") })
        #expect(Self.boxProblems(labels: boxes, neurons: neurons, bands: [("band", boxes[0].grown(1))],
                                 canvas: Canvas.all[1]).contains { $0.contains("band") })
        // Texts: two on top of each other, one past the right edge.
        let font = layout.labelFont
        let scene = Scene(width: 200, height: 100, background: .white, items: [
            .text(TextItem("0.500", at: Point(50, 50), font: font, color: .black)),
            .text(TextItem("−0.250", at: Point(60, 52), font: font, color: .black)),
            .text(TextItem("far right", at: Point(199, 20), font: font, color: .black, horizontal: .left)),
            .text(TextItem("⋮ +7", at: Point(150, 80), font: font, color: .black)),
        ])
        let problems = Self.textProblems(scene, measurer: measurer)
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains("overlap") && $0.contains("0.500") })
        #expect(problems.contains { $0.contains("far right") && $0.contains("leaves the canvas") })
    }

    @Test("the layout keeps some labels: a check over no boxes would prove nothing", arguments: Canvas.all)
    func labelsExist(canvas: Canvas) throws {
        let (_, builder) = try builder([3, 2, 3], canvas)
        let layout = builder.valuesLayout
        // 2 + 3 activation labels, 2 + 3 biases, 3 inputs, 3 targets and some weights.
        #expect(layout.allLabelBoxes.count >= 16, "\(layout.allLabelBoxes.count) label boxes")
        #expect(!layout.weightLabels.isEmpty)
        #expect(layout.headerBox != nil && layout.titleBox != nil && layout.captionBox != nil)
    }

    @Test("neurons sit in the same place in the values and changes layouts", arguments: layoutShapes, Canvas.all)
    func slotsAgree(shape: [Int], canvas: Canvas) throws {
        let (_, builder) = try builder(shape, canvas)
        #expect(builder.valuesLayout.slots == builder.changesLayout.slots)
        #expect(builder.valuesLayout.radius == builder.changesLayout.radius)
        #expect(builder.valuesLayout.layerX == builder.changesLayout.layerX)
        // And every frame of the run draws its neurons there: the update frame (changes
        // layout) and the others (values layout) put each circle at the same centre.
        let run = try Fixture.run(Fixture.shaped(shape))
        var centres: Set<[Point]> = []
        for state in try Fixture.states(run) {
            let circles = builder.scene(state).items.compactMap { item -> Point? in
                if case let .circle(c, r, _, _) = item, r == builder.valuesLayout.radius { return c }
                return nil
            }
            centres.insert(circles)
        }
        #expect(centres.count == 1, "\(shape) at \(canvas.testDescription): neuron circles move between frames")
    }

    /// Problems with the texts a scene actually draws, measured as cairo will draw them.
    static func textProblems(_ scene: Scene, measurer: CairoTextMeasurer) -> [String] {
        var problems: [String] = []
        let texts = textBoxes(of: scene, measurer: measurer)
        let bounds = scene.bounds
        func name(_ t: TextItem) -> String { "\"\(t.string.prefix(40))\"" }
        for (i, a) in texts.enumerated() {
            if !bounds.contains(a.box) {
                problems.append("\(name(a.text)) \(describe(a.box)) leaves the canvas")
            }
            for b in texts[(i + 1)...] where a.box.intersects(b.box) {
                problems.append("\(name(a.text)) \(describe(a.box)) and \(name(b.text)) \(describe(b.box)) overlap")
            }
        }
        // No text may cover a neuron.
        for case let .circle(c, r, fill?, _) in scene.items where fill.alpha > 0 {
            let circle = Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r)
            for t in texts where t.box.intersects(circle) {
                problems.append("\(name(t.text)) \(describe(t.box)) covers the neuron at \(describe(circle))")
            }
        }
        return problems
    }

    @Test("drawn texts stay on the canvas and apart, in backward and update frames",
          arguments: layoutShapes, Canvas.all)
    func drawnTexts(shape: [Int], canvas: Canvas) throws {
        for output in ["softmax"] {
            let run = try Fixture.run(Fixture.shaped(shape, output: output))
            let style = Fixture.style(width: canvas.width, height: canvas.height)
            let builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
            let states = try Fixture.states(run)
            let chosen = [try Fixture.state(states, .backward, layer: shape.count - 1),
                          try Fixture.state(states, .backward, layer: 1), try Fixture.state(states, .update)]
            for state in chosen {
                let problems = Self.textProblems(builder.scene(state), measurer: measurer)
                let what = "\(shape) \(output) at \(canvas.testDescription), \(state.phase) \(state.layer.map(String.init) ?? "")"
                #expect(problems.isEmpty, "\(what): \(problems.count) problems: \(problems.prefix(6).joined(separator: "; "))")
            }
            if output == "sigmoid" || shape.last! > 1 {
                // The update frame really shows changes, so the widest texts were checked.
                let update = builder.scene(try Fixture.state(states, .update))
                #expect(textBoxes(of: update, measurer: measurer).contains { $0.text.string.contains("→") })
            }
        }
    }

    @Test("forward and loss frames' texts stay on the canvas and apart too", arguments: layoutShapes)
    func drawnTextsOtherPhases(shape: [Int]) throws {
        for canvas in Canvas.all {
            let (run, builder) = try builder(shape, canvas)
            let states = try Fixture.states(run)
            for state in [try Fixture.state(states, .forward, layer: 1), try Fixture.state(states, .loss)] {
                let problems = Self.textProblems(builder.scene(state), measurer: measurer)
                #expect(problems.isEmpty, "\(shape) at \(canvas.testDescription), \(state.phase): \(problems.count) problems: \(problems.prefix(6).joined(separator: "; "))")
            }
        }
    }
}
