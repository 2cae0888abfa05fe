import Foundation

/// A progress bar on standard error for renders longer than about a second: frames
/// done of all, frames per second, time left. Silent when standard error is not a
/// terminal, or when asked to be quiet.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private var shown = false
    private var lastDraw = Date.distantPast

    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed > 1, now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = now
        shown = true
        let width = 28
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let filled = Int(fraction * Double(width))
        let rate = Double(done) / max(elapsed, 1e-6)
        let left = rate > 0 && total > done ? Double(total - done) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %d/%d frames  %.1f frames/s  %@ left ", bar, done, total, rate, ProgressBar.clock(left))
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        shown = false
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
