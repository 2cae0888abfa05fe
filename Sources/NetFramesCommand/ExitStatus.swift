import ArgumentParser

/// The exit codes of `netframes`, documented in the README.
enum ExitStatus {
    /// A run file, or a file it names, is wrong.
    static let badInput = ExitCode(65)
    /// Training stopped because it diverged (the loss or a weight stopped being finite).
    static let diverged = ExitCode(70)
    /// An output file or folder could not be written.
    static let cannotWrite = ExitCode(73)
    /// `assemble` found frames or runs missing: a shard did not finish and must run again.
    static let incomplete = ExitCode(75)
}
