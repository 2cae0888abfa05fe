import Foundation
import NetFramesExplain
import NetFramesRun
import NetFramesRunFile
import NetFramesTestSupport
import Testing

/// Mazur's run, as examples/two-two-two.yaml gives it.
func mazurRun() throws -> Run {
    try Run.load(path: examplePath("two-two-two.yaml"))
}

/// The derivations of a Markdown worked example: each starts with a `$$` line that
/// states it (`lhs = …`) and goes on over the `$$` lines after it that start with = or +.
/// Keyed by the left side as printed, each with its lines of LaTeX.
func derivations(inMarkdown text: String) -> [(lhs: String, lines: [String])] {
    var result: [(lhs: String, lines: [String])] = []
    let parts = text.components(separatedBy: "$$\n")
    // Between the delimiters: "$$\n" + maths + "\n" + "$$\n", so every odd part is maths.
    for (i, part) in parts.enumerated() where i % 2 == 1 {
        let line = part.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("=") || line.hasPrefix("+"), !result.isEmpty {
            result[result.count - 1].lines.append(line)
        } else if let equals = line.range(of: " = ") {
            result.append((String(line[..<equals.lowerBound]), [line]))
        }
    }
    return result
}

/// The numbers in a line of LaTeX, in order (a leading minus sign included).
func numbers(in latex: String) -> [Double] {
    let pattern = /-?\s*\d+\.\d+/
    return latex.matches(of: pattern).compactMap { Double(String($0.output).replacingOccurrences(of: " ", with: "")) }
}

/// The value a derivation ends with: the last number of its last line.
func finalValue(of lhs: String, in all: [(lhs: String, lines: [String])]) -> Double? {
    guard let derivation = all.first(where: { $0.lhs == lhs }), let last = derivation.lines.last else { return nil }
    return numbers(in: last).last
}

/// Whether `value` prints as `printed` when rounded to as many decimals as `printed` has.
func matches(_ value: Double?, printed: String) -> Bool {
    guard let value, let dot = printed.firstIndex(of: ".") else { return false }
    let decimals = printed.distance(from: dot, to: printed.endIndex) - 1
    return String(format: "%.\(decimals)f", value) == printed
}
