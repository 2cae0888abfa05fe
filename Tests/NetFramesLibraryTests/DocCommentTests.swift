import Foundation
import NetFramesTestSupport
import Testing

/// Every public declaration in Sources/ carries a `///` comment, so the generated
/// documentation has no blank entries.
@Suite("documentation comments")
struct DocCommentTests {
    /// `file:line: declaration` for each public declaration, case of a public enum or
    /// requirement of a public protocol with no doc comment right above it (attribute
    /// lines such as `@inlinable` may stand between). Members are found by indentation:
    /// four spaces in from their enum or protocol, as the sources are written.
    static func undocumented(in text: String, file: String) -> [String] {
        let raw = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lines = raw.map { $0.trimmingCharacters(in: .whitespaces) }
        var scopes: [(indent: Int, kind: String)] = []
        var found: [String] = []
        for (i, line) in lines.enumerated() where !line.isEmpty {
            let indent = raw[i].prefix { $0 == " " }.count
            if let scope = scopes.last, indent <= scope.indent, line.hasPrefix("}") { scopes.removeLast() }
            var member = false
            if let scope = scopes.last, indent == scope.indent + 4 {
                member = scope.kind == "enum" ? line.hasPrefix("case ") : isRequirement(line)
            }
            if isPublicDeclaration(line) || member {
                var j = i - 1
                while j >= 0, isAttributeLine(lines[j]) { j -= 1 }
                let above = j >= 0 ? lines[j] : ""
                if !above.hasPrefix("///") && !above.hasSuffix("*/") {
                    found.append("\(file):\(i + 1): \(line.prefix(100))")
                }
            }
            if line.hasSuffix("{"), let kind = publicScope(line) { scopes.append((indent, kind)) }
        }
        return found
    }

    /// The declaration with its leading attributes (`@inlinable @inline(__always) public …`) taken off.
    static func withoutAttributes(_ line: String) -> Substring? {
        var rest = Substring(line)
        while rest.hasPrefix("@") {
            guard let space = rest.firstIndex(of: " ") else { return nil }
            rest = rest[rest.index(after: space)...]
        }
        return rest
    }

    static func isPublicDeclaration(_ line: String) -> Bool {
        guard !line.hasPrefix("@_exported"), let rest = withoutAttributes(line) else { return false }
        return (rest.hasPrefix("public ") || rest.hasPrefix("open ")) && !rest.hasPrefix("public import ")
    }

    /// A line of attributes only, such as `@inlinable` or `@discardableResult`.
    static func isAttributeLine(_ line: String) -> Bool {
        line.hasPrefix("@") && line.wholeMatch(of: /(@\w+(\([^)]*\))?\s*)+/) != nil
    }

    /// `enum` or `protocol` when the line opens a public one.
    static func publicScope(_ line: String) -> String? {
        guard let rest = withoutAttributes(line), rest.hasPrefix("public ") else { return nil }
        let words = rest.split(separator: " ")
        if words.count > 1, words[1] == "enum" || words[1] == "protocol" { return String(words[1]) }
        if words.count > 2, words[1] == "indirect", words[2] == "enum" { return "enum" }
        return nil
    }

    /// A protocol requirement: a func, var, init, subscript or associated type.
    static func isRequirement(_ line: String) -> Bool {
        var words = line.split(separator: " ").map(String.init)[...]
        while let first = words.first, ["mutating", "static", "nonmutating"].contains(first) { words = words.dropFirst() }
        guard let first = words.first else { return false }
        return ["func", "var", "init", "subscript", "associatedtype"].contains { first == $0 || first.hasPrefix($0 + "(") }
    }

    @Test("every public declaration in Sources/ has a /// comment")
    func everyPublicDeclarationIsDocumented() throws {
        let sources = packageRoot + "/Sources"
        let files = (FileManager.default.enumerator(atPath: sources)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.count > 50, "found only \(files.count) Swift files under \(sources)")
        var missing: [String] = []
        for file in files {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            missing += Self.undocumented(in: text, file: file)
        }
        let list = missing.joined(separator: "\n")
        #expect(missing.isEmpty, "\(missing.count) public declarations without a /// comment:\n\(list)")
    }

    @Test("the audit sees bare public declarations, enum cases and protocol requirements")
    func auditFindsWhatItShould() {
        let text = """
            /// Documented.
            public struct A {
                /// Documented, behind an attribute.
                @inlinable
                public var b: Int { 1 }
                public var c: Int
                @inlinable public func d() {}
                /// Documented.
                @inlinable public func e() {}
                @_exported import Foundation
            }
            /// Documented.
            public enum E {
                /// Documented.
                case one
                case two
                /// Documented.
                var name: String {
                    switch self {
                    case .one: return "one"
                    case .two: return "two"
                    }
                }
            }
            /// Documented.
            public protocol P {
                mutating func take(_ x: Int) throws
                /// Documented.
                var size: Int { get }
            }
            """
        #expect(Self.undocumented(in: text, file: "A.swift")
            == ["A.swift:6: public var c: Int", "A.swift:7: @inlinable public func d() {}",
                "A.swift:16: case two", "A.swift:27: mutating func take(_ x: Int) throws"])
    }
}
