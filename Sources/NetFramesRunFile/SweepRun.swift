import NetFramesRun
/// One swept field's value in one run of a sweep: `training.learningRate` = `0.5`.
public struct SweepSetting: Sendable, Hashable {
    /// The field path, as written under `sweep:` (e.g. `training.learningRate`).
    public var key: String
    /// The value as the run file writes it (`0.5`, `tanh`, `[2, 3, 1]`).
    public var value: String

    /// The value `value` of the field at `key`.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One run a run file describes: the only one of a file without `sweep:`, or one
/// combination of the swept values.
public struct SweepRun: Sendable {
    /// The run's name, unique among the file's runs and fit to be a folder name: the
    /// run file's name followed by a short label per swept value (`xor-lr0.5-seed2`).
    /// The same as `run.name`.
    public var name: String
    /// The run, checked exactly as if its values had been written in the file by hand.
    public var run: RunFile
    /// The swept values of this run, in the order of the `sweep:` keys; empty without a sweep.
    public var settings: [SweepSetting]

    /// A run named `name` with these swept values.
    public init(name: String, run: RunFile, settings: [SweepSetting]) {
        self.name = name
        self.run = run
        self.settings = settings
    }
}
