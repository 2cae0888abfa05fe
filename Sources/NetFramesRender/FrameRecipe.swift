import NetFramesFiles
import NetFramesScene
import NetFramesRun

/// The recipe of a frame file: a digest of everything that decides its bytes.
///
/// That is the scene (every shape, text and colour), the file format, the pixel scale,
/// and the version of NetFrames' encoders; a change to any of them changes the recipe,
/// so a resumed render redraws exactly the frames a changed setting touches.
enum FrameRecipe {
    /// Raised whenever the bytes NetFrames writes for the same scene change.
    static let encoderVersion: UInt8 = 1

    static func digest(_ scene: Scene, format: FrameFormat, scale: Double) -> String {
        var bytes = scene.canonicalBytes
        bytes.append(encoderVersion)
        bytes.append(contentsOf: format.rawValue.utf8)
        withUnsafeBytes(of: scale.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        return ContentDigest.sha256(bytes)
    }
}
