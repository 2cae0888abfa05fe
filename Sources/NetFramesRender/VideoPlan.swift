import Foundation
import NetFramesFiles
import NetFramesGraphics
import NetFramesTimeline
import NetFramesVideo
import NetFramesRun

/// A video whose frames shards render as PNG files, to be encoded by `netframes assemble`.
///
/// Each shard writes its range of the animation's frames into `<name>.frames/` beside
/// the video's place, with a manifest part and this plan (`video.json`, the same bytes
/// from every shard). Assembly decodes the frames in order and sends exactly the pixels
/// an unsharded render would have sent to the same encoder settings, so the video is the
/// same.
public struct VideoPlan: Codable, Sendable, Equatable {
    /// The video format.
    public var format: VideoFormat
    /// The encoder preset.
    public var quality: VideoQuality
    /// Frames per second.
    public var fps: Double
    /// Whether frames carry alpha (straight RGBA) to the encoder.
    public var alpha: Bool
    /// Frame width in pixels.
    public var width: Int
    /// Frame height in pixels.
    public var height: Int
    /// The video's file name, written beside the frames folder.
    public var video: String
    /// The subtitles' language tag; `nil` for none.
    public var subtitles: String?
    /// The animation's chapters (empty: a chapter per drawn step).
    public var chapters: [LessonChapters.Span]?

    /// The plan's file name in the frames folder.
    public static let fileName = "video.json"

    /// A plan from its fields.
    public init(format: VideoFormat, quality: VideoQuality, fps: Double, alpha: Bool, width: Int, height: Int, video: String,
                lesson: VideoLessonPlan? = nil) {
        subtitles = lesson?.subtitles?.tag
        chapters = lesson?.chapters.spans
        self.format = format
        self.quality = quality
        self.fps = fps
        self.alpha = alpha
        self.width = width
        self.height = height
        self.video = video
    }

    /// The frames folder of `video` in `folder`.
    public static func framesFolder(for video: String, in folder: String) -> String {
        "\(folder)/\((video as NSString).deletingPathExtension).frames"
    }

    /// The plan as one line of JSON, the same bytes from every shard.
    public var json: String {
        var j = JSONText()
        j.raw("{"); j.key("format"); j.string(format.rawValue)
        j.raw(", "); j.key("quality"); j.string(quality.rawValue)
        j.raw(", "); j.key("fps"); j.number(fps)
        j.raw(", "); j.key("alpha"); j.bool(alpha)
        j.raw(", "); j.key("width"); j.integer(width)
        j.raw(", "); j.key("height"); j.integer(height)
        j.raw(", "); j.key("video"); j.string(video)
        j.raw(", "); j.key("subtitles"); if let subtitles { j.string(subtitles) } else { j.raw("null") }
        j.raw(", "); j.key("chapters"); j.raw("[")
        for (i, span) in (chapters ?? []).enumerated() {
            j.raw(i == 0 ? "{" : ", {"); j.key("start"); j.integer(span.start)
            j.raw(", "); j.key("end"); j.integer(span.end)
            if let title = span.title { j.raw(", "); j.key("title"); j.string(title) }
            j.raw("}")
        }
        j.raw("]}\n")
        return String(decoding: j.bytes, as: UTF8.self)
    }

    /// Reads a plan NetFrames wrote.
    ///
    /// - Throws: `NetFramesError` naming the file when it is not a NetFrames video plan.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NetFramesError(.badInput, path: path, message: "cannot be read")
        }
        do {
            self = try JSONDecoder().decode(VideoPlan.self, from: data)
        } catch {
            throw NetFramesError(.badInput, path: path, message: "is not a NetFrames video plan (\(DecodingReason.reason(error)))")
        }
    }

    /// The subtitles and chapters the video carries.
    var lesson: VideoLessonPlan {
        VideoLessonPlan(chapters: LessonChapters(spans: chapters ?? []), subtitles: subtitles.flatMap(SubtitleLanguage.init))
    }

    var command: FFmpegCommand {
        FFmpegCommand(format: format, width: width, height: height, fps: fps, alpha: alpha, quality: quality)
    }

    /// Encodes the frames `manifest` lists (in `framesFolder`) into the video beside it,
    /// with the subtitles and chapters an unsharded render gives it (from the captions
    /// and steps the manifest records).
    ///
    /// - Returns: the video's path.
    @discardableResult
    public func encode(framesFolder: String, manifest: FrameManifest,
                       environment: [String: String] = ProcessInfo.processInfo.environment,
                       progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> String {
        let output = ((framesFolder as NSString).deletingLastPathComponent as NSString).appendingPathComponent(video)
        let files = manifest.entries.map { framesFolder + "/" + $0.file }
        var command = self.command
        var palette: String?
        if format == .gif {
            let path = ((output as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent(".palette-\(getpid()).png")
            let step = max(1, files.count / 40)
            let pass = try FFmpegEncoder(command: command, output: path, environment: environment, paletteOnly: true)
            do {
                for (i, file) in files.enumerated() where i % step == 0 {
                    try raw(file).withUnsafeBytes { try pass.write($0) }
                }
                try pass.finish()
            } catch {
                pass.abandon()
                throw error
            }
            palette = path
            command.palette = path
        }
        defer { if let palette { unlink(palette) } }
        let encoder = try FFmpegEncoder(command: command, output: output, environment: environment)
        var lesson = VideoLesson(plan: self.lesson, video: output, fps: fps)
        do {
            for (i, file) in files.enumerated() {
                try raw(file).withUnsafeBytes { try encoder.write($0) }
                let entry = manifest.entries[i]
                lesson.append(iteration: entry.iteration, caption: entry.caption ?? [])
                progress(i + 1, files.count)
            }
            _ = try lesson.finish(encoder)
        } catch {
            encoder.abandon()
            throw error
        }
        return output
    }

    /// A frame file's pixels as the encoder takes them: BGRA when opaque, RGBA with alpha.
    private func raw(_ file: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw NetFramesError(.cannotWrite, path: file, message: "the frame is missing; render its shard again")
        }
        let image = try RGBAImage(pngData: [UInt8](data))
        guard image.width == width, image.height == height else {
            throw NetFramesError(.cannotWrite, path: file, message: "is \(image.width)x\(image.height), not the video's \(width)x\(height)")
        }
        if alpha { return image.bytes }
        var bytes = image.bytes
        var i = 0
        while i < bytes.count {
            bytes.swapAt(i, i + 2)
            i += 4
        }
        return bytes
    }
}
