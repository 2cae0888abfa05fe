import Foundation
import NetFramesGraphics
import NetFramesScene

/// A batch's contact sheet: each run's final frame in a grid, labelled with the run's
/// name, final loss and accuracy, as one PNG.
public enum ContactSheet {
    /// The sheet as a scene: thumbnails (read from `folder`, where the outcomes' paths
    /// start) become raster items, scaled down by averaging; a run without one gets a
    /// placeholder saying why.
    public static func scene(_ outcomes: [RunOutcome], folder: String, style: ContactSheetStyle,
                             title: String = "") -> Scene {
        let layout = ContactSheetLayout(runCount: outcomes.count, style: style, hasTitle: !title.isEmpty)
        let measurer = CairoTextMeasurer()
        let nameFont = Font(family: style.fontFamily, size: style.fontSize, bold: true)
        let detailFont = Font(family: style.fontFamily, size: (style.fontSize * 0.9).rounded())
        var items: [SceneItem] = []
        func text(_ string: String, _ point: Point, _ font: Font, _ color: Color, width: Double,
                  horizontal: HorizontalAnchor = .left, vertical: VerticalAnchor = .top) {
            let fitted = fit(string, font: font, width: width, measurer: measurer)
            items.append(.text(TextItem(fitted, at: point, font: font, color: color, horizontal: horizontal, vertical: vertical)))
        }

        if let band = layout.title {
            let font = Font(family: style.fontFamily, size: (style.fontSize * 1.5).rounded(), bold: true)
            text(title, Point(band.x, band.y), font, style.text, width: band.width)
        }
        for (index, cell) in layout.cells.enumerated() {
            let outcome = outcomes[index]
            items.append(.rect(cell, cornerRadius: 0, fill: style.cellBackground, stroke: nil))
            switch thumbnail(of: outcome, folder: folder) {
            case .image(let image):
                items.append(raster(image, fittedIn: cell))
            case .missing(let reason):
                items.append(.rect(cell, cornerRadius: 0, fill: style.placeholder, stroke: nil))
                text(reason, cell.center, detailFont, outcome.diverged == nil ? style.mutedText : style.divergedText,
                     width: cell.width - 24, horizontal: .center, vertical: .middle)
            }
            items.append(.rect(cell.insetBy(-0.5), cornerRadius: 0, fill: nil, stroke: Stroke(style.border, width: 1)))

            let band = layout.labels[index]
            text(outcome.name, Point(band.x, band.y + 5), nameFont, style.text, width: band.width)
            let detail = detailLine(outcome)
            text(detail, Point(band.x, band.y + 5 + style.fontSize * 1.35), detailFont,
                 outcome.diverged == nil ? style.mutedText : style.divergedText, width: band.width)
        }
        if let note = layout.note {
            let message = outcomes.isEmpty
                ? "No runs in this batch."
                : "… and \(outcomes.count - layout.cells.count) more runs, not shown here; index.html lists them all."
            text(message, Point(note.x, note.y + note.height / 2), detailFont, style.mutedText, width: note.width,
                 vertical: .middle)
        }
        return Scene(width: layout.width, height: layout.height, background: style.background, items: items,
                     title: title.isEmpty ? "Contact sheet" : title,
                     summary: "The final frame of each of \(outcomes.count) runs, labelled with its name, final loss and accuracy.")
    }

    /// The line under a run's name: its final loss and accuracy, or why it stopped.
    static func detailLine(_ outcome: RunOutcome) -> String {
        if let diverged = outcome.diverged { return diverged }
        var parts: [String] = []
        parts.append("loss " + (outcome.finalLoss.map(lossText) ?? "not a number"))
        if let accuracy = outcome.accuracy { parts.append("accuracy " + percentText(accuracy)) }
        return parts.joined(separator: " · ")
    }

    /// A loss to four significant digits (`0.01234`, `1.235e-05`).
    static func lossText(_ loss: Double) -> String {
        String(format: "%.4g", loss)
    }

    /// A share as a percentage with at most one decimal; only a perfect score shows 100%.
    static func percentText(_ share: Double) -> String {
        guard share < 1 else { return "100%" }
        let tenths = min(999, (share * 1000).rounded(.down))
        let text = String(format: "%.1f", tenths / 10)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }

    // MARK: Thumbnails

    enum Thumbnail {
        case image(RGBAImage)
        /// Why there is no image, said in the cell.
        case missing(String)
    }

    /// A run's final frame decoded, or the reason there is none.
    static func thumbnail(of outcome: RunOutcome, folder: String) -> Thumbnail {
        guard let relative = outcome.thumbnail else {
            return .missing(outcome.diverged == nil ? "no final frame" : "diverged: no final frame")
        }
        let path = relative.hasPrefix("/") ? relative : folder + "/" + relative
        guard let data = FileManager.default.contents(atPath: path) else {
            return .missing("\(relative) is missing")
        }
        let bytes = [UInt8](data)
        if let size = pngSize(bytes), size.width * size.height > maxThumbnailPixels {
            return .missing("\(relative) is too large (\(size.width)×\(size.height))")
        }
        guard let image = try? RGBAImage(pngData: bytes), image.width > 0, image.height > 0 else {
            return .missing("\(relative) is not a readable PNG")
        }
        return .image(image)
    }

    /// The most pixels a thumbnail may have (an 8K frame has 33 million): decoding one
    /// takes four bytes a pixel, and a PNG's header can claim any size.
    static let maxThumbnailPixels = 50_000_000

    /// The width and height a PNG's header states, if the bytes begin like a PNG.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            return nil
        }
        func word(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    /// `image` fitted into `cell`, keeping its proportions and centred, as a raster item:
    /// scaled down by averaging the pixels each output pixel covers, never scaled up.
    static func raster(_ image: RGBAImage, fittedIn cell: Rect) -> SceneItem {
        let scale = min(1, cell.width / Double(image.width), cell.height / Double(image.height))
        let width = max(1, Int((Double(image.width) * scale).rounded()))
        let height = max(1, Int((Double(image.height) * scale).rounded()))
        let rect = Rect(x: cell.x + ((cell.width - Double(width)) / 2).rounded(.down),
                        y: cell.y + ((cell.height - Double(height)) / 2).rounded(.down),
                        width: Double(width), height: Double(height))
        return .raster(rect, columns: width, rows: height, colors: downsample(image, width: width, height: height))
    }

    /// The image at `width`×`height` (no larger than it is): each pixel the alpha-weighted
    /// mean of the source pixels it covers.
    static func downsample(_ image: RGBAImage, width: Int, height: Int) -> [Color] {
        var colors: [Color] = []
        colors.reserveCapacity(width * height)
        image.bytes.withUnsafeBufferPointer { bytes in
            for y in 0..<height {
                let y0 = y * image.height / height, y1 = max(y0 + 1, (y + 1) * image.height / height)
                for x in 0..<width {
                    let x0 = x * image.width / width, x1 = max(x0 + 1, (x + 1) * image.width / width)
                    var r = 0, g = 0, b = 0, a = 0
                    for sy in y0..<y1 {
                        var i = (sy * image.width + x0) * 4
                        for _ in x0..<x1 {
                            let alpha = Int(bytes[i + 3])
                            r += Int(bytes[i]) * alpha
                            g += Int(bytes[i + 1]) * alpha
                            b += Int(bytes[i + 2]) * alpha
                            a += alpha
                            i += 4
                        }
                    }
                    let count = Double((y1 - y0) * (x1 - x0))
                    if a == 0 {
                        colors.append(.clear)
                    } else {
                        let total = Double(a) * 255
                        colors.append(Color(red: Double(r) / total, green: Double(g) / total, blue: Double(b) / total,
                                            alpha: Double(a) / (count * 255)))
                    }
                }
            }
        }
        return colors
    }

    /// `string` cut with an ellipsis where it would be wider than `width` in `font`.
    static func fit(_ string: String, font: Font, width: Double, measurer: CairoTextMeasurer) -> String {
        guard measurer.measure(string, font: font).width > width else { return string }
        var low = 0, high = string.count
        while low < high {
            let middle = (low + high + 1) / 2
            if measurer.measure(String(string.prefix(middle)) + "…", font: font).width <= width {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return String(string.prefix(low)) + "…"
    }
}

extension BatchSummary {
    /// One PNG of every run's final frame in a grid (`ContactSheet`), each labelled with the
    /// run's name, final loss and accuracy, on a light background.
    ///
    /// - Parameters:
    ///   - folder: the batch folder, where the thumbnails' relative paths start.
    ///   - style: cell size, columns and colours; by default `ContactSheetStyle.automatic`.
    ///   - title: printed above the grid when not empty.
    public static func contactSheet(_ outcomes: [RunOutcome], folder: String, style: ContactSheetStyle? = nil,
                                    title: String = "") throws -> [UInt8] {
        let scene = ContactSheet.scene(outcomes, folder: folder,
                                       style: style ?? .automatic(runCount: outcomes.count), title: title)
        return try SceneRenderer().pngData(scene, compression: .small)
    }
}
