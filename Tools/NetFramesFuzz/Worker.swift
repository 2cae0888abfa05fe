import Foundation
import NetFramesEngine

/// Runs cases one after another in this process and reports each on standard output,
/// one line before it starts and one when it ends, so a supervisor that sees the
/// process die knows which case killed it.
///
/// Lines: `begin INDEX KIND BASE`, `end INDEX OUTCOME MILLISECONDS RSS_KB CPU_SECONDS`,
/// and for a problem `problem INDEX KIND DESCRIPTION`.
struct Worker {
    let seed: UInt64
    let examples: String?
    /// CPU seconds after which no new case is started.
    let cpuBudget: Double
    /// Cases on which to trap or to stop answering, to test the supervisor.
    var trapAt: Int?
    var hangAt: Int?

    /// Runs the cases of `shard` from `start` to `end`.
    func run(from start: Int, to end: Int, shard: Shard) throws {
        let folder = NSTemporaryDirectory() + "netframes-fuzz-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mutator = Mutator(corpus: Corpus(examples: examples))
        let runner = CaseRunner(folder: folder)
        let kinds = MutationKind.allCases
        var index = shard.first(atOrAfter: start)
        while index < end {
            defer { index = shard.first(atOrAfter: index + 1) }
            if Usage.cpuSeconds() > cpuBudget { break }
            var dice = Dice(seed: seed, index: index)
            let kind = kinds[index % kinds.count]
            let input = mutator.input(kind: kind, dice: &dice)
            say("begin \(index) \(kind.rawValue) \(input.base)")
            let started = Date()
            if index == trapAt { fatalError("trapping on case \(index), as --trap-at asked") }
            if index == hangAt { while true { sleep(1000) } }
            let outcome = runner.run(input, index: index)
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            if case .problem(let text) = outcome {
                say("problem \(index) \(kind.rawValue) \(text.replacingOccurrences(of: "\n", with: "\\n").prefix(600))")
            }
            say("end \(index) \(outcome.name) \(ms) \(Usage.peakResidentKB()) \(Usage.cpuSeconds())")
        }
        say("done")
    }

    /// Writes the case's input files and prints what they are, to reproduce one case by hand.
    func dump(index: Int, into folder: String) throws {
        let mutator = Mutator(corpus: Corpus(examples: examples))
        let kinds = MutationKind.allCases
        var dice = Dice(seed: seed, index: index)
        let input = mutator.input(kind: kinds[index % kinds.count], dice: &dice)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(input.bytes).write(to: URL(fileURLWithPath: folder + "/" + input.fileName))
        if let csv = input.csv { try Data(csv.bytes).write(to: URL(fileURLWithPath: folder + "/" + csv.name)) }
        print("case \(index) (\(input.kind.rawValue), from \(input.base)): \(folder)/\(input.fileName), \(input.bytes.count) bytes"
            + (input.csv.map { ", with \($0.name)" } ?? ""))
    }

    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Which cases one of several workers runs: whole rounds of every kind in turn, so each
/// worker meets every kind however many there are.
struct Shard {
    var index = 0
    var count = 1
    static let round = MutationKind.allCases.count

    func owns(_ caseIndex: Int) -> Bool { (caseIndex / Shard.round) % count == index }

    /// The first case of this shard at or after `caseIndex`.
    func first(atOrAfter caseIndex: Int) -> Int {
        var i = caseIndex
        while !owns(i) { i = (i / Shard.round + 1) * Shard.round }
        return i
    }
}

/// This process's resource use.
enum Usage {
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// The most memory the process has held at once, in kilobytes.
    static func peakResidentKB() -> Int {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
    }

    /// Caps the address space, so a runaway allocation ends this process, not the machine.
    static func limitMemory(bytes: UInt64) {
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }
}
