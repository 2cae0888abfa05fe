import Foundation
import NetFramesFiles

/// The summary of a batch: every run's settings and results side by side, as a
/// spreadsheet (CSV), as JSON, as a web page and as a contact sheet of final frames.
public enum BatchSummary {
    /// The files `write` makes, in the order it writes them.
    public static let fileNames = ["summary.csv", "summary.json", "index.html", "contact-sheet.png"]

    /// One row per run, in the order given, after a header row: `name`, `runFile`, each
    /// sweep key as a column (in the order the keys first appear; empty for a run that does
    /// not sweep it), then `layers`, `hidden`, `output`, `loss`, `learningRate`,
    /// `iterations`, `seed`, `finalLoss`, `accuracy`, `diverged`, `frames`.
    ///
    /// RFC 4180: rows end in CRLF; a field holding a comma, a quote or a line break is
    /// quoted, its quotes doubled. Numbers are in their shortest form that reads back
    /// exactly; a missing value is an empty field.
    public static func csv(_ outcomes: [RunOutcome]) -> String {
        let keys = sweepKeys(outcomes)
        var rows: [[String]] = [["name", "runFile"] + keys + ["layers", "hidden", "output", "loss", "learningRate",
                                                             "iterations", "seed", "finalLoss", "accuracy", "diverged",
                                                             "frames"]]
        for outcome in outcomes {
            let swept = Dictionary(outcome.settings.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            rows.append([outcome.name, outcome.runFile] + keys.map { swept[$0] ?? "" } + [
                layersText(outcome.layers), outcome.hidden, outcome.output, outcome.loss,
                outcome.learningRate.description, String(outcome.iterations), outcome.seed.map(String.init) ?? "",
                outcome.finalLoss?.description ?? "", outcome.accuracy?.description ?? "", outcome.diverged ?? "",
                String(outcome.frames),
            ])
        }
        return rows.map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// The outcomes as one JSON document: `format` ("netframes-batch-summary"), `version`,
    /// and `runs`, a list of objects with the same fields as each run's `outcome.json`.
    public static func json(_ outcomes: [RunOutcome]) -> String {
        var j = JSONText()
        j.raw("{\n  ")
        j.key("format"); j.string("netframes-batch-summary"); j.raw(",\n  ")
        j.key("version"); j.integer(1); j.raw(",\n  ")
        j.key("runs"); j.raw("[")
        for (i, outcome) in outcomes.enumerated() {
            j.raw(i == 0 ? "\n    {" : ",\n    {")
            outcome.writeFields(into: &j, separator: ", ")
            j.raw("}")
        }
        j.raw(outcomes.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return String(decoding: j.bytes, as: UTF8.self)
    }

    /// Writes summary.csv, summary.json, index.html and contact-sheet.png into `folder`, atomically.
    ///
    /// Everything is made before anything is written, and each file is written under a
    /// temporary name and renamed when complete, so a failure leaves no half-written file.
    /// The contact sheet reads the runs' thumbnails from `folder`.
    ///
    /// - Returns: the names of the files written, relative to `folder` (`fileNames`).
    /// - Throws: `NetFramesError` when a file cannot be written, `GraphicsError` when the contact
    ///   sheet cannot be drawn.
    @discardableResult
    public static func write(_ outcomes: [RunOutcome], to folder: String, title: String) throws -> [String] {
        let contents: [[UInt8]] = [
            Array(csv(outcomes).utf8),
            Array(json(outcomes).utf8),
            Array(indexHTML(outcomes, title: title).utf8),
            try contactSheet(outcomes, folder: folder, title: title),
        ]
        for (name, bytes) in zip(fileNames, contents) {
            try AtomicFileWriter.write(bytes, to: folder + "/" + name)
        }
        return fileNames
    }

    // MARK: Helpers

    /// The sweep keys of all outcomes, in the order they first appear.
    static func sweepKeys(_ outcomes: [RunOutcome]) -> [String] {
        var seen = Set<String>()
        return outcomes.flatMap { $0.settings.map(\.key) }.filter { seen.insert($0).inserted }
    }

    /// Layers as a run file writes them: `[2, 3, 1]`.
    static func layersText(_ layers: [Int]) -> String {
        "[" + layers.map(String.init).joined(separator: ", ") + "]"
    }

    /// A CSV field, quoted when RFC 4180 requires it.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
