/// The file formats a still frame can be written in.
public enum FrameFormat: String, Codable, CaseIterable, Sendable {
    case png
    case svg
    case pdf

    public var fileExtension: String { rawValue }
}
