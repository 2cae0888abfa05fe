import NetFramesEngine
import NetFramesRunFile
import NetFramesRun

/// What one run of a batch gave: its settings, how well it learned, and the files it wrote.
///
/// Saved beside the run's frames as `<name>/outcome.json` (see `json`), so a batch's
/// summary can be rebuilt from its folders.
public struct RunOutcome: Sendable, Equatable {
    /// The run's name, also its folder's name under the batch folder.
    public var name: String
    /// The run file's path as given.
    public var runFile: String
    /// The run's swept values; empty for a file without a sweep.
    public var settings: [SweepSetting]
    /// Neurons per layer, input first.
    public var layers: [Int]
    /// Hidden and output activations and the loss, by their run-file names (`tanh`, `crossEntropy`).
    public var hidden: String
    /// The output layer's activation.
    public var output: String
    /// The cost function.
    public var loss: String
    /// The weights' learning rate.
    public var learningRate: Double
    /// Steps trained.
    public var iterations: Int
    /// The seed of the random initial values; `nil` when the file gave them all.
    public var seed: UInt64?
    /// The mean loss over the data with the final parameters; `nil` when it is not a finite number.
    public var finalLoss: Double?
    /// The share of examples classified right with the final parameters (0…1); `nil` for linear outputs.
    public var accuracy: Double?
    /// The divergence message, when training diverged.
    public var diverged: String?
    /// Frames drawn.
    public var frames: Int
    /// The run's outputs (frames, video, manifest), relative to the batch folder.
    public var files: [String]
    /// A PNG of the final frame, relative to the batch folder (`<name>/final.png`).
    public var thumbnail: String?

    /// An outcome with every field given.
    public init(name: String, runFile: String, settings: [SweepSetting], layers: [Int], hidden: String, output: String,
                loss: String, learningRate: Double, iterations: Int, seed: UInt64?, finalLoss: Double?, accuracy: Double?,
                diverged: String?, frames: Int, files: [String], thumbnail: String?) {
        self.name = name
        self.runFile = runFile
        self.settings = settings
        self.layers = layers
        self.hidden = hidden
        self.output = output
        self.loss = loss
        self.learningRate = learningRate
        self.iterations = iterations
        self.seed = seed
        self.finalLoss = finalLoss
        self.accuracy = accuracy
        self.diverged = diverged
        self.frames = frames
        self.files = files
        self.thumbnail = thumbnail
    }

    /// The outcome of `run`, read from `runFile`, that trained to `finalParameters`: the
    /// settings come from the run, the final loss and accuracy from `evaluate`.
    public init(run: SweepRun, runFile: String, finalParameters: Parameters, diverged: String?, frames: Int,
                files: [String], thumbnail: String?) {
        let setup = run.run.setup
        let (loss, accuracy) = RunOutcome.evaluate(run: run.run, finalParameters: finalParameters)
        self.init(name: run.name, runFile: runFile, settings: run.settings, layers: setup.shape.layers,
                  hidden: setup.hidden.rawValue, output: setup.output.rawValue, loss: setup.loss.rawValue,
                  learningRate: setup.learningRate, iterations: run.run.iterations, seed: run.run.initialization.seed,
                  finalLoss: loss.isFinite ? loss : nil, accuracy: accuracy, diverged: diverged, frames: frames,
                  files: files, thumbnail: thumbnail)
    }

    /// The mean loss over all of the run's data with `finalParameters`, and the share of
    /// examples classified right.
    ///
    /// An example counts as right when, for a softmax output, the largest output is where
    /// the target is largest (the first of equals); for sigmoid outputs, when every output is
    /// on the same side of 0.5 as its target (0.5 itself counting as the upper side). Linear
    /// outputs predict quantities, not classes: their accuracy is `nil`.
    public static func evaluate(run: Run, finalParameters: Parameters) -> (loss: Double, accuracy: Double?) {
        let dataset = run.dataset
        var evaluator = Evaluator(setup: run.setup)
        let loss = evaluator.meanLoss(parameters: finalParameters, dataset: dataset, limit: dataset.count)
        let output = run.setup.output
        guard output == .softmax || output == .sigmoid, dataset.count > 0 else { return (loss, nil) }
        let inputs = dataset.inputCount, outputs = dataset.targetCount
        var prediction: [Double] = []
        var right = 0
        for i in 0..<dataset.count {
            dataset.inputs.withUnsafeBufferPointer { all in
                evaluator.predict(UnsafeBufferPointer(rebasing: all[(i * inputs)..<((i + 1) * inputs)]),
                                  parameters: finalParameters, into: &prediction)
            }
            let target = dataset.targets[(i * outputs)..<((i + 1) * outputs)]
            let correct: Bool
            if output == .softmax {
                correct = argmax(prediction[...]) == argmax(target) - target.startIndex
            } else {
                correct = zip(prediction, target).allSatisfy { ($0 >= 0.5) == ($1 >= 0.5) }
            }
            if correct { right += 1 }
        }
        return (loss, Double(right) / Double(dataset.count))
    }

    /// The index of the first largest value (NaN never wins).
    private static func argmax(_ values: ArraySlice<Double>) -> Int {
        var best = values.startIndex
        for i in values.indices where values[i] > values[best] || values[best].isNaN {
            best = i
        }
        return best
    }
}
