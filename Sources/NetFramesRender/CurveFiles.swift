import NetFramesEngine
import NetFramesFiles

/// The training curves a render writes beside its output, one CSV per run
/// (`iteration,loss,accuracy`, see `TrainingCurve.csv`).
///
/// Names: `curves.csv` in a folder of frames (stills, a PDF, an `--animate` sequence);
/// `NAME.curves.csv` beside a video or page `NAME.mp4`/`NAME.html`, so several outputs
/// can share a folder. A comparison's other runs get `curves.2.csv`, `curves.3.csv`, …
/// (`NAME.curves.2.csv`, …) in the order they were given.
///
/// A render writes the curves when its training reached the run's end (or diverged,
/// the curve then ending there). A shard that stops early writes none: the shard that
/// draws the last frame trains the whole run and writes the same bytes a render
/// without shards writes.
enum CurveFiles {
    /// The file names for a render's `count` runs: for a folder of frames, or beside the file `name`.
    static func names(count: Int, beside name: String?) -> [String] {
        let stem = name.map { $0 + ".curves" } ?? "curves"
        return (0..<count).map { $0 == 0 ? stem + ".csv" : stem + ".\($0 + 1).csv" }
    }

    /// Writes `result`'s curves into `folder` under `names(…)`, atomically, when its
    /// training went to the end or diverged; returns the names written.
    static func write(_ result: PipelineResult, folder: String, beside name: String?) throws -> [String] {
        guard result.reachedEnd || result.divergence != nil, !result.curves.isEmpty else { return [] }
        let names = names(count: result.curves.count, beside: name)
        for (curve, file) in zip(result.curves, names) {
            try AtomicFileWriter.write(Array(curve.csv.utf8), to: folder + "/" + file)
        }
        return names
    }
}
