import Foundation
import Yams
import NetFramesRun

extension RunFile {
    /// Every run a file describes: one when it has no `sweep:`, one per combination of the
    /// swept values otherwise (first key slowest, in file order).
    ///
    /// - Parameters:
    ///   - path: the file, as the user named it (messages repeat it as given).
    ///   - limits: the largest sizes accepted, including `maxSweepRuns`.
    /// - Throws: `RunFileError` naming the file, the field (`sweep.training.learningRate[2]`
    ///   for a swept value) and what is allowed. Every combination is checked before any is
    ///   returned.
    public static func loadRuns(path: String, limits: Limits = Limits()) throws -> [SweepRun] {
        let text = try readText(path)
        return try parseRuns(text, file: path, directory: URL(fileURLWithPath: path).deletingLastPathComponent(),
                             limits: limits)
    }

    /// Every run the text of a run file describes; see `loadRuns(path:limits:)`.
    ///
    /// - Parameters:
    ///   - text: YAML or JSON.
    ///   - file: the name to use in messages and for the default run name.
    ///   - directory: where relative paths in the file (a CSV, say) start from.
    public static func parseRuns(_ text: String, file: String, directory: URL,
                                 limits: Limits = Limits()) throws -> [SweepRun] {
        let root = try compose(text, file: file)
        guard case .mapping(let top) = root,
              let sweepIndex = top.firstIndex(where: { $0.key.scalar?.string == "sweep" }) else {
            let run = try read(root, file: file, directory: directory, limits: limits)
            return [SweepRun(name: run.name, run: run, settings: [])]
        }
        let sweepEntry = top[sweepIndex]
        var pairs = top.map { ($0.key, $0.value) }
        pairs.remove(at: sweepIndex)
        let base = Node.mapping(Node.Mapping(pairs, top.tag, top.style, top.mark))
        let sweep = try Sweep(sweepEntry.value, keyMark: sweepEntry.key.mark, base: base, file: file, limits: limits)

        let csvCache = CSVCache()
        var runs: [SweepRun] = []
        runs.reserveCapacity(sweep.runCount)
        for index in 0..<sweep.runCount {
            let picks = sweep.choice(index)
            let labels = zip(sweep.axes, picks).map { axis, pick in
                SweepNaming.label(key: axis.key, value: axis.values[pick], index: pick)
            }
            var run: RunFile
            do {
                run = try read(sweep.tree(base, picks: picks), file: file, directory: directory, limits: limits,
                               csvCache: csvCache)
            } catch let error as RunFileError {
                let name = SweepNaming.name(base: baseName(of: base, file: file), labels: labels, index: index)
                throw sweep.explain(error, picks: picks, runName: name)
            }
            let settings = zip(sweep.axes, picks).map { axis, pick in
                SweepSetting(key: axis.key, value: SweepNaming.text(of: axis.values[pick]))
            }
            run.name = SweepNaming.name(base: run.name, labels: labels, index: index)
            runs.append(SweepRun(name: run.name, run: run, settings: settings))
        }
        let names = SweepNaming.unique(runs.map(\.name))
        for i in runs.indices where runs[i].name != names[i] {
            runs[i].name = names[i]
            runs[i].run.name = names[i]
        }
        return runs
    }

    /// The run name a file gives before any label, for messages about a run that could not be read.
    private static func baseName(of base: Node, file: String) -> String {
        if case .mapping(let top) = base, let name = top["name"]?.scalar?.string, !name.isEmpty {
            return name
        }
        return RunFileReader.folderSafe(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
    }
}
