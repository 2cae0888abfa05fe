import Foundation
import Testing

/// The golden list: every file a fixed set of commands writes (the demo in each format,
/// a sampled render, a sweep batch, 3-shard renders assembled and an `--animate`
/// sequence) keeps the SHA-256 committed in `golden.sha256`.
///
/// A change meant to alter output bytes regenerates the list with
/// `scripts/golden-outputs.sh .build/debug/netframes > Tests/NetFramesGoldenTests/golden.sha256`
/// and says in its commit which files changed and why.
@Suite struct GoldenOutputTests {
    @Test func everyFileOfTheFixedCommandsKeepsItsDigest() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let expected = try String(contentsOfFile: root + "/Tests/NetFramesGoldenTests/golden.sha256", encoding: .utf8)
        let scratch = NSTemporaryDirectory() + "netframes-golden-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let list = scratch + "/.list", log = scratch + "/.log"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "\"$0\" \"$1\" \"$2\" > \"$3\" 2> \"$4\"",
                             root + "/scripts/golden-outputs.sh", try netframesBinary(), scratch + "/out", list, log]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        try process.run()
        process.waitUntilExit()
        let errors = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "the golden commands failed: \(errors)")
        let actual = try String(contentsOfFile: list, encoding: .utf8)
        let want = digests(expected), got = digests(actual)
        let missing = want.keys.filter { got[$0] == nil }.sorted()
        let extra = got.keys.filter { want[$0] == nil }.sorted()
        let changed = want.keys.filter { got[$0] != nil && got[$0] != want[$0] }.sorted()
        #expect(missing.isEmpty, "files no longer written: \(missing.prefix(20))")
        #expect(extra.isEmpty, "files not in the golden list: \(extra.prefix(20))")
        #expect(changed.isEmpty, "\(changed.count) files changed their bytes: \(changed.prefix(20))")
        #expect(want.count > 500, "the golden list holds \(want.count) files")
    }

    private func digests(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            result[parts[1].trimmingCharacters(in: .whitespaces)] = String(parts[0])
        }
        return result
    }

    private func netframesBinary() throws -> String {
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var dir = (exe as NSString).deletingLastPathComponent
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: dir + "/netframes") { return dir + "/netframes" }
            dir = (dir as NSString).deletingLastPathComponent
        }
        Issue.record("no netframes executable beside the test bundle (\(exe))")
        throw CancellationError()
    }
}
