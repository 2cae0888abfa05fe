import Foundation
import NetFramesTestSupport
import Testing

/// Thousands of spoilt run files through `netframes-fuzz`: every case must end in a clear
/// error or a good render; no crash, no hang, no runaway memory.
///
/// CI runs a fixed seed and count within a CPU budget. To run longer by hand, set
/// `NETFRAMES_FUZZ_SEED`, `NETFRAMES_FUZZ_COUNT` and `NETFRAMES_FUZZ_BUDGET` (CPU
/// seconds), e.g.
///
///     NETFRAMES_FUZZ_SEED=7 NETFRAMES_FUZZ_COUNT=50000 NETFRAMES_FUZZ_BUDGET=3600 \
///         swift test --filter FuzzSuiteTests
///
/// or run the fuzzer itself: `swift run -c release netframes-fuzz --seed 7 --count 50000
/// --cpu-budget 3600`. A case is made again from its seed and index with
/// `netframes-fuzz --seed SEED --dump INDEX`.
@Suite("fuzzing run files")
struct FuzzSuiteTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["NETFRAMES_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_251_125
    static let count = environment["NETFRAMES_FUZZ_COUNT"].flatMap(Int.init) ?? 1500
    /// CPU seconds of the workers together (two at once on two cores). The 1,500 cases
    /// take about 140 in a debug build; the budget is a guard against a runaway suite,
    /// with room for a slower machine, not a measure of speed.
    static let budget = environment["NETFRAMES_FUZZ_BUDGET"].flatMap(Double.init) ?? 450

    /// The summary line `netframes-fuzz` ends with, as JSON.
    static func summary(_ output: String) throws -> [String: Any] {
        let line = try #require(output.split(separator: "\n").last { $0.hasPrefix("summary: ") }, "no summary in: \(output)")
        let json = try JSONSerialization.jsonObject(with: Data(line.dropFirst("summary: ".count).utf8))
        return try #require(json as? [String: Any])
    }

    @Test("every mutated run file ends in a clear error or a render, within the budget")
    func fuzz() throws {
        let scratch = try TemporaryFolder("fuzz")
        let result = try runProduct("netframes-fuzz", [
            "--seed", "\(Self.seed)", "--count", "\(Self.count)", "--cpu-budget", "\(Self.budget)",
            "--examples", packageRoot + "/examples", "--case-timeout", "30",
        ], in: scratch.path, timeout: Self.budget * 6 + 120)
        #expect(!result.timedOut && !result.signalled, "netframes-fuzz itself did not finish: \(result.stderr.suffix(2000))")
        let summary = try Self.summary(result.stdout)
        // The table and every incident, for the log.
        print(result.stdout)
        for key in ["crashes", "hangs", "problems"] {
            let incidents = summary[key] as? [[String: Any]] ?? []
            #expect(incidents.isEmpty, "\(incidents.count) \(key): \(incidents.prefix(5))")
        }
        // The budget is CPU time, which a busy machine stretches too: most of the cases
        // must run, and the summary says how many did.
        let ran = summary["ran"] as? Int ?? 0
        #expect(ran >= Self.count * 2 / 3, "only \(ran) of \(Self.count) cases ran within \(Self.budget) CPU seconds")
        // Every kind of mutation had its share, and some of each outcome happened.
        let byKind = summary["byKind"] as? [String: [String: Int]] ?? [:]
        #expect(byKind.count == 18, "kinds: \(byKind.keys.sorted())")
        for (kind, outcomes) in byKind {
            #expect(outcomes.values.reduce(0, +) >= ran / 18 - 2, "\(kind): \(outcomes)")
        }
        let totals = byKind.values.reduce(into: [String: Int]()) { sum, outcomes in
            for (name, n) in outcomes { sum[name, default: 0] += n }
        }
        #expect(totals["refused", default: 0] > ran / 2, "\(totals)")
        #expect(totals["rendered", default: 0] > ran / 20, "\(totals)")
        #expect(totals["diverged", default: 0] > 0 && totals["tooLarge", default: 0] > 0, "\(totals)")
        // Memory and time per case stay bounded.
        let peak = summary["peakRSSKB"] as? Int ?? .max
        #expect(peak < 1_000_000, "peak RSS \(peak / 1024) MB")
        let slowest = summary["slowestMilliseconds"] as? Int ?? .max
        // Alone, the slowest case takes about 3.5 s in a debug build; other suites run beside this one.
        #expect(slowest < 29_000, "case \(summary["slowestCase"] ?? -1) took \(slowest) ms")
    }

    @Test("a case that traps or hangs is reported with its index, and the cases after it still run")
    func supervisorReportsCrashesAndHangs() throws {
        let scratch = try TemporaryFolder("fuzz-supervisor")
        let result = try runProduct("netframes-fuzz", ["--seed", "5", "--count", "12", "--trap-at", "3", "--hang-at", "7",
                                                       "--case-timeout", "3", "--cpu-budget", "30"],
                                    in: scratch.path, timeout: 120)
        #expect(result.status == 1, "a run with a crash must fail: \(result.stdout)")
        let summary = try Self.summary(result.stdout)
        let crashes = summary["crashes"] as? [[String: Any]] ?? []
        let hangs = summary["hangs"] as? [[String: Any]] ?? []
        #expect(crashes.map { $0["index"] as? Int } == [3], "\(crashes)")
        #expect((crashes.first?["what"] as? String)?.contains("trapping on case 3") == true, "\(crashes)")
        #expect(hangs.map { $0["index"] as? Int } == [7], "\(hangs)")
        #expect(summary["ran"] as? Int == 10, "the ten other cases run: \(summary)")
    }

    @Test("a case is the same input every time, and --dump writes it")
    func casesAreReproducible() throws {
        let scratch = try TemporaryFolder("fuzz-dump")
        var dumps: [Data] = []
        for attempt in 0..<2 {
            let folder = scratch.file("case\(attempt)")
            let result = try runProduct("netframes-fuzz", ["--seed", "9", "--dump", "41", "--out", folder,
                                                           "--examples", packageRoot + "/examples"], in: scratch.path)
            #expect(result.status == 0, "\(result.stderr)")
            let names = scratch.names("case\(attempt)")
            #expect(!names.isEmpty)
            dumps.append(try names.reduce(into: Data()) { $0 += try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $1)) })
        }
        #expect(dumps[0] == dumps[1])
    }
}
