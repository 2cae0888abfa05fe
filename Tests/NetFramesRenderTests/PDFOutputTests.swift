import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRender
import NetFramesScene
import NetFramesTestSupport

@Suite("PDF frames")
struct PDFOutputTests {
    @Test("single-file PDF: frames.pdf has one page per manifest entry")
    func singleFile() throws {
        let run = try Fixture.run(Fixture.demo, file: "demo")
        try withTemporaryFolder("pdf-single") { folder in
            let summary = try FrameRenderer(run: run, style: run.render)
                .render(to: FrameOutput(folder: folder.path, format: .pdf, singleFile: true, jobs: 2))
            let entries = summary.manifest.entries
            #expect(entries.count == 12)
            #expect(entries.count == (try Fixture.snapshots(run)).count)
            #expect(try pdfPageCount(folder.file("frames.pdf")) == entries.count)
            #expect(entries.allSatisfy { $0.file == "frames.pdf" })
            #expect(entries.map(\.page) == (1...entries.count).map { $0 })
            // No per-frame files beside the document.
            let names = try fileNames(in: folder.path)
            #expect(!names.contains { $0.hasPrefix("frame_") }, "\(names)")
            #expect(names.contains("manifest.json"))
            // Pages are the frame size in points.
            let info = try runProcess(try #require(which("pdfinfo")), [folder.file("frames.pdf")])
            #expect(info.stdout.contains("1280 x 720 pts"), "\(info.stdout)")
        }
    }

    @Test("without singleFile: one one-page PDF per frame")
    func filePerFrame() throws {
        let run = try Fixture.run(Fixture.demo, file: "demo")
        try withTemporaryFolder("pdf-each") { folder in
            let summary = try FrameRenderer(run: run, style: run.render)
                .render(to: FrameOutput(folder: folder.path, format: .pdf, singleFile: false, jobs: 2))
            let entries = summary.manifest.entries
            #expect(entries.count == 12)
            let pdfs = try fileNames(in: folder.path).filter { $0.hasSuffix(".pdf") }
            #expect(pdfs == (1...12).map { String(format: "frame_%06d.pdf", $0) })
            #expect(entries.map(\.file) == pdfs)
            #expect(entries.allSatisfy { $0.page == nil })
            #expect(!pdfs.contains("frames.pdf"))
            for name in pdfs {
                #expect(try pdfPageCount(folder.file(name)) == 1, "\(name)")
            }
        }
    }

    @Test("a single-file render after a per-frame render leaves no stale frame PDFs, and back")
    func switchingModes() throws {
        let run = try Fixture.run(Fixture.demo, file: "demo")
        try withTemporaryFolder("pdf-switch") { folder in
            let renderer = FrameRenderer(run: run, style: run.render)
            _ = try renderer.render(to: FrameOutput(folder: folder.path, format: .pdf, singleFile: false, jobs: 2))
            _ = try renderer.render(to: FrameOutput(folder: folder.path, format: .pdf, singleFile: true, jobs: 2))
            var names = try fileNames(in: folder.path)
            #expect(names.filter { $0.hasSuffix(".pdf") } == ["frames.pdf"], "\(names)")
            _ = try renderer.render(to: FrameOutput(folder: folder.path, format: .pdf, singleFile: false, jobs: 2))
            names = try fileNames(in: folder.path)
            #expect(!names.contains("frames.pdf"), "\(names)")
            #expect(names.filter { $0.hasSuffix(".pdf") }.count == 12)
        }
    }
}
