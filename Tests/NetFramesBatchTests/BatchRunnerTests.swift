import Foundation
import Testing
import NetFramesBatch
import NetFramesFiles
import NetFramesRender
import NetFramesRunFile
import NetFramesTestSupport

/// A batch gives the same bytes whatever --jobs is and however it is sharded, resumes,
/// and reports a diverging run without stopping.
@Suite("Batch runner", .serialized)
struct BatchRunnerTests {
    /// Four runs (2 learning rates × 2 seeds) of a [2, 2, 1] network, 3 steps each: 18 frames a run.
    static let sweep = """
        name: tiny
        network: {layers: [2, 2, 1], hidden: tanh, output: sigmoid, seed: 1}
        training: {loss: crossEntropy, learningRate: 0.5, iterations: 3}
        data: {builtin: xor}
        render: {width: 320, height: 180}
        sweep:
          training.learningRate: [0.5, 2]
          network.seed: [1, 2]
        """

    func plan(in folder: TemporaryFolder, text: String = sweep) throws -> BatchPlan {
        let path = try folder.write("runs/tiny.yaml", text)
        return try BatchPlan.load(paths: [path])
    }

    func expectSame(_ a: [String: Data], _ b: [String: Data], _ what: String) {
        #expect(a.keys.sorted() == b.keys.sorted(), "\(what): files differ: \(Set(a.keys).symmetricDifference(b.keys).sorted())")
        for (name, data) in a where b[name] != data { Issue.record("\(what): \(name) differs") }
    }

    @Test("a batch writes a folder per run and the summary; --jobs 1 and 2 give the same bytes")
    func jobsEquality() throws {
        let folder = try TemporaryFolder()
        let plan = try plan(in: folder)
        #expect(plan.entries.map(\.name) == ["tiny-lr0.5-seed1", "tiny-lr0.5-seed2", "tiny-lr2-seed1", "tiny-lr2-seed2"])
        let one = try BatchRunner(plan: plan, settings: BatchSettings(folder: folder.path + "/j1/out", jobs: 1)).run()
        let two = try BatchRunner(plan: plan, settings: BatchSettings(folder: folder.path + "/j2/out", jobs: 2)).run()
        #expect(one.frames == 4 * 18 && two.frames == 4 * 18)
        #expect(one.summaryFiles.sorted() == ["contact-sheet.png", "index.html", "summary.csv", "summary.json"])
        #expect(one.outcomes.map(\.name) == plan.entries.map(\.name))
        let files = try filesBelow(folder.path + "/j1/out")
        for name in plan.entries.map(\.name) {
            for file in ["manifest.json", "final.png", "outcome.json", "frame_000018.png"] {
                #expect(files["\(name)/\(file)"] != nil, "\(name)/\(file) missing")
            }
        }
        expectSame(files, try filesBelow(folder.path + "/j2/out"), "jobs 1 vs 2")
        // The outcome read back is the one returned.
        let back = try RunOutcome(json: String(decoding: files["tiny-lr2-seed2/outcome.json"]!, as: UTF8.self), file: "o")
        #expect(back == one.outcomes[3])
        #expect(back.frames == 18 && back.thumbnail == "tiny-lr2-seed2/final.png" && back.diverged == nil)
    }

    @Test("shards of runs or of frames, assembled, equal one process's batch", arguments: [2, 3, 4, 7])
    func shards(count: Int) throws {
        let folder = try TemporaryFolder()
        let plan = try plan(in: folder)
        _ = try BatchRunner(plan: plan, settings: BatchSettings(folder: folder.path + "/whole/out", jobs: 2)).run()
        let out = folder.path + "/sharded/out"
        for k in (0..<count).reversed() {
            let runner = BatchRunner(plan: plan, settings: BatchSettings(folder: out, jobs: k % 2 + 1,
                                                                          shard: try Shard(index: k, count: count)))
            // Whole runs while there are as many runs as shards; ranges of every run's frames beyond.
            #expect(runner.share.frameShard == (count > 4 ? try Shard(index: k, count: count) : nil))
            let result = try runner.run()
            #expect(result.summaryFiles.isEmpty)
            if k == 1 {
                #expect(throws: BatchAssembly.MissingRuns.self) { try BatchAssembly.assemble(out) }
            }
        }
        let files = try BatchAssembly.assemble(out)
        #expect(files.count == 4)
        expectSame(try filesBelow(folder.path + "/whole/out"), try filesBelow(out), "\(count) shards")
    }

    @Test("a shard that did not finish is named with its runs")
    func missingShard() throws {
        let folder = try TemporaryFolder()
        let plan = try plan(in: folder)
        let out = folder.path + "/out"
        for k in [0, 2] {
            _ = try BatchRunner(plan: plan, settings: BatchSettings(folder: out, jobs: 2, shard: try Shard(index: k, count: 3))).run()
        }
        do {
            _ = try BatchAssembly.assemble(out)
            Issue.record("assembled without shard 2")
        } catch let missing as BatchAssembly.MissingRuns {
            // 4 runs in 3 shards: 0..<1, 1..<2, 2..<4.
            #expect(missing.runs.map(\.name) == ["tiny-lr0.5-seed2"])
            #expect(missing.unfinishedShards == ["2/3"])
            #expect(missing.description.hasSuffix("1 of 4 runs has not finished: tiny-lr0.5-seed2 (run 2 of 4); "
                + "shard 2/3 did not finish: run it again and assemble again"), "\(missing.description)")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"))
    }

    @Test("a second batch into the same folder keeps every frame")
    func resume() throws {
        let folder = try TemporaryFolder()
        let plan = try plan(in: folder)
        let settings = BatchSettings(folder: folder.path + "/out", jobs: 2)
        let first = try BatchRunner(plan: plan, settings: settings).run()
        let before = try filesBelow(folder.path + "/out")
        let again = try BatchRunner(plan: plan, settings: settings).run()
        #expect(first.framesKept == 0 && again.framesKept == 72 && again.frames == 72)
        expectSame(before, try filesBelow(folder.path + "/out"), "resumed")
    }

    @Test("a diverging run is reported in its outcome and the summary, and the batch goes on")
    func divergence() throws {
        let folder = try TemporaryFolder()
        let text = """
            name: wild
            network: {layers: [1, 1], output: linear, weights: [[[1]]], biases: [[0]]}
            training: {loss: mse, learningRate: 1000, iterations: 6}
            data:
              - {input: [1e30], target: [0]}
            render: {width: 320, height: 180}
            sweep:
              training.learningRate: [1e-61, 1000]
            """
        let plan = try plan(in: folder, text: text)
        let result = try BatchRunner(plan: plan, settings: BatchSettings(folder: folder.path + "/out", jobs: 2)).run()
        #expect(result.outcomes.count == 2)
        #expect(result.outcomes[0].diverged == nil)
        let diverged = try #require(result.outcomes[1].diverged)
        #expect(diverged.contains("iteration"), "\(diverged)")
        let csv = try String(contentsOfFile: folder.path + "/out/summary.csv", encoding: .utf8)
        #expect(csv.contains("iteration"), "\(csv)")
    }

    @Test("--format html: a player page per run, never split across shards")
    func htmlPages() throws {
        let folder = try TemporaryFolder()
        let plan = try plan(in: folder)
        let out = folder.path + "/out"
        for k in 0..<6 {
            let runner = BatchRunner(plan: plan, settings: BatchSettings(folder: out, format: .html, jobs: 2,
                                                                          shard: try Shard(index: k, count: 6)))
            #expect(runner.share.frameShard == nil)
            _ = try runner.run()
        }
        _ = try BatchAssembly.assemble(out)
        let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
        for name in plan.entries.map(\.name) {
            let page = try String(contentsOfFile: "\(out)/\(name)/\(name).html", encoding: .utf8)
            #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("Backprop"), "\(name)")
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(name)/final.png"))
            #expect(summary.contains("\(name),"), "\(name) not in the summary")
        }
    }
}
