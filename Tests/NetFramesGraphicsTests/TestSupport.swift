import NetFramesGraphics
import NetFramesScene

let testFont = Font(family: "DejaVu Sans", size: 24)

/// A small white scene holding `items`.
func whiteScene(_ items: [SceneItem], width: Double = 200, height: Double = 100) -> Scene {
    Scene(width: width, height: height, background: .white, items: items, title: "test", summary: "a test scene")
}

/// Decodes the PNG our renderer makes for `scene`.
func renderedPNG(_ scene: Scene, scale: Double = 1,
                 compression: PNGCompression = .fast) throws -> RGBAImage {
    try RGBAImage(pngData: SceneRenderer().pngData(scene, scale: scale, compression: compression))
}

/// Whether two 8-bit channel values differ by at most `tolerance`.
func close(_ a: UInt8, _ b: UInt8, within tolerance: Int) -> Bool {
    abs(Int(a) - Int(b)) <= tolerance
}
