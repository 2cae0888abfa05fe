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

/// Frames of runs with batches and optimizers: what they add, read back from the pixels
/// and checked against an independent SVG renderer.
@Suite("Frames of batches and optimizers")
struct OptimizerFrameTests {
    static func yaml(_ optimizer: String, name: String = "opt") -> String {
        """
        name: \(name)
        network:
          layers: [2, 3, 1]
          hidden: tanh
          output: sigmoid
          seed: 4
          init: xavier
        training: {learningRate: 0.05, batchSize: 4, optimizer: \(optimizer), iterations: 3}
        data: {builtin: xor}
        """
    }

    static func update(_ optimizer: String, theme: ThemeName) throws -> (builder: DiagramBuilder, state: DiagramState) {
        let run = try Fixture.run(yaml(optimizer))
        let states = try Fixture.states(run)
        let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(theme: theme), measurer: CairoTextMeasurer())
        return (builder, try #require(states.last { $0.phase == .update }))
    }

    @Test("an update draws an arrow in the update colour along every connection that moved", arguments: [ThemeName.light, .dark])
    func stepArrows(theme: ThemeName) throws {
        let (builder, state) = try Self.update("adam", theme: theme)
        let scene = builder.scene(state)
        let update = builder.theme.update
        let heads = scene.items.compactMap { item -> [Point]? in
            if case let .polygon(points, fill) = item, fill == update, points.count == 3 { return points }
            return nil
        }
        // Adam moves every weight: 2·3 + 3·1 of them, and one arrow head names the legend.
        let moved = (1...2).reduce(0) { n, l in n + zip(state.weights[l], state.previousWeights[l]).filter { $0 != $1 }.count }
        #expect(moved == 9)
        #expect(heads.count == moved + 1)
        let image = try RGBAImage(pngData: SceneRenderer().pngData(scene))
        var inked = 0
        for head in heads {
            let centroid = Point((head[0].x + head[1].x + head[2].x) / 3, (head[0].y + head[1].y + head[2].y) / 3)
            if image.rgb(at: centroid).distance(to: RGB(update)) <= 40 { inked += 1 }
        }
        // A label drawn over a head may hide it; most must show.
        #expect(inked >= heads.count * 3 / 4, "\(inked) of \(heads.count) arrow heads show the update colour")
    }

    @Test("the optimizer's state of the followed weight is shown, and the header names the optimizer and batch")
    func stateCard() throws {
        let (builder, state) = try Self.update("adam", theme: .light)
        let scene = builder.scene(state)
        let texts = scene.items.compactMap { item -> String? in
            if case .text(let t) = item { return t.string }
            return nil
        }
        let format = builder.changesLayout.format
        let m = try #require(state.optimizerState("m", into: 2, to: 0, from: 0))
        let v = try #require(state.optimizerState("v", into: 2, to: 0, from: 0))
        let t = Double(state.iteration + 1)
        #expect(texts.contains("m̂ = " + format(m / (1 - pow(0.9, t)))))
        #expect(texts.contains("√v̂ = " + format((v / (1 - pow(0.999, t))).squareRoot())))
        #expect(texts.contains { $0.hasPrefix("Adam η = 0.05 · batch 4 · iteration 2 · update · batch mean") })
        #expect(texts.contains("step of Adam"))
        // No text of the card overlaps another label.
        let boxes = textBoxes(of: scene)
        let card = boxes.filter { $0.text.string.hasPrefix("m̂ = ") || $0.text.string.hasPrefix("√v̂ = ") }
        #expect(card.count == 2)
        for c in card {
            for other in boxes where other.text.string != c.text.string && other.box.intersects(c.box) {
                Issue.record("\(c.text.string) overlaps \(other.text.string)")
            }
        }
    }

    @Test("plain SGD on one example draws no arrows and no card")
    func plainSGDUnchanged() throws {
        let run = try Fixture.run(Fixture.colours)
        let states = try Fixture.states(run)
        let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(), measurer: CairoTextMeasurer())
        let scene = builder.scene(try #require(states.last { $0.phase == .update }))
        #expect(!scene.items.contains { if case .polygon = $0 { return true } else { return false } })
    }

    @Test("an update with arrows and a card, as SVG, matches the PNG", arguments: [ThemeName.light, .dark])
    func svgMatches(theme: ThemeName) throws {
        let (builder, state) = try Self.update("{kind: momentum, nesterov: true}", theme: theme)
        _ = try SVGMatchesPNGTests().compare(builder.scene(state), label: "nesterov update \(theme)")
    }
}

/// Several runs drawn side by side by one pipeline.
@Suite("Comparisons")
struct ComparisonTests {
    static func runs() throws -> [Run] {
        try ["sgd", "momentum", "adam"].map { try Fixture.run(OptimizerFrameTests.yaml($0, name: "cmp-\($0)")) }
    }

    @Test("the panel's legend drops the prefix every name shares, at a separator")
    func shortNames() {
        #expect(ComparisonBuilder.shortNames(["opt-optimizer-sgd", "opt-optimizer-momentum", "opt-optimizer-adam"])
            == ["sgd", "momentum", "adam"])
        #expect(ComparisonBuilder.shortNames(["run-adam", "run-adamw"]) == ["adam", "adamw"])
        #expect(ComparisonBuilder.shortNames(["same", "same"]) == ["same", "same"])
        #expect(ComparisonBuilder.shortNames(["a", "b"]) == ["a", "b"])
    }

    @Test("runs are trained in step: every frame shows each run at the same moment of the same step")
    func inStep() throws {
        let runs = try Self.runs()
        let pipeline = FramePipeline(run: runs[0], style: Fixture.style(), source: .stills, jobs: 2,
                                     companions: Array(runs.dropFirst()))
        var sink = SceneCollector()
        let result = try pipeline.run(into: &sink)
        // Stills: 3 steps of 4 examples · (2 forward, loss, 2 backward) + the update.
        #expect(pipeline.frameCount == 3 * (4 * 5 + 1))
        #expect(sink.frames.count == pipeline.frameCount && result.framesDelivered == sink.frames.count)
        #expect(sink.finished)
        for (i, frame) in sink.frames.enumerated() {
            #expect(frame.index == i)
            #expect(frame.scene.width == 1280 && frame.scene.height == 720)
        }
        // The same weights start every run: their first frames' tiles are identical but for the header.
        let first = sink.frames[0].scene
        #expect(first.title.hasPrefix("Comparison of cmp-sgd, cmp-momentum, cmp-adam: iteration 0, forward, layer 1"))
        let last = try #require(sink.frames.last)
        #expect(last.state.phase == .update && last.state.iteration == 2)
        #expect(result.finalParameters == (try runs[0].train { _ in }))
    }

    @Test("each tile has its run's colour over it, and the loss panel a curve in each colour", arguments: [ThemeName.light, .dark])
    func colours(theme: ThemeName) throws {
        let runs = try Self.runs()
        let style = Fixture.style(theme: theme)
        let pipeline = FramePipeline(run: runs[0], style: style, source: .stills, jobs: 2,
                                     companions: Array(runs.dropFirst()))
        var sink = SceneCollector()
        try pipeline.run(into: &sink)
        let comparison = try #require(pipeline.comparison)
        let scene = try #require(sink.frames.last).scene
        let image = try RGBAImage(pngData: SceneRenderer().pngData(scene))
        #expect(Set(comparison.colors).count == 3)
        for (rect, colour) in zip(comparison.tileRects, comparison.colors) {
            let bar = image.rgb(at: Point(rect.center.x, rect.minY + 1))
            #expect(bar.distance(to: RGB(colour)) <= 2, "bar over the tile at x \(rect.minX) is \(bar), expected \(RGB(colour))")
        }
        let curves = scene.items.compactMap { item -> Color? in
            if case let .polyline(points, stroke) = item, points.count >= 2,
               points.allSatisfy({ comparison.lossRect.contains(Rect(x: $0.x, y: $0.y, width: 0, height: 0)) }) { return stroke.color }
            return nil
        }
        #expect(Set(curves) == Set(comparison.colors))
        _ = try SVGMatchesPNGTests().compare(scene, label: "comparison \(theme)")
    }

    @Test("batch --compare writes one video of the sweep; one run, or an html page, is refused")
    func command() throws {
        try withTemporaryFolder("compare") { folder in
            _ = try folder.write("sweep.yaml", OptimizerFrameTests.yaml("sgd", name: "sweep") + """

                animation: {fps: 5, finalHold: 0.2}
                render: {width: 640, height: 360}
                sweep:
                  training.optimizer: [sgd, adam]
                """)
            let video = try netframes(["batch", "sweep.yaml", "--compare", "--format", "mp4", "--out", "cmp", "--quiet"], in: folder)
            #expect(video.status == 0, "\(video.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder.file("cmp/sweep.mp4")))
            let stills = try netframes(["batch", "sweep.yaml", "--compare", "--out", "stills", "--every", "2", "--quiet"], in: folder)
            #expect(stills.status == 0, "\(stills.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder.file("stills/frame_000001.png")))
            #expect(FileManager.default.fileExists(atPath: folder.file("stills/manifest.json")))
            let page = try netframes(["batch", "sweep.yaml", "--compare", "--format", "html", "--out", "page"], in: folder)
            #expect(page.status != 0 && page.stderr.contains("a comparison renders stills"))
            _ = try folder.write("one.yaml", OptimizerFrameTests.yaml("adam", name: "one"))
            let one = try netframes(["batch", "one.yaml", "--compare", "--out", "one"], in: folder)
            #expect(one.status != 0 && one.stderr.contains("--compare needs at least 2"))
        }
    }
}

/// Keeps every frame the pipeline draws, with its scene.
struct SceneCollector: FrameSink {
    var frames: [PipelineFrame] = []
    var finished = false
    func draw(_ frame: PipelineFrame) throws -> PipelineFrame { frame }
    mutating func receive(_ frame: PipelineFrame) throws { frames.append(frame) }
    mutating func finish(_ ending: PipelineEnding) throws {
        if case .finished = ending { finished = true }
    }
}
