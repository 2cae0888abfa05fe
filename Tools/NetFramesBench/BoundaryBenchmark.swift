import Foundation
import NetFramesGraphics
import NetFramesRender
import NetFramesRun
import NetFramesScene

/// The smooth decision-boundary panel against the blocky one it replaced: the XOR run
/// with its boundary panel (48 frames, a still of every 2,000th step), each frame drawn
/// with its raster bilinear and, for comparison, nearest, in the same run.
enum BoundaryBenchmark {
    static let runText = """
        name: bench-boundary
        network: {layers: [2, 3, 1], hidden: tanh, output: sigmoid, seed: 7, init: xavier}
        training: {loss: crossEntropy, learningRate: 0.5, epochs: 2000}
        sampling: {every: 2000, first: 4}
        data: {builtin: xor}
        render: {panels: {loss: true, boundary: true}}
        """

    static func run() throws {
        let run = try Run.parse(runText, file: "bench", directory: URL(fileURLWithPath: "."))
        var collector = RenderSplit.SceneCollector()
        _ = try FramePipeline(run: run, style: run.render, jobs: 1).run(into: &collector)
        let smooth = collector.scenes.map { $0.drawingRasters(.bilinear) }
        let blocky = collector.scenes.map { $0.drawingRasters(.nearest) }
        let renderer = SceneRenderer()
        func seconds(_ scenes: [Scene], _ body: (Scene) throws -> Void) rethrows -> Double {
            var best = Double.infinity
            for _ in 0..<3 {
                let t0 = DispatchTime.now().uptimeNanoseconds
                for scene in scenes { try body(scene) }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            return best
        }
        let drawSmooth = try seconds(smooth) { _ = try renderer.raster($0) }
        let drawBlocky = try seconds(blocky) { _ = try renderer.raster($0) }
        let pngSmooth = try seconds(smooth) { _ = try renderer.pngData($0) }
        let pngBlocky = try seconds(blocky) { _ = try renderer.pngData($0) }
        let bytesSmooth = try smooth.reduce(0) { $0 + (try renderer.pngData($1)).count }
        let bytesBlocky = try blocky.reduce(0) { $0 + (try renderer.pngData($1)).count }
        let svgSmooth = try smooth.reduce(0) { $0 + (try renderer.svgData($1)).count }
        let svgBlocky = try blocky.reduce(0) { $0 + (try renderer.svgData($1)).count }
        let pdfSmooth = try smooth.reduce(0) { $0 + (try renderer.pdfData($1)).count }
        let pdfBlocky = try blocky.reduce(0) { $0 + (try renderer.pdfData($1)).count }
        let n = Double(smooth.count)
        print(String(format: "boundary.draw_ms_per_frame bilinear %.2f  nearest %.2f  ratio %.3f   (cairo only, 1 thread)",
                     drawSmooth / n * 1000, drawBlocky / n * 1000, drawSmooth / drawBlocky))
        print(String(format: "boundary.png_kb_per_frame bilinear %.1f  nearest %.1f  ratio %.3f",
                     Double(bytesSmooth) / n / 1024, Double(bytesBlocky) / n / 1024, Double(bytesSmooth) / Double(bytesBlocky)))
        print(String(format: "boundary.png_ms_per_frame bilinear %.2f  nearest %.2f  ratio %.3f   (xor, %d frames, draw + encode, 1 thread)",
                     pngSmooth / n * 1000, pngBlocky / n * 1000, pngSmooth / pngBlocky, smooth.count))
        print(String(format: "boundary.svg_kb_per_frame bilinear %.1f  nearest %.1f  ratio %.3f",
                     Double(svgSmooth) / n / 1024, Double(svgBlocky) / n / 1024, Double(svgSmooth) / Double(svgBlocky)))
        print(String(format: "boundary.pdf_kb_per_frame bilinear %.1f  nearest %.1f  ratio %.3f",
                     Double(pdfSmooth) / n / 1024, Double(pdfBlocky) / n / 1024, Double(pdfSmooth) / Double(pdfBlocky)))
    }
}
