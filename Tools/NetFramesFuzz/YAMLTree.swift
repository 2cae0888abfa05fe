import Yams

/// A run file as a plain tree the mutator can change and write back out as YAML or
/// JSON text. Only what mutations need is kept: scalars with whether they were
/// written bare, lists and mappings in order (repeated keys allowed).
indirect enum YAMLTree: Equatable, Sendable {
    case scalar(String, bare: Bool)
    case list([YAMLTree])
    case map([(key: YAMLTree, value: YAMLTree)])

    static func == (a: YAMLTree, b: YAMLTree) -> Bool {
        switch (a, b) {
        case let (.scalar(x, p), .scalar(y, q)): return x == y && p == q
        case let (.list(x), .list(y)): return x == y
        case let (.map(x), .map(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The tree of a YAML or JSON text, or `nil` if it is not one document.
    init?(text: String) {
        guard let node = try? Yams.compose(yaml: text) else { return nil }
        self.init(node: node)
    }

    init(node: Node) {
        switch node {
        case .scalar(let s):
            self = .scalar(s.string, bare: s.style == .plain || s.style == .any)
        case .sequence(let s):
            self = .list(s.map(YAMLTree.init(node:)))
        case .mapping(let m):
            self = .map(m.map { (YAMLTree(node: $0.key), YAMLTree(node: $0.value)) })
        case .alias:
            self = .scalar("null", bare: true)
        }
    }

    static func bare(_ s: String) -> YAMLTree { .scalar(s, bare: true) }
    static func quoted(_ s: String) -> YAMLTree { .scalar(s, bare: false) }

    // MARK: Paths

    /// A step from a collection to one of its children.
    enum Step: Equatable {
        case index(Int)
        /// The value of the n-th entry of a mapping.
        case value(Int)
        /// The key of the n-th entry of a mapping.
        case key(Int)
    }

    /// Every node's path, the root's (empty) first, depth first.
    func paths(prefix: [Step] = []) -> [[Step]] {
        var result = [prefix]
        switch self {
        case .scalar: break
        case .list(let items):
            for (i, item) in items.enumerated() { result += item.paths(prefix: prefix + [.index(i)]) }
        case .map(let entries):
            for (i, entry) in entries.enumerated() {
                result += entry.key.paths(prefix: prefix + [.key(i)])
                result += entry.value.paths(prefix: prefix + [.value(i)])
            }
        }
        return result
    }

    subscript(path: [Step]) -> YAMLTree {
        get {
            guard let step = path.first else { return self }
            let rest = Array(path.dropFirst())
            switch (self, step) {
            case let (.list(items), .index(i)): return items[i][rest]
            case let (.map(entries), .value(i)): return entries[i].value[rest]
            case let (.map(entries), .key(i)): return entries[i].key[rest]
            default: return self
            }
        }
        set {
            guard let step = path.first else {
                self = newValue
                return
            }
            let rest = Array(path.dropFirst())
            switch (self, step) {
            case (.list(var items), .index(let i)):
                items[i][rest] = newValue
                self = .list(items)
            case (.map(var entries), .value(let i)):
                entries[i].value[rest] = newValue
                self = .map(entries)
            case (.map(var entries), .key(let i)):
                entries[i].key[rest] = newValue
                self = .map(entries)
            default:
                break
            }
        }
    }

    /// The mapping keys on the way to `path`, outermost first.
    func keys(along path: [Step]) -> [String] {
        var node = self
        var names: [String] = []
        for step in path {
            switch (node, step) {
            case let (.list(items), .index(i)): node = items[i]
            case let (.map(entries), .value(i)):
                if case let .scalar(k, _) = entries[i].key { names.append(k) }
                node = entries[i].value
            case let (.map(entries), .key(i)): node = entries[i].key
            default: return names
            }
        }
        return names
    }

    /// Values in the tree, itself included.
    var size: Int {
        switch self {
        case .scalar: return 1
        case .list(let items): return items.reduce(1) { $0 + $1.size }
        case .map(let entries): return entries.reduce(1) { $0 + $1.key.size + $1.value.size }
        }
    }

    var isCollection: Bool {
        if case .scalar = self { return false }
        return true
    }

    /// Whether a bare scalar reads as a number.
    var isNumber: Bool {
        guard case let .scalar(s, bare) = self, bare else { return false }
        return Double(s) != nil
    }

    // MARK: Writing

    /// The tree as block YAML.
    var yaml: String {
        var out = ""
        writeBlock(into: &out, indent: 0, inList: false)
        if !out.hasSuffix("\n") { out += "\n" }
        return out
    }

    /// The tree as one line of flow text: JSON when every scalar is quoted or a number.
    var flow: String {
        switch self {
        case let .scalar(s, bare): return YAMLTree.scalarText(s, bare: bare, json: true)
        case .list(let items): return "[" + items.map(\.flow).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { entry in
                let key: String
                if case let .scalar(k, _) = entry.key { key = YAMLTree.scalarText(k, bare: false, json: true) } else {
                    key = "? " + entry.key.flow
                }
                return key + ": " + entry.value.flow
            }.joined(separator: ", ") + "}"
        }
    }

    private func writeBlock(into out: inout String, indent: Int, inList: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case let .scalar(s, bare):
            out += YAMLTree.scalarText(s, bare: bare, json: false) + "\n"
        case .list(let items):
            // Short lists of scalars stay on one line, as people write layers and weights.
            if items.isEmpty || items.allSatisfy({ !$0.isCollection }) || items.count > 50 {
                out += flow + "\n"
                return
            }
            out += "\n"
            for item in items {
                out += pad + "- "
                if case .map = item, !item.flow.contains("\n") && item.flow.count < 100 {
                    out += item.flow + "\n"
                } else {
                    item.writeBlock(into: &out, indent: indent + 2, inList: true)
                }
            }
        case .map(let entries):
            if entries.isEmpty {
                out += "{}\n"
                return
            }
            if indent > 0 || inList { out += "\n" }
            for entry in entries {
                let key: String
                if case let .scalar(k, bare) = entry.key {
                    key = YAMLTree.scalarText(k, bare: bare, json: false)
                } else {
                    key = "? " + entry.key.flow + "\n" + pad
                }
                out += pad + key + ": "
                entry.value.writeBlock(into: &out, indent: indent + 2, inList: false)
            }
        }
    }

    /// A scalar's text: bare when it was bare and can be written so, else double-quoted.
    static func scalarText(_ s: String, bare: Bool, json: Bool) -> String {
        if bare && !s.isEmpty && (json ? Double(s) != nil || ["true", "false", "null"].contains(s) : true) {
            return s
        }
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) { return "\"" + s + "\"" }
        var text = "\""
        for unit in s.unicodeScalars {
            switch unit {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if unit.value < 0x20 || unit.value == 0x7F {
                    text += "\\u" + String(repeating: "0", count: 4 - String(unit.value, radix: 16).count)
                        + String(unit.value, radix: 16)
                } else {
                    text.unicodeScalars.append(unit)
                }
            }
        }
        return text + "\""
    }
}
