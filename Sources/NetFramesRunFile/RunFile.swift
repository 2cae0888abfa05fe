import NetFramesRun

/// A run as read from a run file: the same value as `Run`, under the name the run-file
/// reader's functions (`RunFile.load(path:)`, `RunFile.parse(_:file:directory:)`) have
/// always had.
public typealias RunFile = Run
