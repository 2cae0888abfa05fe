import Foundation
import NetFramesEngine
import NetFramesRun

extension RunFileReader {
    /// Reads `data:`: a list of examples, `{csv: FILE}` or `{builtin: NAME, …}`.
    func readData(_ node: RunFileNode, shape: NetworkShape) throws -> (Dataset, DataSource) {
        let inputs = shape.inputCount, outputs = shape.outputCount
        if case .sequence = node.node {
            let items = try node.list()
            guard !items.isEmpty else { throw node.error("has no examples; give at least one {input: […], target: […]}") }
            guard items.count <= limits.maxExamples else {
                throw node.error("has \(items.count) examples; the limit is \(limits.maxExamples)")
            }
            let examples = try items.map { item -> Example in
                let f = try item.mapping(allowed: ["input", "target"])
                guard let input = f["input"] else {
                    throw item.error("needs `input`, a list of \(inputs) number\(inputs == 1 ? "" : "s")")
                }
                guard let target = f["target"] else {
                    throw item.error("needs `target`, a list of \(outputs) number\(outputs == 1 ? "" : "s")")
                }
                return Example(
                    input: try input.numbers(count: inputs, why: "network.layers[0] is \(inputs)"),
                    target: try target.numbers(count: outputs, why: "the output layer has \(outputs) neuron\(outputs == 1 ? "" : "s")"))
            }
            return (Dataset(examples: examples), .inline)
        }
        guard case .mapping = node.node else {
            throw node.error("expected a list of examples, {csv: FILE} or {builtin: NAME}, found \(node.kindDescription)")
        }
        let f = try node.mapping(allowed: ["csv", "builtin", "samples", "seed", "noise"])
        switch (f["csv"], f["builtin"]) {
        case (let csv?, nil):
            for key in ["samples", "seed", "noise"] where f[key] != nil {
                throw f[key]!.error("applies to built-in sets only, not to a CSV file")
            }
            let path = try csv.string()
            let key = CSVCache.Key(path: path, inputs: inputs, outputs: outputs)
            let dataset = try csvCache?.datasets[key]
                ?? Dataset(examples: readCSV(path, node: csv, inputs: inputs, outputs: outputs))
            csvCache?.datasets[key] = dataset
            return (dataset, .csv(path: path))
        case (nil, let builtin?):
            let set = try builtin.choice(of: BuiltinDataset.self)
            guard set.inputCount == inputs, set.targetCount == outputs else {
                throw builtin.error("'\(set.rawValue)' has \(set.inputCount) inputs and \(set.targetCount) target\(set.targetCount == 1 ? "" : "s"), "
                    + "but network.layers \(shape.layers) has \(inputs) input\(inputs == 1 ? "" : "s") and \(outputs) output\(outputs == 1 ? "" : "s")")
            }
            if let fixed = set.fixedCount {
                let what = set == .digits ? "the 1,797 digits NetFrames ships" : "its four corners"
                for key in ["samples", "seed", "noise"] where f[key] != nil {
                    throw f[key]!.error("'\(set.rawValue)' is always \(what); \(key) applies to circle, gaussians, spiral and blobs")
                }
                guard fixed <= limits.maxExamples else {
                    throw builtin.error("'\(set.rawValue)' has \(fixed) examples; the limit is \(limits.maxExamples)")
                }
            }
            let samples = try f["samples"]?.integer(in: 2...min(1_000_000, limits.maxExamples)) ?? 200
            let seed = try f["seed"]?.seed() ?? 1
            let noise = try f["noise"]?.number(in: 0...10, allowed: "a number from 0 to 10") ?? 0
            let examples: [Example]
            do {
                examples = try set.load(samples: samples, seed: seed, noise: noise)
            } catch {
                throw builtin.error("'\(set.rawValue)' cannot be read: \(error)")
            }
            return (Dataset(examples: examples),
                    .builtin(set, samples: set.fixedCount ?? samples, seed: seed, noise: noise))
        case (nil, nil):
            throw node.error("needs `csv: FILE` or `builtin: NAME` (one of \(BuiltinDataset.allCases.map(\.rawValue).joined(separator: ", ")))")
        case (_?, let builtin?):
            throw builtin.error("give either csv or builtin, not both")
        }
    }

    /// Reads a CSV file of examples: each row the inputs then the targets; a first row
    /// that is not all numbers is taken as a header.
    private func readCSV(_ path: String, node: RunFileNode, inputs: Int, outputs: Int) throws -> [Example] {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        guard let data = try? Data(contentsOf: url) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw node.error("cannot read \(url.path.clippedPath) (\(exists ? "permission denied or a folder" : "no such file"))")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw node.error("\(path.clippedPath) is not UTF-8 text; a CSV file is text")
        }
        // Spreadsheets often start their UTF-8 with a byte order mark; it is not part of the first cell.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Messages name the CSV file the way the user can find it: beside the run file.
        let runFolder = (file as NSString).deletingLastPathComponent
        let shown = path.hasPrefix("/") || runFolder.isEmpty ? path : (runFolder as NSString).appendingPathComponent(path)
        let width = inputs + outputs
        var examples: [Example] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\""))) }
            let numbers = cells.map { Double($0) }
            if examples.isEmpty && numbers.contains(where: { $0 == nil }) && lineNumber == firstContentLine(text) {
                continue  // a header
            }
            guard cells.count == width else {
                throw RunFileError(file: shown, path: "line \(lineNumber)",
                                   message: "expected \(width) values (\(inputs) input\(inputs == 1 ? "" : "s") then \(outputs) target\(outputs == 1 ? "" : "s"), "
                                       + "as network.layers in \(file) says), found \(cells.count)")
            }
            var values: [Double] = []
            values.reserveCapacity(width)
            for (column, value) in numbers.enumerated() {
                guard let value, value.isFinite else {
                    throw RunFileError(file: shown, path: "line \(lineNumber), column \(column + 1)",
                                       message: "expected a finite number, found \"\(cells[column].clipped)\"")
                }
                values.append(value)
            }
            examples.append(Example(input: Array(values[0..<inputs]), target: Array(values[inputs...])))
            if examples.count > limits.maxExamples {
                throw RunFileError(file: shown, path: "", message: "has more than \(limits.maxExamples) examples")
            }
        }
        guard !examples.isEmpty else {
            throw RunFileError(file: shown, path: "", message: "has no examples (rows of \(width) numbers)")
        }
        return examples
    }

    private func firstContentLine(_ text: String) -> Int {
        var n = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            n += 1
            let t = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty && !t.hasPrefix("#") { return n }
        }
        return n
    }
}

/// The examples of the CSV files read so far for one run file's sweep: each combination
/// names the same file, which is read and checked once.
final class CSVCache {
    struct Key: Hashable {
        var path: String
        var inputs: Int
        var outputs: Int
    }

    var datasets: [Key: Dataset] = [:]
}
