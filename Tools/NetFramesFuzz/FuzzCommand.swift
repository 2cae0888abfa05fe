import ArgumentParser
import Foundation
import NetFramesRun

/// `netframes-fuzz`: feeds NetFrames thousands of spoilt run files and checks that each
/// ends in a clear error or a good render, never in a crash, a hang or runaway memory.
@main
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netframes-fuzz",
        abstract: "Run NetFrames on mutated run files; report any crash, hang, unclear message or runaway memory.",
        discussion: """
            Case INDEX of seed SEED is always the same input (for the same examples folder), \
            so any case can be made again: `netframes-fuzz --seed SEED --dump INDEX` writes \
            its files. Cases run in a child process that is restarted after a crash or a \
            hang, so every case is reported. The last line is a summary as JSON.

            Examples:
              netframes-fuzz --seed 1 --count 2000 --cpu-budget 60
              netframes-fuzz --seed 7 --count 100000 --cpu-budget 3600 --examples examples
              netframes-fuzz --seed 1 --dump 1234 --out /tmp/case
            """
    )

    @Option(help: "The seed of the cases.")
    var seed: UInt64 = 1

    @Option(help: "How many cases to run.")
    var count = 1000

    @Option(help: "The first case's index.")
    var start = 0

    @Option(help: "CPU seconds, all workers together, after which no new case starts.")
    var cpuBudget = 60.0

    @Option(help: "Worker processes running cases at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: .hidden)
    var shard = 0

    @Option(help: .hidden)
    var end: Int?

    @Option(help: "Seconds one case may take before it counts as a hang.")
    var caseTimeout = 30.0

    @Option(help: "Address space of the worker in megabytes; an allocation beyond it ends the worker as a crash.")
    var memoryLimit = 4096

    @Option(help: "A folder of valid run files to mutate besides the built-in ones (default: ./examples if present).")
    var examples: String?

    @Option(help: "Write case INDEX's input files into --out and stop.")
    var dump: Int?

    @Option(help: "Where --dump writes.")
    var out = "fuzz-case"

    @Flag(help: .hidden)
    var worker = false

    /// For testing the supervisor: the worker traps on this case.
    @Option(help: .hidden)
    var trapAt: Int?

    /// For testing the supervisor: the worker stops answering on this case.
    @Option(help: .hidden)
    var hangAt: Int?

    var examplesFolder: String? {
        if let examples { return examples }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: "examples", isDirectory: &isDirectory) && isDirectory.boolValue
            ? "examples" : nil
    }

    func run() throws {
        let worker = Worker(seed: seed, examples: examplesFolder, cpuBudget: cpuBudget, trapAt: trapAt, hangAt: hangAt)
        if let dump {
            try worker.dump(index: dump, into: out)
            return
        }
        if self.worker {
            Usage.limitMemory(bytes: UInt64(memoryLimit) << 20)
            try worker.run(from: start, to: end ?? start + count, shard: Shard(index: shard, count: max(1, jobs)))
            return
        }
        let supervisor = Supervisor(seed: seed, count: count, start: start, cpuBudget: cpuBudget, jobs: max(1, jobs),
                                    caseTimeout: caseTimeout, examples: examplesFolder, memoryLimitMB: memoryLimit,
                                    testArguments: (trapAt.map { ["--trap-at", "\($0)"] } ?? [])
                                        + (hangAt.map { ["--hang-at", "\($0)"] } ?? []))
        let summary = try supervisor.run()
        print(SummaryReport(summary: summary).text)
        print("summary: " + SummaryReport(summary: summary).json)
        if !summary.clean { throw ExitCode.failure }
    }
}
