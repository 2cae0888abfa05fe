import Foundation
import Yams
import NetFramesRun

/// Names for the runs of a sweep: the run file's name followed by one short label per
/// swept value (`xor-lr0.5-seed2`, `spiral-layers2x8x2-hidden-tanh`), readable, stable and
/// fit to be a folder name.
enum SweepNaming {
    /// Short labels for the fields people sweep most; other fields use their last path
    /// component. An empty label means the value alone (`circle` rather than `builtin-circle`).
    static let labels: [String: String] = [
        "training.learningRate": "lr",
        "training.biasLearningRate": "blr",
        "training.iterations": "it",
        "training.epochs": "ep",
        "network.seed": "seed",
        "network.output": "out",
        "data.builtin": "",
        "data.seed": "dataseed",
        "data.samples": "n",
    ]

    /// A value's text cut to this many characters stands for itself in a name; longer ones
    /// (a weight matrix, say) are named by their position in the list instead.
    static let longestValueInName = 24

    /// The label of value number `index` (0-based) of the list swept at `key`.
    static func label(key: String, value: Node, index: Int) -> String {
        let prefix = labels[key] ?? String(key.split(separator: ".").last ?? "")
        var text: String
        switch value {
        case .scalar(let scalar):
            text = folderSafe(scalar.string)
        case .sequence(let items) where items.allSatisfy({ $0.scalar != nil }):
            text = items.map { folderSafe($0.scalar!.string) }.joined(separator: "x")
        default:
            text = ""
        }
        if text.isEmpty || text.count > longestValueInName {
            text = String(index + 1)
        }
        guard !prefix.isEmpty else { return text }
        let joinsDirectly = text.first.map { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" } ?? true
        return joinsDirectly ? prefix + text : prefix + "-" + text
    }

    /// The value as the run file writes it: scalars as typed, lists and mappings in flow style.
    static func text(of node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.string
        case .sequence(let items):
            return "[" + items.map(text(of:)).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            return "{" + mapping.map { "\(text(of: $0.key)): \(text(of: $0.value))" }.joined(separator: ", ") + "}"
        case .alias:
            return "*alias"
        }
    }

    /// The name of combination `index`: `base` and the labels joined by dashes, kept short
    /// enough for every file system (long names are cut and end in the combination's number).
    static func name(base: String, labels: [String], index: Int) -> String {
        let full = ([base] + labels).joined(separator: "-")
        let longest = 200
        guard full.utf8.count > longest else { return full }
        var cut = ""
        for character in full {
            if cut.utf8.count + character.utf8.count > longest - 12 { break }
            cut.append(character)
        }
        return cut + "-\(index + 1)"
    }

    /// `names` made unique, ignoring case (folders named `A` and `a` are one folder on some
    /// systems): a name met again gets `-2`, `-3`… (the first number that no run is named).
    static func unique(_ names: [String]) -> [String] {
        let natural = Set(names.map { $0.lowercased() })
        var used = Set<String>()
        return names.map { name in
            if used.insert(name.lowercased()).inserted { return name }
            var k = 2
            while natural.contains("\(name)-\(k)".lowercased()) || used.contains("\(name)-\(k)".lowercased()) { k += 1 }
            let renamed = "\(name)-\(k)"
            used.insert(renamed.lowercased())
            return renamed
        }
    }

    /// Text made fit for a folder name: letters, digits, `-`, `_`, `.` and `+` kept, anything
    /// else a dash.
    static func folderSafe(_ text: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.+"))
        return String(String.UnicodeScalarView(text.unicodeScalars.map { allowed.contains($0) ? $0 : "-" }))
    }
}
