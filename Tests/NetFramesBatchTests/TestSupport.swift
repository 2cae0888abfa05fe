import Foundation
import NetFramesBatch
import NetFramesRunFile

/// A folder of its own under the system's temporary folder, removed when dropped.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("netframes-batch-tests-\(UUID().uuidString)", isDirectory: true).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `relative` (making its folders) and returns the file's path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }
}

/// An outcome with every field set, changed by `edit`.
func sampleOutcome(_ name: String, edit: (inout RunOutcome) -> Void = { _ in }) -> RunOutcome {
    var outcome = RunOutcome(
        name: name, runFile: "examples/xor-sweep.yaml",
        settings: [SweepSetting(key: "training.learningRate", value: "0.5"), SweepSetting(key: "network.seed", value: "2")],
        layers: [2, 3, 1], hidden: "tanh", output: "sigmoid", loss: "crossEntropy", learningRate: 0.5,
        iterations: 4000, seed: 2, finalLoss: 0.0123, accuracy: 1, diverged: nil, frames: 18,
        files: ["\(name)/frame_000001.png", "\(name)/manifest.json"], thumbnail: "\(name)/final.png")
    edit(&outcome)
    return outcome
}
