import Foundation
import NetFramesTestSupport
import Testing

/// Every `netframes` command's `--help` shows how it is used.
@Suite("netframes --help examples")
struct HelpExamplesTests {
    /// The subcommand names a help text lists under SUBCOMMANDS.
    static func subcommands(in help: String) -> [String] {
        var names: [String] = []
        var inList = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "SUBCOMMANDS:" { inList = true; continue }
            guard inList else { continue }
            if line.isEmpty { break }
            // A name starts two spaces in; wrapped abstracts are indented further.
            if line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first {
                names.append(String(name))
            }
        }
        return names
    }

    /// The lines of the help's "Examples:" block.
    static func examples(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "Examples:") else { return [] }
        return lines[(start + 1)...].prefix { $0.hasPrefix("  ") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `netframes <words> --help`, checked, then the same for every subcommand it lists.
    func check(_ words: [String], executable: String, folder: TemporaryFolder, visited: inout [String]) throws {
        let outcome = try runProcess(executable, words + ["--help"], in: folder.path)
        let command = (["netframes"] + words).joined(separator: " ")
        visited.append(command)
        #expect(outcome.status == 0, "\(command) --help: exit \(outcome.status)")
        let examples = Self.examples(in: outcome.stdout)
        #expect(!examples.isEmpty, "\(command) --help has no Examples: block:\n\(outcome.stdout)")
        if !words.isEmpty {
            // Other commands may set the scene (render before assemble), but one example is of this one.
            #expect(examples.contains { $0.hasPrefix(command + " ") || $0 == command },
                    "\(command) --help shows no example of \(command) itself: \(examples)")
        }
        for name in Self.subcommands(in: outcome.stdout) {
            try check(words + [name], executable: executable, folder: folder, visited: &visited)
        }
    }

    @Test("netframes and each of its subcommands, however many there are, show an Examples: block of their own")
    func everyCommandHasExamples() throws {
        try withTemporaryFolder("help") { folder in
            var visited: [String] = []
            try check([], executable: try builtProduct("netframes"), folder: folder, visited: &visited)
            // The list is read from the help itself, so new subcommands are covered; these must be among them.
            for known in ["netframes demo", "netframes render", "netframes record"] {
                #expect(visited.contains(known), "\(known) was not found in netframes --help: \(visited)")
            }
        }
    }

    @Test("the SUBCOMMANDS reader finds names and skips wrapped abstracts")
    func readsSubcommandList() {
        let help = """
            USAGE: netframes <subcommand>

            SUBCOMMANDS:
              demo                    Render the demo into Output/demo/:
                                      stills and videos.
              batch (default)         Render many runs.

              See 'netframes help <subcommand>' for detailed help.
            """
        #expect(Self.subcommands(in: help) == ["demo", "batch"])
    }
}
