import Foundation
import NetFramesTestSupport
import Testing
import Yams

/// The README's cluster files, run as written: the Slurm array script under the
/// variables Slurm sets, and the Kubernetes Indexed Job's container command under the
/// variables an Indexed Job sets. The assembled batch must equal a one-machine batch.
@Suite("Cluster examples", .serialized)
struct ClusterExampleTests {
    static let examples = examplePath("cluster")

    /// A small sweep standing in for examples/xor-sweep.yaml: 4 runs, 6 frames each.
    static let sweep = """
        name: xor-sweep
        network: {layers: [2, 2, 1], hidden: tanh, output: sigmoid, seed: 1}
        training: {loss: crossEntropy, learningRate: 0.5, iterations: 1}
        data: {builtin: xor}
        render: {width: 320, height: 180}
        sweep:
          training.learningRate: [0.5, 2]
          network.seed: [1, 2]
        """

    /// The work folder: examples/xor-sweep.yaml (the small sweep) and a one-machine batch of it in reference/xor-sweep.
    func prepare() throws -> (TemporaryFolder, environment: [String: String]) {
        let work = try TemporaryFolder("cluster")
        try FileManager.default.createDirectory(atPath: work.file("examples"), withIntermediateDirectories: true)
        try Self.sweep.write(toFile: work.file("examples/xor-sweep.yaml"), atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment = environment.filter { !$0.key.hasPrefix("SLURM_") && $0.key != "JOB_COMPLETION_INDEX" }
        let bin = (try netframesExecutable() as NSString).deletingLastPathComponent
        environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let reference = try netframes(["batch", "examples/xor-sweep.yaml", "--out", "reference/xor-sweep", "--quiet"],
                                      in: work, environment: environment)
        #expect(reference.status == 0, "\(reference.stderr)")
        return (work, environment)
    }

    @Test("the Slurm array script: each task its share, then assemble")
    func slurm() throws {
        let (work, base) = try prepare()
        defer { work.remove() }
        let script = Self.examples + "/slurm-array.sh"
        let text = try String(contentsOfFile: script, encoding: .utf8)
        let array = try #require(text.split(separator: "\n").first { $0.hasPrefix("#SBATCH --array=") })
        #expect(array == "#SBATCH --array=1-3")
        // A task run again alone (sbatch --array=2) is an array of one; the script names the part count itself.
        #expect(text.contains("\nPARTS=3\n"), "PARTS must equal the size of --array")
        for task in 1...3 {
            var environment = base
            environment["SLURM_ARRAY_TASK_ID"] = "\(task)"
            environment["SLURM_ARRAY_TASK_MIN"] = "1"
            environment["SLURM_ARRAY_TASK_MAX"] = "3"
            environment["SLURM_ARRAY_TASK_COUNT"] = "3"
            environment["SLURM_CPUS_PER_TASK"] = "2"
            environment["NETFRAMES_OUT"] = work.file("shared/xor-sweep")
            let result = try runProcess("/bin/bash", [script], in: work.path, environment: environment)
            #expect(result.status == 0, "task \(task): \(result.stderr)")
        }
        let assembled = try netframes(["assemble", "shared/xor-sweep"], in: work, environment: base)
        #expect(assembled.status == 0, "\(assembled.stderr)")
        let expected = try filesBelow(work.file("reference/xor-sweep"))
        #expect(expected.count > 20)
        #expect(try filesBelow(work.file("shared/xor-sweep")) == expected)
    }

    @Test("the Kubernetes Indexed Job: each pod's command and variables, then assemble")
    func kubernetes() throws {
        let (work, base) = try prepare()
        defer { work.remove() }
        let text = try String(contentsOfFile: Self.examples + "/indexed-job.yaml", encoding: .utf8)
        let job = try #require(try Yams.load(yaml: text) as? [String: Any])
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let command = try #require(container["command"] as? [String])
        let variables = try #require(container["env"] as? [[String: Any]])
        var environment = base
        for variable in variables {
            environment[try #require(variable["name"] as? String)] = try #require(variable["value"] as? String)
        }
        #expect(environment["NETFRAMES_SHARD_COUNT"] == "\(completions)", "NETFRAMES_SHARD_COUNT must equal completions")
        #expect(command.first == "netframes")
        // The pods share a volume at /shared; here it is a folder of the test's.
        let arguments = command.dropFirst().map { $0.replacingOccurrences(of: "/shared/", with: work.file("shared") + "/") }
        for index in 0..<completions {
            environment["JOB_COMPLETION_INDEX"] = "\(index)"
            let result = try netframes(Array(arguments), in: work, environment: environment)
            #expect(result.status == 0, "pod \(index): \(result.stderr)")
        }
        let assembled = try netframes(["assemble", "shared/xor-sweep"], in: work, environment: base)
        #expect(assembled.status == 0, "\(assembled.stderr)")
        #expect(try filesBelow(work.file("shared/xor-sweep")) == filesBelow(work.file("reference/xor-sweep")))
    }
}
