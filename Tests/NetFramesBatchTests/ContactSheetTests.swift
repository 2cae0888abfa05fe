import Foundation
import NetFramesBatch
import NetFramesFiles
import NetFramesGraphics
import NetFramesScene
import NetFramesTestSupport
import Testing

/// The contact sheet: its size, and that each cell shows its run's final frame.
@Suite struct ContactSheetTests {
    let red = Color(red: 1, green: 0, blue: 0), blue = Color(red: 0, green: 0, blue: 1)
    let green = Color(red: 0, green: 0.5, blue: 0)

    /// A PNG of `width`×`height` filled by `items` over white.
    func png(_ width: Double, _ height: Double, _ items: [SceneItem]) throws -> [UInt8] {
        try SceneRenderer().pngData(Scene(width: width, height: height, background: .white, items: items))
    }

    /// The thumbnails: red|blue halves at cell size, a 2×2-pixel black and white checkerboard
    /// at twice the size, and a green square.
    func makeThumbnails(in folder: TemporaryFolder) throws {
        try folder.write("halves/final.png", try png(480, 270, [
            .rect(Rect(x: 0, y: 0, width: 240, height: 270), cornerRadius: 0, fill: red, stroke: nil),
            .rect(Rect(x: 240, y: 0, width: 240, height: 270), cornerRadius: 0, fill: blue, stroke: nil),
        ]))
        let checker = (0..<(540 * 960)).map { i in (i / 960 + i % 960) % 2 == 0 ? Color.black : Color.white }
        try folder.write("checker/final.png", try png(960, 540, [
            .raster(Rect(x: 0, y: 0, width: 960, height: 540), columns: 960, rows: 540, colors: checker),
        ]))
        try folder.write("square/final.png", try png(300, 300, [
            .rect(Rect(x: 0, y: 0, width: 300, height: 300), cornerRadius: 0, fill: green, stroke: nil),
        ]))
        try folder.write("broken/final.png", "not a PNG")
        // A valid header claiming 30000×30000 pixels (3.6 GB decoded) is not decoded at all.
        var huge = try png(2, 2, [])
        huge.replaceSubrange(16..<24, with: [0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30])
        let crc = crc32(huge[12..<29])
        huge.replaceSubrange(29..<33, with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        try folder.write("huge/final.png", huge)
    }

    @Test func cellsShowTheirThumbnailsAndPlaceholders() throws {
        let folder = try TemporaryFolder()
        try makeThumbnails(in: folder)
        let outcomes = [
            sampleOutcome("halves"), sampleOutcome("checker"), sampleOutcome("square"),
            sampleOutcome("diverged") { $0.thumbnail = nil; $0.diverged = "training diverged at iteration 3"; $0.finalLoss = nil },
            sampleOutcome("missing"), sampleOutcome("broken"), sampleOutcome("huge"),
        ]
        let bytes = try BatchSummary.contactSheet(outcomes, folder: folder.path)
        let sheet = try RGBAImage(pngData: bytes)
        let style = ContactSheetStyle.automatic(runCount: 7)
        let layout = ContactSheetLayout(runCount: 7, style: style, hasTitle: false)
        // Four 480×270 cells to a row, 16 apart, 24 around; a 52-pixel label band under each.
        #expect(layout.columns == 4 && layout.rows == 2)
        #expect(sheet.width == 2016)  // 24 + 4 · 480 + 3 · 16 + 24
        #expect(sheet.height == 708)  // 24 + 2 · (270 + 52) + 16 + 24
        #expect(layout.cells[5] == Rect(x: 24 + 496, y: 24 + 270 + 52 + 16, width: 480, height: 270))

        func pixel(_ cell: Int, _ dx: Double, _ dy: Double) -> [UInt8] {
            let p = sheet.pixel(x: Int(layout.cells[cell].x + dx), y: Int(layout.cells[cell].y + dy))
            return [p.r, p.g, p.b, p.a]
        }
        // 1:1, each half where it was.
        #expect(pixel(0, 10, 10) == [255, 0, 0, 255])
        #expect(pixel(0, 239, 269) == [255, 0, 0, 255])
        #expect(pixel(0, 240, 0) == [0, 0, 255, 255])
        #expect(pixel(0, 470, 135) == [0, 0, 255, 255])
        // Halved by averaging: each 2×2 block of black and white becomes mid grey, not black or white.
        for (dx, dy) in [(0.0, 0.0), (101, 57), (479, 269)] {
            let grey = pixel(1, dx, dy)
            #expect(grey[0] >= 127 && grey[0] <= 128 && grey[0] == grey[1] && grey[1] == grey[2], "\(grey)")
        }
        // A square fitted into 270×270, centred: white cell to its sides.
        #expect(pixel(2, 240, 135) == [0, 128, 0, 255])
        #expect(pixel(2, 105, 0) == [0, 128, 0, 255] && pixel(2, 374, 269) == [0, 128, 0, 255])
        #expect(pixel(2, 104, 135) == [255, 255, 255, 255] && pixel(2, 375, 135) == [255, 255, 255, 255])
        // No thumbnail, a missing file, an unreadable one, one too large: the placeholder grey (0xE4E7EB).
        for cell in [3, 4, 5, 6] {
            #expect(pixel(cell, 8, 8) == [0xE4, 0xE7, 0xEB, 255])
        }
        // The page around the cells is the light background (0xF3F4F6).
        #expect(sheet.pixel(x: 5, y: 5) == (0xF3, 0xF4, 0xF6, 255))
    }

    @Test func manyRunsGetSmallerCellsAndANote() throws {
        let style = ContactSheetStyle.automatic(runCount: 200)
        #expect(style.cellWidth == 240 && style.cellHeight == 135 && style.maxColumns == 8 && style.maxRuns == 96)
        let layout = ContactSheetLayout(runCount: 200, style: style, hasTitle: true)
        #expect(layout.cells.count == 96 && layout.columns == 8 && layout.rows == 12)
        #expect(layout.width == 2080)  // 24 + 8 · 240 + 7 · 16 + 24
        #expect(layout.note != nil)
        #expect(ContactSheetLayout(runCount: 0, style: ContactSheetStyle(), hasTitle: false).note != nil)
    }

    @Test func writeMakesEveryFileAndNothingElse() throws {
        let folder = try TemporaryFolder()
        try makeThumbnails(in: folder)
        let outcomes = [sampleOutcome("halves"), sampleOutcome("square")]
        let written = try BatchSummary.write(outcomes, to: folder.path, title: "Two runs")
        #expect(written == ["summary.csv", "summary.json", "index.html", "contact-sheet.png"])
        let contents = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(contents == ["broken", "checker", "contact-sheet.png", "halves", "huge", "index.html", "square",
                             "summary.csv", "summary.json"])
        let csv = try String(contentsOfFile: folder.path + "/summary.csv", encoding: .utf8)
        #expect(csv == BatchSummary.csv(outcomes))
        // With a title, the grid moves down by the title band (48 pixels at the default size).
        let sheet = try RGBAImage(pngData: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path + "/contact-sheet.png"))))
        #expect(sheet.width == 24 + 2 * 480 + 16 + 24)
        #expect(sheet.height == 24 + 48 + 270 + 52 + 24)
        #expect(sheet.pixel(x: 24 + 10, y: 24 + 48 + 10) == (255, 0, 0, 255))
        // The same outcomes make the same bytes.
        let again = try BatchSummary.contactSheet(outcomes, folder: folder.path, title: "Two runs")
        #expect(again == [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path + "/contact-sheet.png"))))

        // A folder that is not there: nothing is made, and the error names the file.
        do {
            try BatchSummary.write(outcomes, to: folder.path + "/no/such", title: "")
            Issue.record("wrote into a folder that does not exist")
        } catch let error as NetFramesError {
            #expect(error.path == folder.path + "/no/such/summary.csv")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/no"))
    }
}

/// The CRC-32 a PNG chunk ends with (over its type and data).
func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}
