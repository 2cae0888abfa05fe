import Foundation
import NetFramesRun

/// The ffmpeg arguments for one encode: raw frames on standard input, one file out.
public struct FFmpegCommand: Sendable, Hashable {
    /// The container and codec of the output.
    public var format: VideoFormat
    /// Frame width in pixels.
    public var width: Int
    /// Frame height in pixels.
    public var height: Int
    /// Frames per second.
    public var fps: Double
    /// Frames carry meaningful alpha (straight RGBA) rather than opaque BGRA.
    public var alpha: Bool
    /// The preset that picks encoder speed and quality.
    public var quality: VideoQuality
    /// A palette image for GIFs (made by a first pass over sampled frames).
    public var palette: String?

    /// The arguments for encoding `width`×`height` frames at `fps` into `format`.
    public init(format: VideoFormat, width: Int, height: Int, fps: Double, alpha: Bool,
                quality: VideoQuality = .medium, palette: String? = nil) {
        self.format = format
        self.width = width
        self.height = height
        self.fps = fps
        self.alpha = alpha
        self.quality = quality
        self.palette = palette
    }

    /// The pixel format of the raw frames NetFrames sends.
    public var inputPixelFormat: String { alpha ? "rgba" : "bgra" }

    /// Bytes in one raw frame.
    public var frameBytes: Int { width * height * 4 }

    var fpsText: String {
        fps == fps.rounded() ? String(Int(fps)) : String(fps)
    }

    /// Arguments reading raw frames from standard input.
    var inputArguments: [String] {
        ["-f", "rawvideo", "-pix_fmt", inputPixelFormat, "-s", "\(width)x\(height)", "-r", fpsText, "-i", "pipe:0"]
    }

    /// The full argument list writing to `output`.
    public func arguments(output: String) -> [String] {
        var args = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y"] + inputArguments
        // Even sizes: 4:2:0 chroma needs them.
        let even = "pad=ceil(iw/2)*2:ceil(ih/2)*2"
        switch format {
        case .mp4:
            args += ["-vf", even, "-c:v", "libx264", "-preset", quality.x264.preset, "-crf", String(quality.x264.crf),
                     "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4"]
        case .webm:
            args += ["-vf", even, "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", String(quality.vp9.crf),
                     "-deadline", quality.vp9.deadline, "-cpu-used", String(quality.vp9.cpuUsed), "-row-mt", "1",
                     "-pix_fmt", alpha ? "yuva420p" : "yuv420p", "-f", "webm"]
            if alpha { args += ["-auto-alt-ref", "0"] }
        case .mov:
            args += ["-c:v", "prores_ks", "-profile:v", alpha ? "4444" : "3",
                     "-pix_fmt", alpha ? "yuva444p10le" : "yuv422p10le", "-f", "mov"]
            if alpha { args += ["-alpha_bits", "16"] }
        case .gif:
            if let palette {
                args += ["-i", palette, "-lavfi", "[0:v][1:v]paletteuse=dither=none:diff_mode=rectangle"]
            }
            args += ["-f", "gif", "-loop", "0"]
        }
        // No random Matroska segment id, no version strings: the same frames give the same file.
        return args + ["-fflags", "+bitexact", output]
    }

    /// Arguments of the GIF palette pass: frames in, one 256-colour palette image out.
    public func paletteArguments(output: String) -> [String] {
        ["-hide_banner", "-loglevel", "error", "-nostdin", "-y"] + inputArguments
            + ["-vf", "palettegen=max_colors=256:stats_mode=full:reserve_transparent=0", "-f", "image2", "-c:v", "png", output]
    }

    /// The command a person runs to assemble a numbered PNG sequence the same way,
    /// quoted for a POSIX shell.
    public func sequenceCommand(pattern: String, output: String) -> String {
        var args = ["ffmpeg", "-framerate", fpsText, "-i", pattern]
        let even = "pad=ceil(iw/2)*2:ceil(ih/2)*2"
        switch format {
        case .mp4: args += ["-vf", even, "-c:v", "libx264", "-crf", String(quality.x264.crf), "-pix_fmt", "yuv420p"]
        case .webm: args += ["-vf", even, "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", String(quality.vp9.crf), "-pix_fmt", "yuva420p"]
        case .mov: args += ["-c:v", "prores_ks", "-profile:v", "4444", "-pix_fmt", "yuva444p10le"]
        case .gif: args += ["-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse=dither=none"]
        }
        return (args + [output]).map(FFmpegCommand.shellQuoted).joined(separator: " ")
    }

    /// `word` as one shell word: left bare when it holds only safe characters, else in
    /// single quotes with each `'` written as `'\''`.
    static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=%+,@")
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
