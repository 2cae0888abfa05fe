import Yams
import NetFramesRun

/// A run file's `sweep:` section, read and checked: which fields take which values.
///
/// Each combination is made by putting the chosen values into the parsed YAML tree at
/// their field paths and reading the result with the ordinary reader, so a swept value is
/// checked exactly like a hand-written one.
struct Sweep {
    /// One swept field and the values it takes, in file order.
    struct Axis {
        /// The field path as written, e.g. `training.learningRate`.
        var key: String
        var components: [String]
        /// Where the key is written, for errors about the path itself.
        var keyMark: Mark?
        var values: [Node]
    }

    let file: String
    let axes: [Axis]
    /// The number of combinations: the product of the lists' lengths.
    let runCount: Int

    /// Reads `sweep:` (`node`, whose key sits at `keyMark`) against `base`, the run file's
    /// top-level mapping without it.
    init(_ node: Node, keyMark: Mark?, base: Node, file: String, limits: Limits) throws {
        self.file = file
        let example = "e.g. `training.learningRate: [0.1, 0.5, 2.0]`"
        guard case .mapping(let mapping) = node else {
            throw RunFileError(file: file, path: "sweep",
                               message: "expected a mapping from field paths to lists of values to try, \(example), "
                                   + "found \(Sweep.describe(node, file: file))", line: node.mark?.line ?? keyMark?.line)
        }
        guard !mapping.isEmpty else {
            throw RunFileError(file: file, path: "sweep",
                               message: "has no fields; give field paths with lists of values to try, \(example)",
                               line: keyMark?.line)
        }
        var axes: [Axis] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode, !scalar.string.isEmpty else {
                throw RunFileError(file: file, path: "sweep",
                                   message: "keys must be field paths such as training.learningRate, "
                                       + "found \(Sweep.describe(keyNode, file: file))", line: keyNode.mark?.line)
            }
            let key = scalar.string
            let axis = Axis(key: key, components: key.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
                            keyMark: keyNode.mark, values: [])
            try Sweep.checkKey(axis, file: file, earlier: axes)
            try Sweep.checkPath(axis, base: base, file: file)
            guard case .sequence(let sequence) = value else {
                throw RunFileError(file: file, path: "sweep.\(key.clipped)",
                                   message: "expected a list of values to try, e.g. [0.1, 0.5, 2.0], "
                                       + "found \(Sweep.describe(value, file: file))", line: value.mark?.line ?? keyNode.mark?.line)
            }
            guard !sequence.isEmpty else {
                throw RunFileError(file: file, path: "sweep.\(key.clipped)",
                                   message: "is an empty list; give at least one value to try", line: value.mark?.line)
            }
            axes.append(Axis(key: key, components: axis.components, keyMark: keyNode.mark, values: Array(sequence)))
        }
        var count = 1
        var overflow = false
        for axis in axes {
            let (product, over) = count.multipliedReportingOverflow(by: axis.values.count)
            count = product
            overflow = overflow || over
        }
        if overflow || count > limits.maxSweepRuns {
            let factors = axes.map { String($0.values.count) }.joined(separator: " × ")
            let total = overflow ? "more runs than a computer can count" : "\(count) runs"
            throw RunFileError(file: file, path: "sweep",
                               message: "makes \(total) (\(factors)); the limit is \(limits.maxSweepRuns) runs "
                                   + "(raise it with --allow-large)", line: keyMark?.line)
        }
        self.axes = axes
        runCount = count
    }

    /// The value chosen for each axis in combination `index` (0-based): the first axis
    /// changes slowest, the last fastest.
    func choice(_ index: Int) -> [Int] {
        var rest = index
        var picks = Array(repeating: 0, count: axes.count)
        for a in axes.indices.reversed() {
            picks[a] = rest % axes[a].values.count
            rest /= axes[a].values.count
        }
        return picks
    }

    /// `base` with the values of combination `picks` put in place.
    func tree(_ base: Node, picks: [Int]) -> Node {
        var tree = base
        for (axis, pick) in zip(axes, picks) {
            tree = Sweep.replacing(in: tree, at: axis.components[...], with: axis.values[pick], keyMark: axis.keyMark)
        }
        return tree
    }

    /// A mistake found while reading combination `picks`, said in terms of the sweep when
    /// it lies in a swept value or in a swept path; otherwise naming the run it happened in.
    func explain(_ error: RunFileError, picks: [Int], runName: String) -> RunFileError {
        var explained = error
        if error.file == file {
            for (axis, pick) in zip(axes, picks) {
                let key = axis.key
                if error.path.hasPrefix(key + ".") || error.path.hasPrefix(key + "[") {
                    // Inside a swept list or mapping: sweep.network.layers[1][2].
                    explained.path = "sweep.\(key)[\(pick)]" + error.path.dropFirst(key.count)
                    return explained
                }
                // `mapping(allowed:)` reports a key it does not know by its path; when that is
                // the swept path or part of it, the path itself is wrong, whatever the value.
                if (error.path == key || key.hasPrefix(error.path + ".")) && error.message.hasPrefix("unknown key") {
                    explained.path = "sweep.\(key)"
                    explained.line = axis.keyMark?.line ?? error.line
                    return explained
                }
                if error.path == key {
                    explained.path = "sweep.\(key)[\(pick)]"
                    return explained
                }
            }
        }
        explained.message += " (in the sweep's run \(runName))"
        return explained
    }

    // MARK: Checks

    /// Refuses keys that are not dotted field names, that sweep what cannot be swept, or
    /// that overlap an earlier key.
    private static func checkKey(_ axis: Axis, file: String, earlier: [Axis]) throws {
        let key = axis.key
        func refuse(_ message: String) -> RunFileError {
            RunFileError(file: file, path: "sweep.\(key.clipped)", message: message, line: axis.keyMark?.line)
        }
        if key.contains("[") || key.contains("]") {
            throw refuse("list elements cannot be swept one at a time; sweep the whole list, "
                + "e.g. `network.layers: [[2, 3, 1], [2, 5, 1]]`")
        }
        let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        guard axis.components.allSatisfy({ !$0.isEmpty && $0.allSatisfy(nameCharacters.contains) }) else {
            throw refuse("is not a field path; write the section and field joined by dots, e.g. training.learningRate")
        }
        switch axis.components[0] {
        case "name":
            throw refuse("cannot be swept: each run is named after the file's name and its swept values")
        case "sweep":
            throw refuse("cannot be swept; sweep the fields of the other sections")
        default:
            break
        }
        for other in earlier where key.hasPrefix(other.key + ".") || other.key.hasPrefix(key + ".") {
            throw refuse("overlaps sweep.\(other.key.clipped); sweep either a whole section or fields of it, not both")
        }
    }

    /// Refuses a path that runs through a value of the file that is not a section with
    /// fields (`network.layers.size` when `layers` is a list). Missing sections and fields
    /// are fine: they are created; the reader then checks that the names are known.
    private static func checkPath(_ axis: Axis, base: Node, file: String) throws {
        var node = base
        for depth in 0..<(axis.components.count - 1) {
            guard case .mapping(let mapping) = node,
                  let child = mapping.first(where: { $0.key.scalar?.string == axis.components[depth] })?.value else {
                return
            }
            guard case .mapping = child else {
                let through = axis.components[0...depth].joined(separator: ".")
                throw RunFileError(file: file, path: "sweep.\(axis.key.clipped)",
                                   message: "\(through) is \(describe(child, file: file)) in this file, not a section with "
                                       + "fields; sweep \(through) as a whole", line: axis.keyMark?.line)
            }
            node = child
        }
    }

    // MARK: Tree editing

    /// `node` with the value at `path` set to `value`, creating mappings (and keys marked
    /// at `keyMark`, the sweep key's place) where the path is absent.
    static func replacing(in node: Node?, at path: ArraySlice<String>, with value: Node, keyMark: Mark?) -> Node {
        guard let first = path.first else { return value }
        let rest = path.dropFirst()
        if case .mapping(var mapping)? = node {
            if let i = mapping.firstIndex(where: { $0.key.scalar?.string == first }) {
                let entry = mapping[i]
                mapping[i] = (key: entry.key, value: replacing(in: entry.value, at: rest, with: value, keyMark: keyMark))
                return .mapping(mapping)
            }
            let entry = (newKey(first, mark: keyMark), replacing(in: nil, at: rest, with: value, keyMark: keyMark))
            return .mapping(Node.Mapping(mapping.map { ($0.key, $0.value) } + [entry], mapping.tag, mapping.style, mapping.mark))
        }
        let entry = (newKey(first, mark: keyMark), replacing(in: nil, at: rest, with: value, keyMark: keyMark))
        return .mapping(Node.Mapping([entry], .implicit, .block, keyMark))
    }

    private static func newKey(_ name: String, mark: Mark?) -> Node {
        .scalar(Node.Scalar(name, .implicit, .plain, mark))
    }

    /// What a person would call `node` ("a list of 3", "'tanh'").
    static func describe(_ node: Node, file: String) -> String {
        RunFileNode(node: node, path: "", file: file, budget: VisitBudget(limit: 1)).kindDescription
    }
}
