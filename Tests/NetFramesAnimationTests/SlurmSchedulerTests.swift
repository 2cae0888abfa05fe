import Foundation
import NetFramesTestSupport
import Testing

/// The Slurm array script under a real scheduler: the one-node Slurm that
/// `scripts/local-slurm.sh start` runs on this machine. The test submits
/// examples/cluster/slurm-array.sh with `sbatch --wait`, assembles what its three tasks
/// drew and compares it with a one-machine batch; then runs one task again alone, as a
/// user does when a task failed.
///
/// It is skipped, naming the cause, when no such Slurm is running here (the reason
/// `start` wrote, or that it was not run). With NETFRAMES_REQUIRE_SLURM=1 (as CI sets)
/// a missing Slurm fails the test instead.
@Suite("Cluster example under a real Slurm", .serialized)
struct SlurmSchedulerTests {
    /// Where `scripts/local-slurm.sh` keeps the cluster's files: NETFRAMES_SLURM_DIR, or
    /// netframes-slurm in the temporary folder.
    static var clusterFolder: String {
        if let dir = ProcessInfo.processInfo.environment["NETFRAMES_SLURM_DIR"], !dir.isEmpty { return dir }
        return NSTemporaryDirectory() + "netframes-slurm"
    }

    /// Generous: the machine may be slow and shared, and sbatch --wait polls.
    static let jobTimeout: Double = 1200

    /// The local cluster's slurm.conf when its node is up and idle. Otherwise skips the
    /// test naming why, or, when CI requires Slurm, records the failure and returns nil.
    func localCluster() throws -> String? {
        let folder = Self.clusterFolder
        let conf = folder + "/slurm.conf"
        func unavailable(_ reason: String) throws -> String? {
            let text = "no local Slurm to submit to: \(reason)"
            if ProcessInfo.processInfo.environment["NETFRAMES_REQUIRE_SLURM"] == "1" {
                Issue.record("\(text) (NETFRAMES_REQUIRE_SLURM=1: CI must run this test)")
                return nil
            }
            print("skipping the Slurm test: \(text)")
            try Test.cancel(Comment(rawValue: text))
        }
        if let reason = try? String(contentsOfFile: folder + "/unavailable.txt", encoding: .utf8) {
            return try unavailable(reason.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard let sinfo = which("sinfo"), which("sbatch") != nil else {
            return try unavailable("Slurm is not installed (no sinfo or sbatch on PATH); run scripts/local-slurm.sh start")
        }
        guard FileManager.default.fileExists(atPath: conf) else {
            return try unavailable("\(conf) does not exist; run scripts/local-slurm.sh start")
        }
        guard FileManager.default.fileExists(atPath: folder + "/slurmctld.pid") else {
            return try unavailable("its daemons are stopped (no \(folder)/slurmctld.pid); run scripts/local-slurm.sh start")
        }
        let state = try runProcess(sinfo, ["--noheader", "--format=%t"], extraEnvironment: ["SLURM_CONF": conf],
                                   timeout: 60)
        let node = state.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard state.status == 0, ["idle", "mix", "alloc"].contains(node) else {
            let said = state.timedOut ? "no answer in 60 s" : (node.isEmpty ? state.stderr : node)
            return try unavailable("its node is not up (sinfo: \(said.trimmingCharacters(in: .whitespacesAndNewlines))); "
                + "run scripts/local-slurm.sh status")
        }
        return conf
    }

    /// Each file below `folder` with its inode and modification time, to tell a file
    /// left alone from one written again.
    static func identities(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in FileManager.default.subpaths(atPath: folder) ?? [] {
            var info = stat()
            guard stat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            result[name] = "\(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return result
    }

    @Test("sbatch --wait runs the array script's three tasks; one task run again alone redraws only its frames")
    func slurmArray() throws {
        guard let conf = try localCluster() else { return }
        let sbatch = try #require(which("sbatch"))
        let (work, base) = try ClusterExampleTests().prepare()
        defer { work.remove() }
        let job = "netframes-test-\(UUID().uuidString.prefix(8))"
        var environment = base
        environment["SLURM_CONF"] = conf
        environment["NETFRAMES_OUT"] = work.file("shared/xor-sweep")
        try FileManager.default.createDirectory(atPath: work.file("logs"), withIntermediateDirectories: true)
        // Whatever happens, no job of this test outlives it.
        defer {
            if let scancel = which("scancel") {
                _ = try? runProcess(scancel, ["--name", job], extraEnvironment: ["SLURM_CONF": conf], timeout: 60)
            }
        }
        let script = examplePath("cluster/slurm-array.sh")
        // sbatch passes the environment on to the job (PATH finds the netframes just built),
        // and the job works in the test's folder, where examples/xor-sweep.yaml is the small sweep.
        func submit(_ extra: [String], logs: String) throws -> ProcessResult {
            let result = try runProcess(sbatch, ["--wait", "--job-name=\(job)", "--chdir=\(work.path)",
                                                 "--output=\(work.file("logs"))/\(logs)-%a.out"] + extra + [script],
                                        in: work.path, environment: environment, timeout: Self.jobTimeout)
            #expect(!result.timedOut, "sbatch --wait did not return within \(Self.jobTimeout) s")
            // What the scheduler did, in the test log: the job, its time, and each task's own line.
            print(String(format: "slurm: sbatch --wait %@slurm-array.sh: %@ (exit %d, %.1f s)",
                         extra.map { $0 + " " }.joined(), result.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                         result.status, result.seconds))
            for name in work.names("logs") where name.hasPrefix(logs + "-") {
                print("slurm:   \(name): \(log(name).trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            return result
        }
        func log(_ name: String) -> String {
            (try? String(contentsOfFile: work.file("logs/" + name), encoding: .utf8)) ?? "(no \(name))"
        }

        // The array as the script declares it (--array=1-3).
        let first = try submit([], logs: "task")
        #expect(first.status == 0, "sbatch: \(first.stdout)\(first.stderr)\n\(work.names("logs").map(log).joined())")
        #expect(work.names("logs") == ["task-1.out", "task-2.out", "task-3.out"])
        // 4 runs in 3 parts: run 1, run 2, runs 3–4.
        for (task, runs) in [(1, "1–1"), (2, "2–2"), (3, "3–4")] {
            #expect(log("task-\(task).out").contains("runs \(runs) of 4 (shard \(task)/3)"), "\(log("task-\(task).out"))")
        }
        let assembled = try netframes(["assemble", "shared/xor-sweep"], in: work, environment: base)
        #expect(assembled.status == 0, "\(assembled.stderr)")
        let expected = try filesBelow(work.file("reference/xor-sweep"))
        #expect(expected.count > 20)
        #expect(try filesBelow(work.file("shared/xor-sweep")) == expected)

        // Task 2 failed, say: its run's frames are gone. Run it again alone.
        // Task 2's run is the second of the plan batch.json records.
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            work.file("shared/xor-sweep/batch.json")))) as? [String: Any]
        let runs = try #require((plan?["runs"] as? [[String: Any]])?.compactMap { $0["name"] as? String })
        #expect(runs.count == 4)
        let lost = runs[1]
        let lostFrames = try fileNames(in: work.file("shared/xor-sweep/" + lost)).filter { $0.hasPrefix("frame_") }
        #expect(!lostFrames.isEmpty)
        for frame in lostFrames { try FileManager.default.removeItem(atPath: work.file("shared/xor-sweep/\(lost)/\(frame)")) }
        let before = try Self.identities(work.file("shared/xor-sweep"))
        let again = try submit(["--array=2"], logs: "again")
        #expect(again.status == 0, "sbatch --array=2: \(again.stdout)\(again.stderr)\n\(log("again-2.out"))")
        #expect(work.names("logs").contains("again-2.out"))
        #expect(log("again-2.out").contains("runs 2–2 of 4 (shard 2/3) into \(work.file("shared/xor-sweep"))/ "
            + "(\(lostFrames.count) frames, "), "\(log("again-2.out"))")
        let after = try Self.identities(work.file("shared/xor-sweep"))
        // Every file of the other runs is the very file the first pass wrote.
        for (name, identity) in before where name.hasPrefix("xor-sweep-") && !name.hasPrefix(lost + "/") {
            #expect(after[name] == identity, "\(name) was written again")
        }
        for frame in lostFrames { #expect(after["\(lost)/\(frame)"] != nil, "\(lost)/\(frame) was not drawn again") }
        let reassembled = try netframes(["assemble", "shared/xor-sweep"], in: work, environment: base)
        #expect(reassembled.status == 0, "\(reassembled.stderr)")
        #expect(try filesBelow(work.file("shared/xor-sweep")) == expected)
    }
}
