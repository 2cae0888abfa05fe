import Foundation
@testable import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRender
import NetFramesRun
import NetFramesRunFile
import NetFramesScene
import NetFramesTestSupport
import Testing

/// The training curve through the pipeline: curves.csv beside every output, the loss
/// panel drawn from the curve rather than the recorded steps, its log axis.
@Suite("Training curves in renders", .serialized)
struct TrainingCurveRenderTests {
    /// examples/xor.yaml (8,000 steps) recorded every 2,000th step, with only the loss panel.
    func sparseXor() throws -> Run {
        var run = try RunFile.load(path: examplePath("xor.yaml"))
        run.render.panels = PanelSettings()
        run.render.panels.loss = true
        return run
    }

    func overrides(every: Int? = nil, format: OutputFormat = .png) -> RenderOverrides {
        var o = RenderOverrides()
        o.every = every
        o.format = format
        return o
    }

    /// The rows of a curves.csv, checked for its header.
    func rows(_ path: String) throws -> [[Substring]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "iteration,loss,accuracy")
        return lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    @Test("a render writes curves.csv: 1,001 rows for 8,000 steps, iterations strictly increasing from 0 to 7,999")
    func stillsWriteCurves() throws {
        let folder = try TemporaryFolder()
        let report = try RenderRequest(run: try sparseXor(), overrides: overrides(every: 2000), folder: folder.path,
                                       jobs: 2).perform()
        #expect(report.curveFiles == ["curves.csv"])
        let rows = try rows(folder.file("curves.csv"))
        #expect(rows.count == CurveSchedule(total: 8000).count && rows.count == 1001)
        let iterations = rows.map { Int($0[0])! }
        #expect(iterations.first == 0 && iterations.last == 7999)
        #expect(zip(iterations, iterations.dropFirst()).allSatisfy { $0 < $1 })
        #expect(rows.allSatisfy { $0.count == 3 && Double($0[1]) != nil && Double($0[2]) != nil })
        // The last point is the final parameters' loss and accuracy, as a batch summary reports them.
        let last = try #require(report.result.curves.first?.points.last)
        var evaluator = Evaluator(setup: report.result.finalState!.setup)
        let run = try sparseXor()
        #expect(last.loss == evaluator.meanLoss(parameters: report.result.finalParameters, dataset: run.dataset,
                                                limit: run.dataset.count))
        #expect(Double(rows.last![1]) == last.loss && Double(rows.last![2]) == 1.0)
    }

    /// The curve's pixels in the loss panel (right of x = 930): for each column, the lowest
    /// curve pixel, and the curve's bounding box.
    func curveColumns(_ image: RGBAImage, colour: RGB) -> (columns: [Int: Int], box: (minX: Int, maxX: Int, minY: Int, maxY: Int)) {
        var columns: [Int: Int] = [:]
        var box = (minX: Int.max, maxX: 0, minY: Int.max, maxY: 0)
        for y in 60..<650 {
            for x in 930..<1275 where image.rgb(x, y).distance(to: colour) <= 40 {
                columns[x] = max(columns[x] ?? 0, y)
                box = (min(box.minX, x), max(box.maxX, x), min(box.minY, y), max(box.maxY, y))
            }
        }
        return (columns, box)
    }

    @Test("recorded every 2,000th step, the loss panel still draws the curve's detail: at step 1,000 it is near the bottom, where 5 recorded points would put it half-way")
    func panelHasDetail() throws {
        let folder = try TemporaryFolder()
        let run = try sparseXor()
        let report = try RenderRequest(run: run, overrides: overrides(every: 2000), folder: folder.path, jobs: 2).perform()
        let state = try #require(report.result.finalState)
        #expect(state.lossHistory.count == 1002)  // the starting loss, then every point of the curve
        let colour = RGB(Theme.named(.light).forward)
        let frames = try fileNames(in: folder.path).filter { $0.hasPrefix("frame_") }.sorted()
        let drawn = try RGBAImage(pngData: readBytes(folder.file(frames.last!)))
        let full = curveColumns(drawn, colour: colour)
        // The same still with only points at recorded steps (the start, 0, 2,000, 4,000,
        // 6,000, 7,999; steps 1–3 are not curve points, and barely moved), as the panel drew it before.
        var sparse = state
        sparse.lossHistory = state.lossHistory.filter { [-1, 0, 1, 2, 3, 2000, 4000, 6000, 7999].contains($0.iteration) }
        #expect(sparse.lossHistory.map(\.iteration) == [-1, 0, 2000, 4000, 6000, 7999])
        let builder = DiagramBuilder(setup: run.setup, style: run.render, measurer: CairoTextMeasurer())
        let coarse = curveColumns(try RGBAImage(pngData: SceneRenderer().pngData(builder.scene(sparse), scale: 1)),
                                  colour: colour)
        for (name, curve) in [("full", full), ("sparse", coarse)] {
            #expect(curve.box.maxX - curve.box.minX > 250, "\(name): \(curve.box)")
        }
        // Iteration 1,000 of −1 … 7,999: an eighth of the way across.
        let box = full.box
        let x = box.minX + (box.maxX - box.minX) / 8
        let height = Double(box.maxY - box.minY)
        let fullY = try #require(full.columns[x]), coarseY = try #require(coarse.columns[x])
        #expect(Double(fullY - box.minY) > 0.9 * height, "the curve at step 1,000: y \(fullY) in \(box)")
        #expect(Double(coarseY - box.minY) < 0.7 * height && Double(coarseY - box.minY) > 0.3 * height,
                "5 recorded points: y \(coarseY) in \(box)")
    }

    @Test("shards: only the shard that trains to the end writes curves.csv, the bytes of a render without shards")
    func shardsWriteTheSameCurves() throws {
        let folder = try TemporaryFolder()
        let run = try sparseXor()
        _ = try RenderRequest(run: run, overrides: overrides(every: 2000), folder: folder.file("whole"), jobs: 2).perform()
        let sharded = folder.file("sharded")
        for k in 0..<3 {
            let report = try RenderRequest(run: run, overrides: overrides(every: 2000), folder: sharded, jobs: 1,
                                           shard: try Shard(index: k, count: 3)).perform()
            #expect(report.curveFiles == (k == 2 ? ["curves.csv"] : []), "shard \(k + 1)")
            #expect(FileManager.default.fileExists(atPath: sharded + "/curves.csv") == (k == 2))
        }
        #expect(try readBytes(sharded + "/curves.csv") == readBytes(folder.file("whole/curves.csv")))
    }

    @Test("a page is NAME.curves.csv beside NAME.html; a comparison writes one per run, in order")
    func namesBesideFilesAndComparisons() throws {
        let folder = try TemporaryFolder()
        var small = try Fixture.run(Fixture.small(iterations: 12))
        small.render.panels.loss = true
        let page = try RenderRequest(run: small, overrides: overrides(format: .html), folder: folder.path, name: "one",
                                     jobs: 1).perform()
        #expect(page.curveFiles == ["one.curves.csv"])
        #expect(try rows(folder.file("one.curves.csv")).count == 12)
        var other = small
        other.setup.learningRate = 2
        let comparison = try RenderRequest.comparison(of: [small, other], overrides: overrides(every: 6),
                                                      folder: folder.file("cmp"), name: "cmp", jobs: 1).perform()
        #expect(comparison.curveFiles == ["curves.csv", "curves.2.csv"])
        let alone = try RenderRequest(run: other, overrides: overrides(every: 6), folder: folder.file("other"),
                                      jobs: 1).perform()
        #expect(alone.curveFiles == ["curves.csv"])
        #expect(try readBytes(folder.file("cmp/curves.2.csv")) == readBytes(folder.file("other/curves.csv")))
        #expect(try readBytes(folder.file("cmp/curves.csv")) != readBytes(folder.file("other/curves.csv")))
        // Regression: the accuracy column is empty.
        for row in try rows(folder.file("one.curves.csv")) { #expect(row.count == 3) }
    }

    @Test("a regression run's curves.csv leaves the accuracy empty")
    func regressionCSV() throws {
        let folder = try TemporaryFolder()
        let run = try Fixture.run("""
            name: line
            network: {layers: [1, 3, 1], hidden: tanh, output: linear, seed: 2}
            training: {loss: mse, learningRate: 0.05, iterations: 12}
            data:
              - {input: [0.1], target: [0.3]}
              - {input: [0.7], target: [-0.2]}
            """)
        _ = try RenderRequest(run: run, overrides: overrides(every: 5), folder: folder.path, jobs: 1).perform()
        let rows = try rows(folder.file("curves.csv"))
        #expect(rows.map { Int($0[0])! } == Array(0..<12))
        #expect(rows.allSatisfy { $0.count == 3 && $0[2].isEmpty && Double($0[1])! > 0 })
    }

    @Test("the log axis puts a tick and label at each decade, and a loss on its decade's line")
    func logAxis() throws {
        var run = try sparseXor()
        run.render.lossScale = .log
        let history = [0.7, 0.2, 0.01, 0.002, 0.0003].enumerated().map { LossPoint(iteration: $0.offset * 100, loss: $0.element) }
        var state = DiagramState(snapshot: try Fixture.snapshots(run).last!, runName: "xor")
        state.lossHistory = history
        let scene = DiagramBuilder(setup: run.setup, style: run.render, measurer: CairoTextMeasurer()).scene(state)
        let texts = scene.items.compactMap { item -> TextItem? in if case .text(let t) = item { return t }; return nil }
        let labels = ["1", "0.1", "0.01", "0.001", "10⁻⁴"]
        let ys = try labels.map { label in try #require(texts.first { $0.string == label && $0.position.x > 930 }).position.y }
        // One decade apart, evenly, top to bottom.
        let gaps = zip(ys, ys.dropFirst()).map { $1 - $0 }
        #expect(gaps.allSatisfy { abs($0 - gaps[0]) < 0.01 && $0 > 10 }, "\(ys)")
        let curve = try #require(scene.items.compactMap { item -> [Point]? in
            if case .polyline(let points, _) = item, points.count == history.count { return points }; return nil
        }.first)
        #expect(abs(curve[2].y - ys[2]) < 0.01, "0.01 sits on the 0.01 line")
        // Linear: 0 and the largest loss, no decades.
        run.render.lossScale = .linear
        let linear = DiagramBuilder(setup: run.setup, style: run.render, measurer: CairoTextMeasurer()).scene(state)
        let linearTexts = linear.items.compactMap { item -> String? in if case .text(let t) = item { return t.string }; return nil }
        #expect(!linearTexts.contains("0.01") && linearTexts.contains("0.700"))
    }

    @Test("decade labels and ranges")
    func decadeLabels() {
        #expect([-6, -4, -3, -2, -1, 0, 1, 3, 4, 12].map(LossPlot.decadeLabel)
            == ["10⁻⁶", "10⁻⁴", "0.001", "0.01", "0.1", "1", "10", "1000", "10⁴", "10¹²"])
    }
}
