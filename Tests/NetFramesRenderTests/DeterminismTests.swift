import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRender
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

/// The same run always gives the same bytes, whatever the thread count.
@Suite("Deterministic frames")
struct DeterminismTests {
    /// Renders the demo into a fresh folder and returns every file's bytes by name.
    func render(format: FrameFormat, singleFile: Bool = false, jobs: Int) throws -> [String: [UInt8]] {
        let run = try Fixture.run(Fixture.demo, file: "demo")
        return try withTemporaryFolder("determinism") { folder in
            _ = try FrameRenderer(run: run, style: run.render)
                .render(to: FrameOutput(folder: folder.path, format: format, singleFile: singleFile, jobs: jobs))
            var files: [String: [UInt8]] = [:]
            for name in try fileNames(in: folder.path) {
                files[name] = try readBytes(folder.file(name))
            }
            return files
        }
    }

    func expectIdentical(_ a: [String: [UInt8]], _ b: [String: [UInt8]], _ what: String) {
        #expect(a.keys.sorted() == b.keys.sorted(), "\(what): different files")
        for (name, bytes) in a {
            #expect(b[name] == bytes, "\(what): \(name) differs")
        }
    }

    static let cases: [(FrameFormat, Bool)] = [(.png, false), (.svg, false), (.pdf, false), (.pdf, true)]

    @Test("two renders of one run give byte-identical files and manifest", arguments: cases)
    func twice(format: FrameFormat, singleFile: Bool) throws {
        let first = try render(format: format, singleFile: singleFile, jobs: 1)
        let second = try render(format: format, singleFile: singleFile, jobs: 1)
        #expect(first["manifest.json"] != nil)
        #expect(first.keys.filter { $0.hasSuffix("." + format.fileExtension) }.count == (singleFile ? 1 : 12))
        expectIdentical(first, second, "\(format) twice")
    }

    @Test("1 job and 4 jobs give byte-identical files", arguments: cases)
    func jobs(format: FrameFormat, singleFile: Bool) throws {
        let one = try render(format: format, singleFile: singleFile, jobs: 1)
        let two = try render(format: format, singleFile: singleFile, jobs: 2)
        let four = try render(format: format, singleFile: singleFile, jobs: 4)
        expectIdentical(one, two, "\(format) jobs 1 vs 2")
        expectIdentical(one, four, "\(format) jobs 1 vs 4")
    }

    @Test("frames of one run differ from each other (determinism is not constancy)")
    func framesDiffer() throws {
        let files = try render(format: .png, jobs: 2)
        let frames = files.filter { $0.key.hasPrefix("frame_") }.map(\.value)
        #expect(frames.count == 12)
        #expect(Set(frames).count == 12, "some frames are byte-identical")
    }

    @Test("SceneRenderer's PNG, SVG and PDF of one scene are the same bytes each time, across threads")
    func sceneBytes() async throws {
        let run = try Fixture.run(Fixture.colours)
        let builder = DiagramBuilder(setup: run.setup, style: Fixture.style(), measurer: CairoTextMeasurer())
        let scene = builder.scene(try Fixture.state(try Fixture.states(run), .update))
        let renderer = SceneRenderer()
        let reference = [try renderer.pngData(scene), try renderer.svgData(scene), try renderer.pdfData(scene)]
        let results = try await withThrowingTaskGroup(of: [[UInt8]].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    [try renderer.pngData(scene), try renderer.svgData(scene), try renderer.pdfData(scene)]
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for r in results {
            #expect(r[0] == reference[0], "PNG differs")
            #expect(r[1] == reference[1], "SVG differs")
            #expect(r[2] == reference[2], "PDF differs")
        }
    }
}
