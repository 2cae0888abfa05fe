import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRender
import NetFramesRunFile
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

/// Named classes on a frame (`render.classNames`): under the outputs panel's bars, in the
/// boundary's legend and in the caption; and the optimizer's card on a tall output layer.
@Suite("Class names on frames")
struct ClassNameFrameTests {
    /// The texts of `scene`.
    static func texts(_ scene: Scene) -> [String] {
        scene.items.compactMap { item -> String? in
            if case .text(let t) = item { return t.string }
            return nil
        }
    }

    /// The scene of `run`'s last snapshot of `phase`, with the boundary and outputs panels.
    static func scene(_ run: RunFile, phase: Phase, theme: ThemeName = .light) throws -> (Scene, DiagramState) {
        var sink = CollectingSink()
        let trained = try run.train(steps: run.iterations, sampling: SamplingPolicy(every: 1), into: &sink)
        var style = run.render
        style.theme = theme
        style.panels.boundary = true
        style.panels.outputs = true
        let tracker = PanelTracker(settings: style.panels, setup: run.setup, dataset: run.dataset, initial: trained)
        var state = DiagramState(snapshot: try #require(sink.snapshots.last { $0.phase == phase }), runName: run.name)
        tracker.annotate(&state)
        return (DiagramBuilder(setup: run.setup, style: style, measurer: CairoTextMeasurer()).scene(state), state)
    }

    static let blobs = """
        name: named
        network: {layers: [2, 4, 3], hidden: tanh, output: softmax, seed: 2, init: xavier}
        training: {loss: crossEntropy, learningRate: 0.1, iterations: 3}
        data: {builtin: blobs, samples: 30, seed: 1, noise: 0}
        render: {classNames: [red, green, blue]}
        """

    @Test("the names replace the numbers under the bars, in the legend and in the caption",
          arguments: [ThemeName.light, .dark])
    func namesEverywhere(theme: ThemeName) throws {
        let run = try Fixture.run(Self.blobs)
        let (scene, state) = try Self.scene(run, phase: .loss, theme: theme)
        let texts = Self.texts(scene)
        let k = try #require(state.target.firstIndex(of: 1))
        let names = ["red", "green", "blue"]
        // Each name twice: under its bar and beside its legend swatch.
        for name in names { #expect(texts.filter { $0 == name }.count == 2, "\(name): \(texts.filter { $0 == name }.count)") }
        #expect(!texts.contains { $0.hasPrefix("class ") })
        let builder = DiagramBuilder(setup: run.setup, style: run.render, measurer: CairoTextMeasurer())
        let caption = builder.captionLines(of: state).joined(separator: " ")
        #expect(caption.contains("The target is “\(names[k])”, so L = −log a\(DiagramLayout.subscripted(k + 1))"), "\(caption)")
        // Every name is drawn where its text says: its ink shows in the rendered frame.
        let image = try RGBAImage(pngData: SceneRenderer().pngData(scene))
        let ground = RGB(Theme.named(theme).background!)
        for box in textBoxes(of: scene) where names.contains(box.text.string) {
            var inked = 0
            for y in Int(box.box.minY)..<Int(box.box.maxY) {
                for x in Int(box.box.minX)..<Int(box.box.maxX) where image.rgb(x, y).distance(to: ground) > 60 { inked += 1 }
            }
            #expect(inked >= 10, "\(box.text.string) at \(box.box): \(inked) inked pixels")
        }
    }

    @Test("without names the classes stay numbered from 1, as the diagram numbers neurons")
    func numberedWithoutNames() throws {
        let run = try Fixture.run(Self.blobs.replacingOccurrences(of: "render: {classNames: [red, green, blue]}", with: ""))
        let (scene, state) = try Self.scene(run, phase: .loss)
        let texts = Self.texts(scene)
        #expect(["1", "2", "3", "class 1", "class 2", "class 3"].allSatisfy(texts.contains))
        let k = try #require(state.target.firstIndex(of: 1))
        let builder = DiagramBuilder(setup: run.setup, style: run.render, measurer: CairoTextMeasurer())
        #expect(builder.captionLines(of: state).joined().contains("The target is class \(k + 1), so"))
    }

    @Test("the digits' bars are named 0 to 9")
    func digitsBars() throws {
        let run = try Fixture.run("""
            name: digits
            network: {layers: [64, 4, 10], hidden: tanh, output: softmax, seed: 1}
            training: {loss: crossEntropy, learningRate: 0.01, iterations: 1}
            data: {builtin: digits}
            render: {inputImage: {width: 8, height: 8}}
            """)
        let (scene, _) = try Self.scene(run, phase: .loss)
        let texts = Self.texts(scene)
        #expect((0...9).allSatisfy { texts.contains(String($0)) })
        #expect(!texts.contains("10"))
    }

    @Test("on a tall output layer the optimizer's card covers no label: it moves, or is left out",
          arguments: [3, 10])
    func cardClearOfLabels(outputs: Int) throws {
        let (inputs, data) = outputs == 3 ? (2, "{builtin: blobs, samples: 12, seed: 1, noise: 0}") : (64, "{builtin: digits}")
        let run = try Fixture.run("""
            name: tall
            network: {layers: [\(inputs), 4, \(outputs)], hidden: tanh, output: softmax, seed: 3, init: xavier}
            training: {loss: crossEntropy, learningRate: 0.05, optimizer: adam, batchSize: 2, iterations: 2}
            data: \(data)
            """)
        let (scene, _) = try Self.scene(run, phase: .update)
        let boxes = textBoxes(of: scene)
        let card = boxes.filter { $0.text.string.hasPrefix("m̂ = ") || $0.text.string.hasPrefix("√v̂ = ") }
        if outputs == 3 { #expect(card.count == 2, "the card has room beside 3 outputs") }
        for c in card {
            for other in boxes where other.text.string != c.text.string && other.box.intersects(c.box) {
                Issue.record("\(c.text.string) overlaps \(other.text.string)")
            }
        }
    }
}
