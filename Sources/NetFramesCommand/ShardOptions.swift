import ArgumentParser
import Foundation
import NetFramesRender

/// How a command takes its share of the work on a cluster, and whether it resumes.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("""
        Draw only part K of N of the work (K from 1 to N): whole runs when there are at least N, \
        otherwise a range of each run's frames. Default: the job array's task from SLURM_ARRAY_TASK_ID \
        or JOB_COMPLETION_INDEX, when set. Join the parts with `netframes assemble`.
        """, valueName: "K/N"))
    var shard: String?

    @Option(help: "The number of shards, for Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX does not say); default NETFRAMES_SHARD_COUNT.")
    var shardCount: Int?

    @Flag(help: "Draw every frame again instead of keeping frames an earlier render finished.")
    var noResume = false

    func validate() throws {
        if let shard { _ = try parse(shard) }
        if let shardCount, shardCount < 1 { throw ValidationError("--shard-count must be 1 or more, not \(shardCount).") }
    }

    /// The shard this process renders, from the flag or the environment; `nil` for all of the work.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Shard? {
        if let shard { return try parse(shard) }
        do {
            return try Shard.fromEnvironment(environment, countOverride: shardCount)
        } catch let error as ShardError {
            throw ValidationError(error.description)
        }
    }

    private func parse(_ text: String) throws -> Shard {
        do {
            return try Shard(parsing: text)
        } catch let error as ShardError {
            throw ValidationError(error.description)
        }
    }
}
