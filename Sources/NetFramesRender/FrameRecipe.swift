import NetFramesFiles
import NetFramesGraphics
import NetFramesScene
import NetFramesRun

/// The recipe of a frame file: a digest of everything that decides its bytes.
///
/// That is the scene (every shape, text and colour), the file format, the pixel scale,
/// the PNG compression, and the version of NetFrames' encoders; a change to any of them
/// changes the recipe, so a resumed render redraws exactly the frames a changed setting
/// touches.
enum FrameRecipe {
    /// Raised whenever the bytes NetFrames writes for the same scene change.
    /// 2: PNGs written with libdeflate instead of libpng and zlib.
    static let encoderVersion: UInt8 = 2

    static func digest(_ scene: Scene, format: FrameFormat, style: DiagramStyle) -> String {
        var bytes = scene.canonicalBytes
        bytes.append(encoderVersion)
        bytes.append(contentsOf: format.rawValue.utf8)
        withUnsafeBytes(of: style.scale.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        if format == .png {
            bytes.append(contentsOf: (style.pngCompression ?? .fast).rawValue.utf8)
        }
        return ContentDigest.sha256(bytes)
    }
}

extension PNGCompression {
    /// The encoder setting for a user's choice; `nil` gives `fallback`, the output's own default.
    init(_ choice: PNGCompressionChoice?, default fallback: PNGCompression = .fast) {
        switch choice {
        case nil: self = fallback
        case .fast: self = .fast
        case .small: self = .small
        case .best: self = .best
        }
    }
}

extension SceneRenderer {
    /// Encodes one scene as a file of `format`, at the style's scale and PNG compression;
    /// PNGs are drawn on a canvas from `canvases` when given (the same bytes either way).
    func encode(_ scene: Scene, format: FrameFormat, style: DiagramStyle,
                canvases: FrameCanvasPool? = nil) throws -> [UInt8] {
        switch format {
        case .png:
            let compression = PNGCompression(style.pngCompression)
            if let canvases { return try pngData(scene, scale: style.scale, compression: compression, canvases: canvases) }
            return try pngData(scene, scale: style.scale, compression: compression)
        case .svg: return try svgData(scene)
        case .pdf: return try pdfData(scene)
        }
    }
}
