import Testing
import NetFramesRender

/// `--shard K/N`: every frame or run in exactly one part, for any N.
@Suite("Shards")
struct ShardTests {
    @Test("the parts of any split cover the whole exactly once, in order, and differ in size by at most one")
    func partition() throws {
        for total in [0, 1, 2, 3, 7, 12, 100, 1001, 8_000_000] {
            for count in 1...40 {
                var next = 0
                var sizes: [Int] = []
                for index in 0..<count {
                    let range = try Shard(index: index, count: count).range(of: total)
                    #expect(range.lowerBound == next, "total \(total), \(index + 1)/\(count) starts at \(range.lowerBound), not \(next)")
                    next = range.upperBound
                    sizes.append(range.count)
                }
                #expect(next == total, "total \(total) split \(count) ways ends at \(next)")
                #expect(sizes.max()! - sizes.min()! <= 1, "total \(total) split \(count) ways: sizes \(sizes)")
            }
        }
    }

    @Test("a huge total splits without overflow")
    func hugeTotal() throws {
        let total = Int.max / 2
        let last = try Shard(index: 6, count: 7).range(of: total)
        #expect(last.upperBound == total)
        #expect(try Shard(index: 0, count: 7).range(of: total).upperBound == total / 7)
    }

    @Test("K/N is read with K from 1; impossible shards say what is allowed")
    func parsing() throws {
        let shard = try Shard(parsing: "2/8")
        #expect(shard.index == 1 && shard.count == 8)
        #expect(shard.description == "2/8")
        for bad in ["0/3", "4/3", "1/0", "x/3", "2", "2/3/4", "", "-1/3"] {
            #expect(throws: ShardError.self, "\(bad)") { try Shard(parsing: bad) }
        }
        #expect(throws: ShardError.self) { try Shard(parsing: "4/3") }
        do {
            _ = try Shard(parsing: "4/3")
        } catch {
            #expect("\(error)" == "shard 4 of 3 does not exist; shards are numbered 1 to 3")
        }
    }

    @Test("job-array variables: Slurm from its first task id, Kubernetes with the count given")
    func environment() throws {
        #expect(try Shard.fromEnvironment([:]) == nil)
        let slurm = try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4",
                                               "SLURM_ARRAY_TASK_COUNT": "3"])
        #expect(slurm == (try Shard(index: 1, count: 3)))
        let slurmFromZero = try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(slurmFromZero == (try Shard(index: 0, count: 2)))
        let kubernetes = try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "3", "NETFRAMES_SHARD_COUNT": "4"])
        #expect(kubernetes == (try Shard(index: 3, count: 4)))
        let overridden = try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "3"], countOverride: 10)
        #expect(overridden == (try Shard(index: 3, count: 10)))
        #expect(throws: ShardError.self) { try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "0"]) }
        #expect(throws: ShardError.self) { try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "1"]) }
        #expect(throws: ShardError.self) {
            try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "seven", "SLURM_ARRAY_TASK_COUNT": "8"])
        }
        #expect(throws: ShardError.self) {
            try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "4", "NETFRAMES_SHARD_COUNT": "4"])
        }
    }
}
