import Foundation
import Testing
import NetFramesGraphics

/// What ffprobe says about a video's first video stream.
public struct Probe: CustomStringConvertible, Sendable {
    public var codec: String
    public var width: Int
    public var height: Int
    public var frames: Int
    public var pixelFormat: String
    public var frameRate: String
    public var duration: Double
    public var alphaMode: String?

    public var description: String {
        "\(codec) \(width)x\(height) \(pixelFormat) \(frames) frames at \(frameRate), \(duration) s"
            + (alphaMode.map { ", alpha_mode=\($0)" } ?? "")
    }

    /// Probes `path`, decoding every frame to count them.
    public init(_ path: String) throws {
        let tool = try #require(which("ffprobe"), "ffprobe is not installed")
        let result = try runProcess(tool, [
            "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,width,height,nb_read_frames,pix_fmt,r_frame_rate",
            "-show_entries", "format=duration", "-show_entries", "stream_tags=alpha_mode",
            "-of", "json", path,
        ], timeout: 60)
        try #require(result.status == 0, "ffprobe failed on \(path): \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        let stream = try #require((json["streams"] as? [[String: Any]])?.first, "no video stream in \(path)")
        let format = try #require(json["format"] as? [String: Any])
        codec = stream["codec_name"] as? String ?? ""
        width = stream["width"] as? Int ?? -1
        height = stream["height"] as? Int ?? -1
        frames = Int(stream["nb_read_frames"] as? String ?? "") ?? -1
        pixelFormat = stream["pix_fmt"] as? String ?? ""
        frameRate = stream["r_frame_rate"] as? String ?? ""
        duration = Double(format["duration"] as? String ?? "") ?? -1
        // Matroska tag names are matched without case: a copying pass (which adds the
        // subtitles and chapters) writes the encoder's `alpha_mode` as `ALPHA_MODE`.
        alphaMode = (stream["tags"] as? [String: Any])?.first { $0.key.lowercased() == "alpha_mode" }?.value as? String
    }
}

/// Decodes one frame of a video to straight RGBA with ffmpeg (`decoder` forces one, as
/// libvpx-vp9 must be forced to see a WebM's alpha).
public func decodeFrame(_ path: String, index: Int = 0, decoder: String? = nil, width: Int, height: Int) throws -> RGBAImage {
    let tool = try #require(which("ffmpeg"), "ffmpeg is not installed")
    var args = ["-hide_banner", "-loglevel", "error", "-nostdin"]
    if let decoder { args += ["-c:v", decoder] }
    args += ["-i", path, "-vf", "select=eq(n\\,\(index))", "-vsync", "0", "-frames:v", "1",
             "-f", "rawvideo", "-pix_fmt", "rgba", "-"]
    let result = try runProcess(tool, args, timeout: 60)
    try #require(result.status == 0, "ffmpeg could not decode frame \(index) of \(path): \(result.stderr)")
    try #require(result.stdoutBytes.count == width * height * 4,
                 "decoded \(result.stdoutBytes.count) bytes, expected \(width * height * 4)")
    return RGBAImage(width: width, height: height, bytes: [UInt8](result.stdoutBytes))
}
