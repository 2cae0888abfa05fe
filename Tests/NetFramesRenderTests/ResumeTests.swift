import Foundation
import Testing
import NetFramesDiagram
import NetFramesFiles
import NetFramesRender
import NetFramesRunFile
import NetFramesRun
import NetFramesTestSupport

/// Re-rendering a folder keeps what is complete and valid, redraws what changed, and
/// finishes an interrupted render with the same bytes as an uninterrupted one.
@Suite("Resume, interruption and shards")
struct ResumeTests {
    /// A [3, 4, 2] run over 4 steps: 6 frames a step, 24 in all.
    static let yaml = Fixture.shaped([3, 4, 2], iterations: 4, name: "resume")

    func render(_ folder: String, style: DiagramStyle? = nil, jobs: Int = 2, shard: Shard? = nil,
                cancellation: RenderCancellation? = nil,
                progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> RenderSummary {
        let run = try Fixture.run(Self.yaml)
        return try FrameRenderer(run: run, style: style ?? run.render)
            .render(to: FrameOutput(folder: folder, jobs: jobs, shard: shard, cancellation: cancellation),
                    progress: progress)
    }

    func contents(_ folder: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try fileNames(in: folder) where !name.hasPrefix(".") { files[name] = try readBytes(folder + "/" + name) }
        return files
    }

    @Test("a second render keeps every frame; a damaged or deleted frame is drawn again; the bytes match")
    func keepsValidFrames() throws {
        let reference = try TemporaryFolder("resume-ref"), folder = try TemporaryFolder("resume")
        defer { reference.remove(); folder.remove() }
        let first = try render(reference.path)
        #expect(first.manifest.entries.count == 24 && first.framesKept == 0)
        _ = try render(folder.path)
        let again = try render(folder.path)
        #expect(again.framesKept == 24)
        try writeBytes(Array("not a png".utf8), to: folder.file("frame_000005.png"))
        try FileManager.default.removeItem(atPath: folder.file("frame_000017.png"))
        let repaired = try render(folder.path)
        #expect(repaired.framesKept == 22)
        #expect(try contents(folder.path) == (try contents(reference.path)))
    }

    @Test("a changed setting redraws the frames it changes")
    func changedSettings() throws {
        try withTemporaryFolder("resume-settings") { folder in
            _ = try render(folder.path)
            var dark = try Fixture.run(Self.yaml).render
            dark.theme = .dark
            let redrawn = try render(folder.path, style: dark)
            #expect(redrawn.framesKept == 0)
            let manifest = try FrameManifest(contentsOf: folder.file("manifest.json"))
            for entry in manifest.entries {
                #expect(ContentDigest.sha256(file: folder.file(entry.file)) == entry.sha256, "\(entry.file)")
            }
            #expect(try render(folder.path, style: dark).framesKept == 24)
        }
    }

    @Test("a render stopped after its first batch lists only finished frames, and a re-run gives the same bytes")
    func interrupted() throws {
        let reference = try TemporaryFolder("interrupt-ref"), folder = try TemporaryFolder("interrupt")
        defer { reference.remove(); folder.remove() }
        _ = try render(reference.path, jobs: 1)
        let cancellation = RenderCancellation()
        #expect(throws: RenderInterrupted.self) {
            _ = try render(folder.path, jobs: 1, cancellation: cancellation) { done, _ in
                if done >= 8 { cancellation.cancel(signal: SIGTERM) }
            }
        }
        let partial = try FrameManifest(contentsOf: folder.file("manifest.json"))
        #expect(partial.entries.count == 8, "the first batch is 8 frames")
        #expect(partial.entries.map(\.index) == Array(1...8))
        for entry in partial.entries {
            #expect(ContentDigest.sha256(file: folder.file(entry.file)) == entry.sha256)
        }
        let names = try fileNames(in: folder.path)
        #expect(!names.contains { $0.contains(".partial") || $0.hasSuffix(".journal") }, "\(names)")
        let resumed = try render(folder.path, jobs: 2)
        #expect(resumed.framesKept == 8)
        #expect(try contents(folder.path) == (try contents(reference.path)))
    }

    @Test("shards with any jobs, assembled, equal one render; a missing part is named exactly", arguments: [2, 3, 5])
    func shardsAssemble(count: Int) throws {
        let reference = try TemporaryFolder("shards-ref"), folder = try TemporaryFolder("shards")
        defer { reference.remove(); folder.remove() }
        _ = try render(reference.path, jobs: 1)
        for k in 0..<count where k != 1 {
            let part = try render(folder.path, jobs: k % 2 + 1, shard: try Shard(index: k, count: count))
            #expect(part.manifest.range == (try Shard(index: k, count: count)).range(of: 24))
        }
        let gap = try Shard(index: 1, count: count).range(of: 24)
        do {
            try ManifestAssembly.join(folder.path)
            Issue.record("assembled with a part missing")
        } catch let missing as ManifestAssembly.Missing {
            #expect(missing.frames == [(gap.lowerBound + 1)...gap.upperBound])
            #expect(missing.absentParts == ["manifest.part-2-of-\(count).json"])
            #expect(missing.description.contains("\(gap.count) frames are missing: \(gap.lowerBound + 1)–\(gap.upperBound)"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("manifest.json")))
        _ = try render(folder.path, jobs: 2, shard: try Shard(index: 1, count: count))
        try FileManager.default.removeItem(atPath: folder.file("frame_000001.png"))
        #expect(throws: ManifestAssembly.Missing.self) { try ManifestAssembly.join(folder.path) }
        _ = try render(folder.path, jobs: 1, shard: try Shard(index: 0, count: count))
        let whole = try ManifestAssembly.join(folder.path)
        #expect(whole.entries.count == 24 && whole.isWhole)
        #expect(try contents(folder.path) == (try contents(reference.path)))
    }

    @Test("an animation's pass ends on the still a full render draws last, with the same final parameters")
    func finale() throws {
        let run = try Fixture.run(Self.yaml)
        let renderer = FrameRenderer(run: run, style: run.render)
        let summary = try withTemporaryFolder("finale") { folder in
            try renderer.render(to: FrameOutput(folder: folder.path, jobs: 2))
        }
        let pipeline = FramePipeline(run: run, style: run.render, source: .animation(run.animation), jobs: 2)
        var counter = CountingSink()
        let end = try pipeline.run(into: &counter)
        #expect(counter.frames == pipeline.frameCount && counter.finished)
        let lastScene = try #require(end.finalState.map(renderer.builder.scene))
        #expect(lastScene == summary.lastScene)
        #expect(end.finalParameters == summary.finalParameters)
        #expect(end.divergence == nil && end.reachedEnd)
    }

    @Test("a shard's pass stops training once its last frame is drawn, and reports no end")
    func shardStopsEarly() throws {
        let run = try Fixture.run(Self.yaml)
        let pipeline = FramePipeline(run: run, style: run.render, jobs: 1)
        var counter = CountingSink()
        let end = try pipeline.run(into: &counter, frames: 0..<5)
        #expect(counter.frames == 5)
        #expect(!end.reachedEnd && end.finalState == nil)
        var whole = CountingSink()
        #expect(end.finalParameters != (try pipeline.run(into: &whole)).finalParameters)
    }
}

/// Counts frames without drawing them.
private struct CountingSink: FrameSink {
    var frames = 0
    var finished = false
    func draw(_ frame: PipelineFrame) throws -> Int { frame.index }
    mutating func receive(_ index: Int) throws {
        #expect(index == frames)
        frames += 1
    }
    mutating func finish(_ ending: PipelineEnding) throws {
        if case .finished = ending { finished = true }
    }
}
