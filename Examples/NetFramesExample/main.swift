// netframes-example: NetFrames used as a Swift library, through `import NetFrames` alone.
//
// A [2, 2, 1] network learns XOR. The program prints the loss as it trains, draws the
// first forward frame as PNG and the last update frame as SVG into the folder named on
// the command line (default Output/example/), and hands the frames of a short run to a
// sink of its own that counts them.
//
//   swift run netframes-example [folder]

import Foundation  // only for the exit status and standard error
import NetFrames

/// A frame sink of our own: counts the PNG frames it is handed and checks their order.
struct FrameCounter: EncodedFrameSink {
    var encoding: FrameEncoding { .file(.png) }
    var frames = 0
    var bytes = 0

    mutating func receive(_ frame: RenderedFrame) throws {
        frames += 1
        guard frame.number == frames else {
            throw NetFramesError.badInput(frame.entry.file, "arrived as frame \(frames)")
        }
        bytes += frame.bytes.count
    }
}

do {
    let folder = CommandLine.arguments.dropFirst().first ?? "Output/example"
    // A run built in code; Run.load(path:) reads one from a YAML or JSON file.
    let run = try Run(name: "xor",
                      network: .init(layers: [2, 2, 1], hidden: .sigmoid, output: .sigmoid, seed: 1),
                      training: .init(loss: .mse, learningRate: 2, iterations: 4000),
                      data: .builtin(.xor), sampling: SamplingPolicy(every: 500))
    // Train, streaming every recorded snapshot: activations, loss, deltas, gradients, weights.
    var firstForward: Snapshot?, lastUpdate: Snapshot?
    try run.train { snapshot in
        if firstForward == nil, snapshot.phase == .forward { firstForward = snapshot }
        if snapshot.phase == .update, let loss = snapshot.loss {
            lastUpdate = snapshot
            print("step \(snapshot.iteration), example \(snapshot.example): loss \(NumberFormat(digits: 5)(loss))")
        }
    }
    // Draw single snapshots as PNG, SVG or PDF bytes, in a style of your own.
    let renderer = FrameRenderer(run: run, style: DiagramStyle(width: 960, height: 540, theme: .light, digits: 2))
    try OutputFolder.prepare(folder, force: false)
    try AtomicFileWriter.write(renderer.image(of: firstForward!, format: .png), to: folder + "/first-forward.png")
    try AtomicFileWriter.write(renderer.image(of: lastUpdate!, format: .svg), to: folder + "/last-update.svg")
    print("wrote \(folder)/first-forward.png and \(folder)/last-update.svg")

    // A short run's frames, handed to our own sink in order.
    var short = run
    short.iterations = 2
    var counter = FrameCounter()
    let entries = try FrameRenderer(run: short, style: DiagramStyle(width: 640, height: 360))
        .render(into: &counter, jobs: 2)
    print("FrameCounter received \(counter.frames) frames (\(counter.bytes) bytes of PNG); "
        + "the manifest lists \(entries.count), from \(entries.first!.file) to \(entries.last!.file)")
} catch {
    FileHandle.standardError.write(Data("netframes-example: \(error)\n".utf8))
    exit(1)
}
