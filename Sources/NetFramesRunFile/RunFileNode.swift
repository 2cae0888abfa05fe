import Yams
import NetFramesRun

/// A value of a parsed run file together with where it came from, so every check can
/// name the file, the field path and the line when it fails.
struct RunFileNode {
    let node: Node
    let path: String
    let file: String
    /// Shared count of the nodes visited, so a document that expands hugely through
    /// aliases is refused instead of walked for ever.
    let budget: VisitBudget

    var line: Int? { node.mark.map(\.line) }

    func error(_ message: String) -> RunFileError {
        RunFileError(file: file, path: path, message: message, line: line)
    }

    /// What a person would call this value, for "expected X, found Y" messages.
    var kindDescription: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence(let s): return "a list of \(s.count)"
        case .alias: return "an alias"
        case .scalar(let s):
            if s.style == .singleQuoted || s.style == .doubleQuoted { return "the text \"\(s.string.clipped)\"" }
            if node.null != nil { return "nothing (null)" }
            return "'\(s.string.clipped)'"
        }
    }

    private func child(_ node: Node, path: String) throws -> RunFileNode {
        try budget.spend(file: file, path: path)
        return RunFileNode(node: node, path: path, file: file, budget: budget)
    }

    // MARK: Mappings

    /// The entries of a mapping, after checking that every key is one of `allowed`.
    func mapping(allowed: [String]) throws -> [String: RunFileNode] {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", ")), found \(kindDescription)")
        }
        var result: [String: RunFileNode] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw error("keys must be plain names, found \(RunFileNode(node: keyNode, path: path, file: file, budget: budget).kindDescription)")
            }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard allowed.contains(key) else {
                var message = "unknown key '\(key.clipped)'"
                if let guess = closest(to: key, in: allowed) { message += " (did you mean '\(guess)'?)" }
                message += "; allowed here: \(allowed.joined(separator: ", "))"
                let shownPath = path.isEmpty ? key.clipped : "\(path).\(key.clipped)"
                throw RunFileError(file: file, path: shownPath, message: message, line: keyNode.mark?.line)
            }
            result[key] = try child(value, path: childPath)
        }
        return result
    }

    /// Whether this is a mapping with `key` (read after `mapping(allowed:)` has checked it).
    func has(_ key: String) -> Bool {
        guard case .mapping(let mapping) = node else { return false }
        return mapping.keys.contains { $0.scalar?.string == key }
    }

    // MARK: Sequences

    /// The elements of a list.
    func list() throws -> [RunFileNode] {
        guard case .sequence(let sequence) = node else {
            throw error("expected a list, found \(kindDescription)")
        }
        return try sequence.enumerated().map { try child($1, path: "\(path)[\($0)]") }
    }

    /// A list of exactly `count` finite numbers; `why` explains the count in the message.
    func numbers(count: Int, why: String) throws -> [Double] {
        guard case .sequence(let sequence) = node else {
            throw error("expected a list of \(count) number\(count == 1 ? "" : "s") (\(why)), found \(kindDescription)")
        }
        guard sequence.count == count else {
            throw error("expected \(count) number\(count == 1 ? "" : "s") (\(why)), found \(sequence.count)")
        }
        return try list().map { try $0.number() }
    }

    // MARK: Scalars

    private var plainScalar: Node.Scalar? {
        guard case .scalar(let s) = node, s.style != .singleQuoted, s.style != .doubleQuoted else { return nil }
        return s
    }

    /// Whether this is a number in quotes, which YAML reads as text.
    private var quotedNumber: Bool {
        guard case .scalar(let s) = node, s.style == .singleQuoted || s.style == .doubleQuoted else { return false }
        return Double(s.string) != nil
    }

    /// A finite number.
    func number() throws -> Double {
        guard let scalar = plainScalar, node.null == nil, node.bool == nil else {
            if quotedNumber {
                throw error("expected a number, found \(kindDescription); write it without quotes")
            }
            throw error("expected a number, found \(kindDescription)")
        }
        guard let value = node.float ?? Double(scalar.string) else {
            throw error("expected a number, found \(kindDescription)")
        }
        guard value.isFinite else {
            throw error("expected a finite number, found \(scalar.string.clipped)")
        }
        return value
    }

    /// A number in `range` (closed), described in messages as `allowed`.
    func number(in range: ClosedRange<Double>, allowed: String) throws -> Double {
        let value = try number()
        // Repeat the number as written: 0 rather than 0.0, 1e7 rather than 10000000.0.
        guard range.contains(value) else {
            throw error("must be \(allowed), found \(node.scalar?.string.clipped ?? "\(value)")")
        }
        return value
    }

    /// A whole number in `range`.
    func integer(in range: ClosedRange<Int>, allowed: String? = nil) throws -> Int {
        let description = allowed ?? "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard let scalar = plainScalar, node.bool == nil, node.null == nil else {
            throw error("expected \(description), found \(kindDescription)\(quotedNumber ? "; write it without quotes" : "")")
        }
        let value: Int
        if let exact = Int(scalar.string) {
            value = exact
        } else if let d = node.float, d.isFinite, d.rounded() == d, abs(d) < 9.0e15 {
            value = Int(d)
        } else if let d = node.float ?? Double(scalar.string), d.isFinite, d.rounded() == d {
            throw error("must be \(description), found \(scalar.string.clipped)")
        } else {
            throw error("expected \(description), found \(kindDescription)")
        }
        guard range.contains(value) else { throw error("must be \(description), found \(value)") }
        return value
    }

    /// A seed: a whole number from 0 to 2⁶⁴ − 1.
    func seed() throws -> UInt64 {
        guard let scalar = plainScalar, let value = UInt64(scalar.string) else {
            throw error("expected a seed (a whole number from 0 to 18446744073709551615), found \(kindDescription)")
        }
        return value
    }

    /// `true` or `false`.
    func boolean() throws -> Bool {
        guard plainScalar != nil, let value = node.bool else {
            throw error("expected true or false, found \(kindDescription)")
        }
        return value
    }

    /// A non-empty string.
    func string() throws -> String {
        guard case .scalar(let s) = node, node.null == nil || s.style != .plain else {
            throw error("expected text, found \(kindDescription)")
        }
        guard !s.string.isEmpty else { throw error("must not be empty") }
        return s.string
    }

    /// A non-empty line of at most `maxLength` characters, without control characters:
    /// text drawn on a frame, or a font's name.
    func line(maxLength: Int, what: String) throws -> String {
        let text = try string()
        guard text.count <= maxLength, !text.unicodeScalars.contains(where: \.isUnprintable) else {
            throw error("must be \(what): one line of at most \(maxLength) characters, found \"\(text.clipped)\""
                + (text.count > maxLength ? " (\(text.count) characters)" : ""))
        }
        return text
    }

    /// One of the raw values of a string enum.
    ///
    /// - Parameter elsewhere: said of a value of the enum that `allowed` leaves out, to tell
    ///   where it belongs (e.g. "is for the output layer only").
    func choice<T: RawRepresentable & CaseIterable>(of type: T.Type, allowed: [T]? = nil,
                                                    elsewhere: String? = nil) throws -> T
        where T.RawValue == String {
        let choices = (allowed ?? Array(T.allCases)).map(\.rawValue)
        guard case .scalar(let s) = node, let value = T(rawValue: s.string), choices.contains(s.string) else {
            var message = "expected one of \(choices.joined(separator: ", ")), found \(kindDescription)"
            if case .scalar(let s) = node, T(rawValue: s.string) != nil, let elsewhere {
                message += "; \(s.string) \(elsewhere)"
            } else if case .scalar(let s) = node, let guess = closest(to: s.string, in: choices) {
                message += " (did you mean '\(guess)'?)"
            }
            throw error(message)
        }
        return value
    }
}

/// Counts nodes visited while reading one file.
final class VisitBudget {
    private var remaining: Int
    init(limit: Int) { remaining = limit }

    func spend(file: String, path: String) throws {
        remaining -= 1
        if remaining < 0 {
            throw RunFileError(file: file, path: path,
                               message: "the file has too many values (aliases that expand hugely?); "
                                   + "NetFrames reads at most a few million")
        }
    }
}

/// The allowed word nearest to `word` by edit distance, if it is near enough to be a typo.
func closest(to word: String, in candidates: [String]) -> String? {
    // A word far longer than every candidate is no typo of one (and not worth the work).
    guard word.utf8.count <= 2 * (candidates.map(\.count).max() ?? 0) + 2 else { return nil }
    let w = Array(word.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
        let c = Array(candidate.lowercased())
        var row = Array(0...c.count)
        for i in 1...max(1, w.count) where !w.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(1, c.count) where !c.isEmpty {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (w[i - 1] == c[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        let distance = row[c.count]
        if distance <= max(2, c.count / 3), distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}

extension String {
    /// The string cut to a length fit for an error message, and made safe to print.
    var clipped: String {
        // Only the start can be shown: a long string is not looked at beyond it.
        let pieces = String(prefix(61)).printablePieces
        guard pieces.count > 60 || pieces.contains(where: { $0.count > 1 }) else { return self }
        return Self.fit(pieces, in: 60, fromEnd: false)
    }

    /// A path cut to a length fit for an error message, keeping its end (the file's name).
    var clippedPath: String {
        let pieces = String(suffix(161)).printablePieces
        return Self.fit(pieces, in: 160, fromEnd: true, cut: count > 161)
    }

    /// Each character as it is shown in a message: itself, or a visible escape (`\n`,
    /// `\t`, `\r`, `<U+202E>`) for what would break a one-line message or reorder a
    /// terminal's text.
    private var printablePieces: [String] {
        map { character in
            guard character.unicodeScalars.contains(where: \.isUnprintable) else { return String(character) }
            var piece = ""
            for scalar in character.unicodeScalars {
                switch scalar {
                case "\n": piece += "\\n"
                case "\t": piece += "\\t"
                case "\r": piece += "\\r"
                case _ where scalar.isUnprintable:
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    piece += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
                default: piece.unicodeScalars.append(scalar)
                }
            }
            return piece
        }
    }

    /// Whole pieces up to `limit` characters, with "…" where the rest was cut.
    private static func fit(_ pieces: [String], in limit: Int, fromEnd: Bool, cut: Bool = false) -> String {
        if !cut && pieces.reduce(0, { $0 + $1.count }) <= limit { return pieces.joined() }
        var kept: [String] = []
        var length = 3  // room for the "…", as wide as three letters
        for piece in fromEnd ? pieces.reversed() : pieces {
            if length + piece.count > limit { break }
            kept.append(piece)
            length += piece.count
        }
        return fromEnd ? "…" + kept.reversed().joined() : kept.joined() + "…"
    }
}

extension Unicode.Scalar {
    /// Control characters, and the invisible marks that reverse or isolate the text around them.
    var isUnprintable: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F || value == 0x2028 || value == 0x2029
    }
}
