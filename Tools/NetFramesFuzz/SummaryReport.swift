import Foundation

/// A fuzz run's summary, for people (a table) and for tests (one line of JSON).
struct SummaryReport {
    let summary: Supervisor.Summary

    static let outcomes = ["refused", "tooLarge", "rendered", "diverged", "problem"]

    var text: String {
        var lines: [String] = []
        let s = summary
        lines.append(String(format: "netframes-fuzz seed %llu: %d of %d cases in %.1f s (%.1f CPU s)%@, peak RSS %.0f MB, slowest case %d (%d ms)",
                            s.seed, s.ran, s.requested, s.seconds, s.cpuSeconds,
                            s.stoppedByBudget ? ", stopped by the budget" : "", Double(s.peakRSSKB) / 1024,
                            s.slowest.index, s.slowest.ms))
        let header = "kind".padding(toLength: 14, withPad: " ", startingAt: 0)
            + SummaryReport.outcomes.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined()
        lines.append(header)
        for kind in s.byKind.keys.sorted() {
            let counts = s.byKind[kind]!
            lines.append(kind.padding(toLength: 14, withPad: " ", startingAt: 0)
                + SummaryReport.outcomes.map { String(counts[$0, default: 0]).padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
        }
        for (label, incidents) in [("crash", s.crashes), ("hang", s.hangs), ("problem", s.problems)] {
            for i in incidents {
                lines.append("\(label): case \(i.index) (\(i.kind), from \(i.base)): \(i.what)")
            }
        }
        lines.append(s.clean ? "no crash, hang or problem" : "reproduce a case with: netframes-fuzz --seed \(s.seed) --dump INDEX")
        return lines.joined(separator: "\n")
    }

    var json: String {
        let s = summary
        func incidents(_ list: [Supervisor.Incident]) -> [[String: Any]] {
            list.map { ["index": $0.index, "kind": $0.kind, "base": $0.base, "what": $0.what] }
        }
        let object: [String: Any] = [
            "seed": s.seed, "requested": s.requested, "ran": s.ran, "byKind": s.byKind,
            "crashes": incidents(s.crashes), "hangs": incidents(s.hangs), "problems": incidents(s.problems),
            "slowestCase": s.slowest.index, "slowestMilliseconds": s.slowest.ms, "peakRSSKB": s.peakRSSKB,
            "seconds": s.seconds, "cpuSeconds": s.cpuSeconds, "stoppedByBudget": s.stoppedByBudget,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
