import NetFramesEngine

/// After a render told to go on through divergence: says where training diverged.
func warnIfDiverged(_ log: DivergenceLog?) {
    guard let error = log?.first else { return }
    note("warning: \(error); the frames from there show NaN and ∞, as --keep-diverged asked")
}
