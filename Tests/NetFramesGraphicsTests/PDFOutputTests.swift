import Foundation
import Testing
import NetFramesGraphics
import NetFramesScene
import NetFramesTestSupport

@Suite("PDF output")
struct PDFOutputTests {
    /// The number of `/Type /Page` objects (not `/Pages`) in a PDF cairo wrote.
    private func pageObjects(_ pdf: [UInt8]) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").count - 1
            - (text.components(separatedBy: "/Type /Pages").count - 1)
    }

    @Test("the page count is the number of pages added, sizes may differ")
    func pageCount() throws {
        let document = PDFDocument()
        try document.addPage(DiagramFixture.scene(frame: 0))
        try document.addPage(DiagramFixture.scene(frame: 1))
        try document.addPage(whiteScene([.circle(center: Point(50, 50), radius: 10, fill: .black, stroke: nil)]))
        #expect(document.pageCount == 3)
        let pdf = try document.finish()
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(pageObjects(pdf) == 3)

        let single = try SceneRenderer().pdfData(DiagramFixture.scene())
        #expect(pageObjects(single) == 1)

        if let pdfinfo = which("pdfinfo") {
            let info = try withTemporaryFolder("graphics-pdf") { folder in
                try writeBytes(pdf, to: folder.file("doc.pdf"))
                return try runProcess(pdfinfo, ["-f", "1", "-l", "3", folder.file("doc.pdf")]).stdout
            }
            // pdfinfo aligns its columns with runs of spaces.
            let lines = info.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(lines.contains("Pages: 3"))
            #expect(lines.contains("Title: Training step 0"))
            #expect(lines.contains("Page 1 size: 1280 x 720 pts"))
            #expect(lines.contains("Page 3 size: 200 x 100 pts"))
        }
    }

    @Test("two renders give identical bytes")
    func deterministic() throws {
        func document() throws -> [UInt8] {
            let document = PDFDocument()
            try document.addPage(DiagramFixture.scene(frame: 7))
            try document.addPage(DiagramFixture.scene(frame: 8))
            return try document.finish()
        }
        let first = try document()
        let second = try document()
        #expect(first == second)
        #expect(try SceneRenderer().pdfData(DiagramFixture.scene()) == SceneRenderer().pdfData(DiagramFixture.scene()))
    }

    @Test("vector only: no image objects, even for rasters")
    func vectorOnly() throws {
        var scene = DiagramFixture.scene()
        scene.items.append(.raster(Rect(x: 0, y: 0, width: 60, height: 60), columns: 3, rows: 3,
                                   colors: (0..<9).map { Color(hex: UInt32($0) * 0x111111) }))
        let text = String(decoding: try SceneRenderer().pdfData(scene), as: UTF8.self)
        #expect(!text.contains("/Subtype /Image"))
    }

    @Test("misuse is reported, not crashed on")
    func misuse() throws {
        let empty = PDFDocument()
        #expect(throws: GraphicsError.documentHasNoPages) { try empty.finish() }
        let document = PDFDocument()
        try document.addPage(whiteScene([]))
        _ = try document.finish()
        #expect(throws: GraphicsError.documentAlreadyFinished) { try document.addPage(whiteScene([])) }
        #expect(throws: GraphicsError.documentAlreadyFinished) { try document.finish() }
    }
}
