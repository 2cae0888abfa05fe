import Foundation
import NetFramesEngine
import NetFramesRunFile
import NetFramesTrace
import Testing

/// One snapshot line of a trace, decoded with `JSONDecoder`, which reads numbers back
/// exactly (`JSONSerialization` on Linux goes through `Decimal` and may not).
struct SnapshotLine: Decodable, Equatable {
    var iteration: Int
    var example: Int
    var phase: String
    var layer: Int?
    var input: [Double]
    var target: [Double]
    var activations: [[Double]?]
    var preActivations: [[Double]?]
    var loss: Double?
    var deltas: [[Double]?]
    var weightGradients: [[[Double]]?]
    var biasGradients: [[Double]?]
    var weights: [[[Double]]]
    var biases: [[Double]]

    static let fieldNames = ["iteration", "example", "phase", "layer", "input", "target", "activations",
                             "preActivations", "loss", "deltas", "weightGradients", "biasGradients", "weights", "biases"]

    init(_ line: String) throws {
        self = try JSONDecoder().decode(SnapshotLine.self, from: Data(line.utf8))
    }

    /// What the line should say for `s`, built from the engine's own values.
    init(expected s: Snapshot) {
        let shape = s.shape
        func rows(_ flat: ArraySlice<Double>, columns: Int) -> [[Double]] {
            stride(from: flat.startIndex, to: flat.endIndex, by: columns).map { Array(flat[$0..<($0 + columns)]) }
        }
        let layers = 0..<shape.layerCount, weightLayers = 1..<shape.layerCount
        iteration = s.iteration
        example = s.example
        phase = s.phase.rawValue
        layer = s.layer
        input = Array(s.input)
        target = Array(s.target)
        activations = layers.map { s.activations(of: $0).map(Array.init) }
        preActivations = layers.map { s.preActivations(of: $0).map(Array.init) }
        loss = s.loss
        deltas = layers.map { s.deltas(of: $0).map(Array.init) }
        weightGradients = weightLayers.map { l in s.weightGradients(into: l).map { rows($0, columns: shape.layers[l - 1]) } }
        biasGradients = weightLayers.map { s.biasGradients(of: $0).map(Array.init) }
        weights = weightLayers.map { rows(s.weights(into: $0), columns: shape.layers[$0 - 1]) }
        biases = weightLayers.map { Array(s.biases(of: $0)) }
    }
}

/// The first line of a trace.
struct TraceHeader: Decodable {
    struct Origin: Decodable, Equatable {
        var `init`: String
        var seed: UInt64?
        var data: String
    }
    var format: String
    var version: Int
    var snapshotsPerStep: Int
    var origin: Origin
}

/// A recorded run: the trace's lines as written and the snapshots the trainer made.
struct Recording {
    var bytes: Data
    var lines: [String]
    var snapshots: [Snapshot]
    /// The error training stopped with, if it did.
    var error: Error?

    var header: String { lines[0] }
    var snapshotLines: ArraySlice<String> { lines.dropFirst() }
}

/// Trains `run` with a `TraceWriter` writing to `path` (finished even after an error, as
/// `netframes record` does after a divergence) and a sink keeping the snapshots.
func record(_ run: RunFile, to path: String) throws -> Recording {
    let writer = try TraceWriter(run: run, path: path)
    var sink = TeeSink(first: writer, second: CollectingSink())
    var trainer = run.makeTrainer()
    var failure: Error?
    do {
        try trainer.train(iterations: run.iterations, sampling: run.sampling, into: &sink)
    } catch {
        failure = error
    }
    try writer.finish()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.hasSuffix("\n"), "a trace ends with a newline")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    return Recording(bytes: bytes, lines: lines, snapshots: sink.second.snapshots, error: failure)
}

/// The `run` object of a header line, exactly as written.
func runText(ofHeader header: String) -> String? {
    guard let start = header.range(of: ",\"run\":"), header.hasSuffix("}") else { return nil }
    return String(header[start.upperBound..<header.index(before: header.endIndex)])
}
