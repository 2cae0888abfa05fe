import Foundation

/// Runs the cases in a child worker process and watches it: a case that traps or hangs
/// is recorded with its index and the worker is started again after it, so one bad case
/// neither ends the run nor hides the cases after it.
struct Supervisor {
    let seed: UInt64
    let count: Int
    let start: Int
    let cpuBudget: Double
    /// Workers at once, each running its own `Shard` of the cases.
    let jobs: Int
    let caseTimeout: Double
    let examples: String?
    let memoryLimitMB: Int
    /// Passed on to the worker: `--trap-at` and `--hang-at`, to test this supervisor.
    var testArguments: [String] = []

    struct Incident {
        var index: Int
        var kind: String
        var base: String
        var what: String
    }

    struct Summary {
        var seed: UInt64
        var requested = 0
        var ran = 0
        var byKind: [String: [String: Int]] = [:]
        var crashes: [Incident] = []
        var hangs: [Incident] = []
        var problems: [Incident] = []
        var slowest = (index: -1, ms: 0)
        var peakRSSKB = 0
        var seconds = 0.0
        var cpuSeconds = 0.0
        var stoppedByBudget = false

        var clean: Bool { crashes.isEmpty && hangs.isEmpty && problems.isEmpty }

        mutating func merge(_ other: Summary) {
            ran += other.ran
            for (kind, outcomes) in other.byKind {
                for (outcome, n) in outcomes { byKind[kind, default: [:]][outcome, default: 0] += n }
            }
            crashes += other.crashes
            hangs += other.hangs
            problems += other.problems
            if other.slowest.ms > slowest.ms { slowest = other.slowest }
            peakRSSKB = max(peakRSSKB, other.peakRSSKB)
            cpuSeconds += other.cpuSeconds
            stoppedByBudget = stoppedByBudget || other.stoppedByBudget
        }
    }

    func run() throws -> Summary {
        let began = Date()
        let shards = ShardResults(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { shard in
            shards.set(shard, Result { try runShard(shard) })
        }
        var summary = Summary(seed: seed)
        summary.requested = count
        for result in shards.all { summary.merge(try result.get()) }
        for keyPath in [\Summary.crashes, \Summary.hangs, \Summary.problems] {
            summary[keyPath: keyPath].sort { $0.index < $1.index }
        }
        summary.seconds = Date().timeIntervalSince(began)
        return summary
    }

    /// Runs the cases of one shard, starting a new worker after each crash or hang.
    private func runShard(_ shard: Int) throws -> Summary {
        var summary = Summary(seed: seed)
        let began = Date()
        let budget = cpuBudget / Double(jobs)
        var spent = 0.0
        let owner = Shard(index: shard, count: jobs)
        var next = owner.first(atOrAfter: start)
        let end = start + count
        while next < end {
            if spent >= budget {
                summary.stoppedByBudget = true
                break
            }
            let worker = try WorkerProcess(arguments: [
                "--worker", "--seed", "\(seed)", "--start", "\(next)", "--end", "\(end)", "--shard", "\(shard)", "--jobs", "\(jobs)",
                "--cpu-budget", "\(budget - spent)", "--memory-limit", "\(memoryLimitMB)",
            ] + (examples.map { ["--examples", $0] } ?? []) + testArguments)
            var current: (index: Int, kind: String, base: String)?
            var finished = false
            var workerCPU = 0.0
            while true {
                guard let line = worker.nextLine(timeout: caseTimeout) else {
                    if worker.timedOut {
                        // A case that takes longer than the timeout is a hang.
                        worker.kill()
                        if let c = current {
                            summary.hangs.append(Incident(index: c.index, kind: c.kind, base: c.base,
                                                          what: "no answer within \(Int(caseTimeout)) s"))
                            next = owner.first(atOrAfter: c.index + 1)
                            workerCPU += caseTimeout
                        }
                    }
                    break
                }
                let parts = line.split(separator: " ", maxSplits: 3).map(String.init)
                switch parts.first {
                case "begin" where parts.count >= 4:
                    current = (Int(parts[1]) ?? -1, parts[2], parts[3])
                case "problem" where parts.count >= 4:
                    if let c = current {
                        summary.problems.append(Incident(index: c.index, kind: c.kind, base: c.base, what: parts[3]))
                    }
                case "end":
                    let fields = line.split(separator: " ").map(String.init)
                    if let c = current, fields.count >= 6 {
                        summary.ran += 1
                        summary.byKind[c.kind, default: [:]][fields[2], default: 0] += 1
                        let ms = Int(fields[3]) ?? 0
                        if ms > summary.slowest.ms { summary.slowest = (c.index, ms) }
                        summary.peakRSSKB = max(summary.peakRSSKB, Int(fields[4]) ?? 0)
                        workerCPU = Double(fields[5]) ?? workerCPU
                        next = owner.first(atOrAfter: c.index + 1)
                    }
                    current = nil
                case "done":
                    finished = true
                default:
                    break
                }
            }
            let status = worker.wait()
            spent += workerCPU
            if finished {
                if next < end { summary.stoppedByBudget = true }
                break
            }
            if !worker.timedOut, let c = current {
                summary.crashes.append(Incident(index: c.index, kind: c.kind, base: c.base,
                                                what: "\(status); \(worker.crashReason)"))
                next = owner.first(atOrAfter: c.index + 1)
            } else if !worker.timedOut && current == nil {
                // Died between cases: nothing to blame, and nothing more to learn by retrying.
                summary.crashes.append(Incident(index: next, kind: "-", base: "-",
                                                what: "the worker stopped between cases: \(status); \(worker.crashReason)"))
                break
            }
            if Date().timeIntervalSince(began) > budget * 4 + 120 {
                summary.stoppedByBudget = true
                break
            }
        }
        summary.cpuSeconds = spent
        return summary
    }
}

/// What each shard's thread found, collected under a lock.
private final class ShardResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Supervisor.Summary, Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ result: Result<Supervisor.Summary, Error>) { lock.withLock { results[i] = result } }

    var all: [Result<Supervisor.Summary, Error>] { lock.withLock { results.compactMap { $0 } } }
}

/// A worker process: its output as lines, with a timeout, and its standard error kept.
final class WorkerProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private let available = DispatchSemaphore(value: 0)
    private var lines: [String] = []
    private var closed = false
    private var errorText = ""
    private let errorDone = DispatchSemaphore(value: 0)
    private(set) var timedOut = false

    init(arguments: [String]) throws {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        process.executableURL = URL(fileURLWithPath: me)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outHandle = out.fileHandleForReading, errHandle = err.fileHandleForReading
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let data = outHandle.availableData
                if data.isEmpty { break }
                pending.append(data)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    lock.withLock { lines.append(line) }
                    available.signal()
                }
            }
            lock.withLock { closed = true }
            available.signal()
        }
        Thread.detachNewThread { [self] in
            while true {
                let data = errHandle.availableData
                if data.isEmpty { break }
                lock.withLock {
                    errorText += String(decoding: data, as: UTF8.self)
                    if errorText.count > 200_000 { errorText = String(errorText.suffix(100_000)) }
                }
            }
            errorDone.signal()
        }
    }

    /// The next line, or `nil` at the end of output or after `timeout` seconds of silence.
    func nextLine(timeout: Double) -> String? {
        while true {
            let (line, isClosed) = lock.withLock { () -> (String?, Bool) in
                if !lines.isEmpty { return (lines.removeFirst(), false) }
                return (nil, closed)
            }
            if let line { return line }
            if isClosed { return nil }
            if available.wait(timeout: .now() + timeout) == .timedOut {
                let stillEmpty = lock.withLock { lines.isEmpty && !closed }
                if stillEmpty {
                    timedOut = true
                    return nil
                }
            }
        }
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the process; describes how it ended.
    func wait() -> String {
        process.waitUntilExit()
        errorDone.wait()
        switch process.terminationReason {
        case .uncaughtSignal: return "killed by signal \(process.terminationStatus)"
        default: return "exit status \(process.terminationStatus)"
        }
    }

    /// The lines of the worker's standard error that say why it crashed, and where.
    var crashReason: String {
        let text = lock.withLock { errorText }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var picked = lines.filter {
            $0.contains("runtime failure") || $0.hasPrefix("Fatal error") || $0.contains("Fatal error:")
                || $0.hasPrefix("Crash") || $0.contains("could not allocate")
        }
        if let frame = lines.first(where: { $0.contains(" at /") && !$0.contains("<compiler-generated>")
            && !$0.contains("/checkouts/") && !$0.contains("[system]") }) {
            picked.append(frame)
        }
        if picked.isEmpty { picked = Array(lines.suffix(3)) }
        return picked.prefix(4).joined(separator: " | ")
    }
}
