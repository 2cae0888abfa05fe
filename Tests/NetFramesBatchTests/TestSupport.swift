import NetFramesBatch
import NetFramesRunFile

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
