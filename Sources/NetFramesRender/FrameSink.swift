import NetFramesScene
import NetFramesRun

/// What a `FrameSink` is handed for each frame: an encoded file, or raw pixels.
public enum FrameEncoding: Sendable, Hashable {
    /// The frame as a file of this format would hold it: PNG, SVG or PDF bytes,
    /// identical to what `FrameRenderer.render(to:)` writes.
    case file(FrameFormat)
    /// Straight-alpha RGBA pixels, 4 bytes a pixel, rows top to bottom with no padding,
    /// at the style's scale (what `SceneRenderer.rasterize` gives).
    case rgba

    /// The extension of the file name in a frame's manifest entry: png, svg, pdf or rgba.
    public var fileExtension: String {
        switch self {
        case .file(let format): return format.fileExtension
        case .rgba: return "rgba"
        }
    }
}

/// One drawn frame of a run, as a `FrameSink` receives it.
public struct RenderedFrame: Sendable {
    /// What the frame shows, as `manifest.json` would list it. `file` is the name the
    /// frame would have in a folder render (`frame_000001.png`, or `.rgba` for pixels);
    /// for pixels, `recipe` is the PNG frame's and `sha256` the digest of the pixels.
    public var entry: FrameManifest.Entry
    /// 1-based position of the frame in the run, as in its file name.
    public var number: Int
    /// How `bytes` are encoded.
    public var encoding: FrameEncoding
    /// The encoded file, or the pixels.
    public var bytes: [UInt8]
    /// Pixels per row for PNG and RGBA; for SVG and PDF, the canvas width in scene units.
    public var width: Int
    /// Rows for PNG and RGBA; for SVG and PDF, the canvas height in scene units.
    public var height: Int

    /// A frame; made by `FrameRenderer.render(into:jobs:progress:)`, or by a test.
    public init(entry: FrameManifest.Entry, number: Int, encoding: FrameEncoding, bytes: [UInt8],
                width: Int, height: Int) {
        self.entry = entry
        self.number = number
        self.encoding = encoding
        self.bytes = bytes
        self.width = width
        self.height = height
    }
}

/// Something that takes a run's frames as they are drawn: a network upload, an
/// in-memory gallery, a video encoder of your own.
///
/// `FrameRenderer.render(into:jobs:progress:)` draws frames on several threads but
/// calls `receive(_:)` on the calling thread, one frame at a time and in order, so a
/// sink needs no locking. Throwing from `receive(_:)` stops the render and the error
/// is passed on.
public protocol FrameSink {
    /// How frames are handed over.
    var encoding: FrameEncoding { get }
    /// Takes the next frame.
    mutating func receive(_ frame: RenderedFrame) throws
}
