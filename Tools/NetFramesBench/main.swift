// netframes-bench: prints NetFrames' speed and memory figures, one line per figure.
//
// Figures are ratios taken within one run, so a noisy shared machine moves both sides
// of each ratio together. Run it with `swift run -c release netframes-bench [section]`.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "--child-train" {
    // A child process measures the peak memory of one training run of N iterations.
    let iterations = Int(arguments[1])!
    try EngineBenchmark.childTrain(iterations: iterations)
    exit(0)
}

if arguments.first == "--child-time" {
    // `--child-time N R`: the best nanoseconds per streamed step over R runs of N steps, timed
    // in this process (no start-up in it). Alternating two builds' children, many times,
    // tells a change of a few percent apart on a noisy machine where whole runs cannot.
    guard arguments.count == 3, let n = Int(arguments[1]), let rounds = Int(arguments[2]), n > 0, rounds > 0 else {
        FileHandle.standardError.write(Data("usage: netframes-bench --child-time STEPS RUNS\n".utf8))
        exit(2)
    }
    var best = Double.infinity
    for _ in 0..<rounds {
        var trainer = EngineBenchmark.makeTrainer()
        var sink = ReadingSink()
        let t0 = DispatchTime.now().uptimeNanoseconds
        try trainer.train(iterations: n, into: &sink)
        let t1 = DispatchTime.now().uptimeNanoseconds
        best = min(best, Double(t1 - t0) / Double(n))
        precondition(sink.sum.isFinite)
    }
    print(best)
    exit(0)
}

if arguments.first == "--child-curves" {
    try CurveBenchmark.childTrain(iterations: Int(arguments[1])!)
    exit(0)
}

if arguments.first == "--child-bare" {
    var trainer = EngineBenchmark.makeTrainer()
    try trainer.train(iterations: Int(arguments[1])!)
    exit(0)
}

if arguments.first == "--child-render" {
    try RenderBenchmark.childRender()
    exit(0)
}

if arguments.first == "--child-frames" {
    // Draws and encodes scene A's first N frames on this thread, writing nothing: a
    // steady workload for `valgrind --tool=callgrind` and `perf`.
    try RenderSplit.drawAndEncode(frames: Int(arguments[1])!, stride: arguments.count > 2 ? Int(arguments[2])! : 1)
    exit(0)
}

if arguments.first == "--child-stream" {
    try BatchBenchmark.streamInChild(iterations: Int(arguments[1])!)
    exit(0)
}

let sections = arguments.isEmpty ? ["engine", "curves", "render", "video", "batch"] : arguments
for section in sections {
    switch section {
    case "engine": try EngineBenchmark.run()
    case "curves": try CurveBenchmark.run()
    case "render": try RenderBenchmark.run()
    case "render-bytes":
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netframes-bytes-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try SamePixelsBytes.report(folder: folder)
    case "render-split":
        try RenderSplit.report(folder: FileManager.default.temporaryDirectory.appendingPathComponent("netframes-split-\(getpid())").path)
    case "video": try VideoBenchmark.run()
    case "batch": try BatchBenchmark.run()
    case "batch-sweep": try BatchBenchmark.sweepThroughput()
    case "batch-memory": try BatchBenchmark.memory()
    case "boundary": try BoundaryBenchmark.run()
    default:
        FileHandle.standardError.write(Data("unknown section '\(section)'; known: engine, curves, render, render-bytes, render-split, video, batch, batch-sweep, batch-memory, boundary\n".utf8))
        exit(64)
    }
}
