import Foundation
import Testing
import NetFramesGraphics

/// Rasterises an SVG file with librsvg at exactly `width`x`height` pixels.
public func rsvgConvert(_ svgPath: String, width: Int, height: Int, to pngPath: String) throws -> RGBAImage {
    let tool = try #require(which("rsvg-convert"), "rsvg-convert (librsvg2-bin) is not installed")
    let result = try runProcess(tool, ["-w", "\(width)", "-h", "\(height)", "-o", pngPath, svgPath])
    try #require(result.status == 0, "rsvg-convert failed: \(result.stderr)")
    return try RGBAImage(pngData: readBytes(pngPath))
}

/// The page count `pdfinfo` reports for a PDF.
public func pdfPageCount(_ path: String) throws -> Int {
    let tool = try #require(which("pdfinfo"), "pdfinfo (poppler-utils) is not installed")
    let result = try runProcess(tool, [path])
    try #require(result.status == 0, "pdfinfo failed on \(path): \(result.stderr)")
    let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") },
                            "pdfinfo printed no Pages: line")
    return try #require(Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)))
}

/// Rasterises the first page of a PDF with poppler's pdftoppm at exactly
/// `width`x`height` pixels.
public func pdfToPNG(_ pdfPath: String, width: Int, height: Int, to pngStem: String) throws -> RGBAImage {
    let tool = try #require(which("pdftoppm"), "pdftoppm (poppler-utils) is not installed")
    let result = try runProcess(tool, ["-png", "-singlefile", "-scale-to-x", "\(width)", "-scale-to-y", "\(height)",
                                       pdfPath, pngStem])
    try #require(result.status == 0, "pdftoppm failed: \(result.stderr)")
    return try RGBAImage(pngData: readBytes(pngStem + ".png"))
}
