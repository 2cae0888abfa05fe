import Foundation
import NetFramesGraphics
import NetFramesFiles
import NetFramesRender

/// NetFrames' PNG sizes against the naive writer on the very same pixels: every 8th of
/// scene A's frames is encoded with each preset, then `cairo-baseline --recode` reads
/// each file back and writes it with `cairo_surface_write_to_png`. Unlike the C loop's own
/// frames, which are simpler drawings, this compares encoders and nothing else.
enum SamePixelsBytes {
    static let stride = 8
    static let presets: [(name: String, compression: PNGCompression)] = [("fast", .fast), ("small", .small), ("best", .best)]

    /// Prints `render.png_bytes_over_naive_same_pixels` for fast, small and best.
    static func report(folder: String) throws {
        let renderer = try RenderBenchmark.makeRenderer()
        let pipeline = FramePipeline(run: renderer.run, style: renderer.style, jobs: 1)
        var collector = RenderSplit.SceneCollector()
        _ = try pipeline.run(into: &collector, stride: stride)
        let scenes = collector.scenes
        var ratios: [String] = []
        var naiveSizes: Set<Int> = []
        var naiveBytes = 0
        for preset in presets {
            let encoded = folder + "/same-" + preset.name, naive = folder + "/naive-" + preset.name
            for path in [encoded, naive] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
            let files = ParallelMap.run(count: scenes.count, jobs: 2) { index in
                Result { try SceneRenderer().pngData(scenes[index], compression: preset.compression) }
            }
            for (index, file) in files.enumerated() {
                try AtomicFileWriter.write(try file.get(), to: encoded + "/frame_\(index).png")
            }
            let printed = try RenderBenchmark.runCBaseline(["--recode", encoded, naive])
            let fields = Dictionary(uniqueKeysWithValues: printed.split(whereSeparator: \.isWhitespace).compactMap { field in
                let parts = field.split(separator: "=")
                return parts.count == 2 ? (String(parts[0]), Int(parts[1])) : nil
            })
            guard let ours = fields["bytes_in"] ?? nil, let theirs = fields["bytes_out"] ?? nil, theirs > 0,
                  fields["files"] ?? nil == scenes.count else {
                throw BenchError("cairo-baseline --recode printed '\(printed)'")
            }
            naiveSizes.insert(theirs)
            naiveBytes = theirs
            ratios.append(String(format: "%@ %.3f (%.1f KB)", preset.name, Double(ours) / Double(theirs),
                                 Double(ours) / Double(scenes.count) / 1024))
        }
        // The three presets hold the same pixels, so the naive writer must write the same bytes for each.
        guard naiveSizes.count == 1 else { throw BenchError("the presets' pixels differ: naive sizes \(naiveSizes)") }
        print("render.png_bytes_over_naive_same_pixels " + ratios.joined(separator: "  ")
              + String(format: "   (%d of scene A's frames, every %dth; naive = cairo_surface_write_to_png of the same pixels, %.1f KB/frame; target ≤ 0.8)",
                       scenes.count, stride, Double(naiveBytes) / Double(scenes.count) / 1024))
    }
}
