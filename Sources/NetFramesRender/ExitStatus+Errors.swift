import NetFramesEngine
import NetFramesFiles
import NetFramesGraphics
import NetFramesRun
import NetFramesVideo

// The exit status each error of the lower modules stops `netframes` with. Those modules
// know nothing of processes, so their errors gain it here, where rendering meets them.

extension TrainingError: ExitStatusError {
    /// 70: training diverged.
    public var exitStatus: Int32 { 70 }
}

extension LimitError: ExitStatusError {
    /// 65: the run asks for more than the limits allow.
    public var exitStatus: Int32 { 65 }
}

extension RenderInterrupted: ExitStatusError {
    /// 128 + the signal, as a shell reports a process the signal stopped.
    public var exitStatus: Int32 { 128 + signal }
}

extension ManifestAssembly.Missing: ExitStatusError {
    /// 75: shards have not finished; run them again.
    public var exitStatus: Int32 { 75 }
}

extension ShardError: ExitStatusError {
    /// 64: a command-line mistake.
    public var exitStatus: Int32 { 64 }
}

extension VideoError: ExitStatusError {
    /// 73 when the video's place cannot be written, else 1.
    public var exitStatus: Int32 { isOutputFailure ? 73 : 1 }
}

extension GraphicsError: ExitStatusError {
    /// 1: drawing failed.
    public var exitStatus: Int32 { 1 }
}
