import Foundation
import NetFramesTestSupport
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
        let expected = try String(contentsOfFile: packageRoot + "/Tests/NetFramesGoldenTests/golden.sha256", encoding: .utf8)
        // The script prints the list; an hour is a guard against a hang, not a measure of speed.
        let result = try withTemporaryFolder("golden") { scratch in
            try runProcess(packageRoot + "/scripts/golden-outputs.sh", [try netframesExecutable(), scratch.file("out")],
                           in: packageRoot, timeout: 3600)
        }
        try #require(result.status == 0, "the golden commands failed: \(result.stderr)")
        let actual = result.stdout
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
}
