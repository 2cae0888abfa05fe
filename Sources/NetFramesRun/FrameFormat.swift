/// The file formats a still frame can be written in.
public enum FrameFormat: String, Codable, CaseIterable, Sendable {
    /// A raster image, at the style's scale.
    case png
    /// A vector image, texts as outlines.
    case svg
    /// A vector page, in points.
    case pdf

    /// The file name extension: png, svg or pdf.
    public var fileExtension: String { rawValue }
}
