import NetFramesFiles
import NetFramesGraphics
import NetFramesRun
import NetFramesScene

/// How an `EncodedFrameSink` is handed each frame: an encoded file, or raw pixels.
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

/// One drawn frame of a run, as an `EncodedFrameSink` receives it.
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

    /// A frame; made by the pipeline for an `EncodedFrameSink`, or by a test.
    public init(entry: FrameManifest.Entry, number: Int, encoding: FrameEncoding, bytes: [UInt8],
                width: Int, height: Int) {
        self.entry = entry
        self.number = number
        self.encoding = encoding
        self.bytes = bytes
        self.width = width
        self.height = height
    }

    /// `frame` encoded as `encoding`, with its manifest entry (recipe and SHA-256).
    public init(_ frame: PipelineFrame, encoding: FrameEncoding) throws {
        let renderer = SceneRenderer(), scene = frame.scene, scale = frame.style.scale
        let recipe: String
        switch encoding {
        case .rgba:
            // The pixels are the PNG frame's, so they share its recipe.
            let image = try renderer.rasterize(scene, scale: scale)
            (bytes, width, height) = (image.bytes, image.width, image.height)
            recipe = FrameRecipe.digest(scene, format: .png, style: frame.style)
        case .file(let format):
            bytes = try renderer.encode(scene, format: format, style: frame.style)
            recipe = FrameRecipe.digest(scene, format: format, style: frame.style)
            (width, height) = format == .png ? frame.style.pixelSize
                : (Int(scene.width.rounded(.up)), Int(scene.height.rounded(.up)))
        }
        number = frame.index + 1
        self.encoding = encoding
        entry = FrameManifest.Entry(frame: frame, index: number, file: FrameFileName.name(number, encoding.fileExtension),
                                    page: nil, recipe: recipe, sha256: ContentDigest.sha256(bytes))
    }
}

/// A sink of your own that takes each frame encoded: a network upload, an in-memory
/// gallery, a video encoder of your own. Say how frames come (`encoding`) and take
/// them in `receive(_:)`; the pipeline encodes them across threads for you.
public protocol EncodedFrameSink: FrameSink where Drawn == RenderedFrame {
    /// How frames are handed over.
    var encoding: FrameEncoding { get }
}

extension EncodedFrameSink {
    /// The frame encoded as `encoding`.
    public func draw(_ frame: PipelineFrame) throws -> RenderedFrame {
        try RenderedFrame(frame, encoding: encoding)
    }
}

/// Names of numbered frame files.
enum FrameFileName {
    /// `frame_000042.png` for frame 42 (from 1).
    static func name(_ number: Int, _ fileExtension: String) -> String {
        "frame_" + String(repeating: "0", count: max(0, 6 - String(number).count)) + String(number) + "." + fileExtension
    }
}
