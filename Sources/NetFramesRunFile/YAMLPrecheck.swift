#if canImport(CYaml)
import CYaml
import NetFramesRun
#endif

/// A first pass over a run file's YAML events, before Yams builds its nodes.
///
/// Yams checks every mapping for repeated keys by hashing the keys, and a key that is
/// an alias of a nested alias ("billion laughs") hashes billions of values: composing
/// such a file never ends. This pass counts what aliases expand to, without expanding
/// them, and refuses a file that holds, or whose aliases stand for, more than
/// `maxValues` values, before Yams spends minutes building a node for each.
/// It also finds repeated keys itself, so the message can name the field path and the
/// line of the repeat, which Yams' own check cannot.
///
/// Syntax errors are left to Yams, which reports them with its own words.
enum YAMLPrecheck {
    static func check(_ text: String, file: String, maxValues: Int) throws {
        #if canImport(CYaml)
        guard !text.isEmpty else { return }
        var bytes = Array(text.utf8)
        // libyaml keeps the parser's own address (as its read handler's data) and the
        // input's, so both stay pinned for the whole parse: one pointer each, from closures
        // that enclose every call.
        var parser = yaml_parser_t()
        try bytes.withUnsafeMutableBufferPointer { buffer in
            try withUnsafeMutablePointer(to: &parser) { parser in
                guard yaml_parser_initialize(parser) == 1 else { return }
                defer { yaml_parser_delete(parser) }
                yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
                yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
                var walk = Walk(file: file, maxValues: maxValues)
                while true {
                    var event = yaml_event_t()
                    guard yaml_parser_parse(parser, &event) == 1 else { return }
                    defer { yaml_event_delete(&event) }
                    if event.type == YAML_STREAM_END_EVENT { return }
                    try walk.take(event)
                }
            }
        }
        #endif
    }

    #if canImport(CYaml)
    /// The state of the walk: the collections open around the current event.
    private struct Walk {
        let file: String
        let maxValues: Int
        var stack: [Frame] = []
        /// Values that each anchor stands for, aliases inside it expanded.
        var anchorSizes: [String: Int] = [:]
        /// Values added by aliases so far.
        var aliasValues = 0
        /// Values written out in the file so far.
        var values = 0

        init(file: String, maxValues: Int) {
            self.file = file
            self.maxValues = maxValues
        }

        struct Frame {
            var isMapping: Bool
            var path: String
            var anchor: String?
            /// Values in the collection so far, itself included.
            var size = 1
            /// Entries so far (in a mapping, keys and values both count).
            var count = 0
            /// The key whose value comes next.
            var key: String?
            /// Keys seen, with the line each was first given on.
            var keys: [String: Int] = [:]
        }

        /// The field path of the value an event starts.
        var currentPath: String {
            guard let top = stack.last else { return "" }
            if !top.isMapping { return "\(top.path)[\(top.count)]" }
            if top.count % 2 == 0 { return top.path }
            let key = top.key?.clipped ?? "?"
            return top.path.isEmpty ? key : "\(top.path).\(key)"
        }

        mutating func take(_ event: yaml_event_t) throws {
            let line = Int(event.start_mark.line) + 1
            if event.type == YAML_SCALAR_EVENT || event.type == YAML_SEQUENCE_START_EVENT
                || event.type == YAML_MAPPING_START_EVENT {
                // Before Yams builds a node for each: millions of them take minutes to build.
                values += 1
                if values + aliasValues > maxValues {
                    throw RunFileError(file: file, path: currentPath,
                                       message: "the file has more than \(maxValues) values; NetFrames reads at most "
                                           + "a few million (put large data in a CSV file)",
                                       line: line)
                }
            }
            switch event.type {
            case YAML_SCALAR_EVENT:
                // Only keys are read as text: a file of numbers should not cost a string each.
                let isKey = stack.last.map { $0.isMapping && $0.count % 2 == 0 } ?? false
                let value = isKey ? string(event.data.scalar.value, length: event.data.scalar.length) : nil
                try keyCheck(value, line: line)
                if let anchor = string(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
                finish(size: 1)
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                let size = anchorSizes[name] ?? 1
                aliasValues = aliasValues.addingReportingOverflow(size).overflow ? Int.max : aliasValues + size
                if aliasValues > maxValues {
                    throw RunFileError(
                        file: file, path: currentPath,
                        message: "the alias *\(name.clipped) makes the file stand for more than \(maxValues) values "
                            + "(aliases nested in aliases?); NetFrames reads at most a few million",
                        line: line)
                }
                try keyCheck(nil, line: line)
                finish(size: size)
            case YAML_SEQUENCE_START_EVENT:
                try keyCheck(nil, line: line)
                stack.append(Frame(isMapping: false, path: currentPath, anchor: string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                try keyCheck(nil, line: line)
                stack.append(Frame(isMapping: true, path: currentPath, anchor: string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let done = stack.popLast() else { return }
                if let anchor = done.anchor { anchorSizes[anchor] = done.size }
                finish(size: done.size)
            default:
                break
            }
        }

        /// When the event is a mapping key: remembers it, and refuses a key given twice.
        private mutating func keyCheck(_ key: String?, line: Int) throws {
            guard let top = stack.last, top.isMapping, top.count % 2 == 0 else { return }
            if let key, let first = top.keys[key] {
                let path = top.path.isEmpty ? key.clipped : "\(top.path).\(key.clipped)"
                throw RunFileError(file: file, path: path,
                                   message: "is given twice (first on line \(first)); each key may appear once",
                                   line: line)
            }
            stack[stack.count - 1].key = key
            if let key { stack[stack.count - 1].keys[key] = line }
        }

        /// Counts a finished value into the collection around it.
        private mutating func finish(size: Int) {
            guard !stack.isEmpty else { return }
            let top = stack.count - 1
            let (sum, overflow) = stack[top].size.addingReportingOverflow(size)
            stack[top].size = overflow ? Int.max : sum
            stack[top].count += 1
        }

        private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
            guard let pointer else { return nil }
            if let length {
                return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
            }
            return String(cString: pointer)
        }
    }
    #endif
}
