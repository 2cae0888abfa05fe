import Foundation
import NetFramesFiles
import NetFramesRun

/// Where and how a worked example is written: the document, and its frames in a
/// folder beside it (`NAME-frames/`, except for HTML, which holds them inline).
public struct ExplainOutput: Sendable {
    /// The document's path.
    public var path: String
    /// Markdown, LaTeX or HTML.
    public var format: ExplainFormat
    /// The frames' format, or none.
    public var frames: ExplainFrames
    /// Replace a file at `path` that NetFrames did not write, and write into a frame
    /// folder NetFrames did not make.
    public var force: Bool
    /// Frames drawn at once.
    public var jobs: Int

    /// An output; `frames` defaults to the format's own (SVG, or PDF for LaTeX).
    public init(path: String, format: ExplainFormat, frames: ExplainFrames? = nil, force: Bool = false,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.path = path
        self.format = format
        self.frames = frames ?? format.defaultFrames
        self.force = force
        self.jobs = max(1, jobs)
    }

    /// `Output/<run name>-step<N>.<ext>`: where a worked example goes unless told otherwise.
    public static func defaultPath(runName: String, step: Int, format: ExplainFormat) -> String {
        "Output/\(runName)-step\(step).\(format.fileExtension)"
    }

    /// The folder of frame files beside the document: its path without the extension, then `-frames`.
    public var framesFolder: String {
        let url = URL(fileURLWithPath: path)
        let stem = url.pathExtension.isEmpty ? url.lastPathComponent : url.deletingPathExtension().lastPathComponent
        let parent = (path as NSString).deletingLastPathComponent
        return (parent.isEmpty ? "" : parent + "/") + stem + "-frames"
    }

    /// Whether the file at `path` is a document `netframes explain` wrote (its first line says so).
    public static func isExplanation(atPath path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 256)) ?? Data()
        return String(decoding: head, as: UTF8.self).contains(WorkedStep.signature)
    }

    /// Checks the frames suit the format and that `path` may be written, before anything is computed.
    ///
    /// - Throws: `NetFramesError` for frames the format cannot show, a path that is a
    ///   folder or not a regular file, or a file NetFrames did not write (unless `force`).
    public func check() throws {
        guard format.acceptedFrames.contains(frames) else {
            let allowed = format.acceptedFrames.map(\.rawValue).joined(separator: ", ")
            let why = format == .tex ? "pdflatex cannot include SVG" : "\(format.rawValue) documents cannot show PDF frames"
            throw NetFramesError.invalidOption("--frames \(frames.rawValue) does not suit --format \(format.rawValue) "
                + "(\(why)); use \(allowed)")
        }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            throw NetFramesError.cannotWrite(path, "is a folder; --out names the document's file")
        }
        let type = (try? manager.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
        if type != .typeRegular {
            throw NetFramesError.cannotWrite(path, "is not a regular file; the document is written under a temporary "
                + "name and renamed into place, so give a file path")
        }
        if !force && !ExplainOutput.isExplanation(atPath: path) {
            throw NetFramesError.cannotWrite(path, "exists and was not written by netframes explain; add --force to replace it")
        }
    }
}

/// What writing a worked example did.
public struct ExplainSummary: Sendable {
    /// The document written.
    public var path: String
    /// The frame files written beside it (none for HTML, which holds its frames).
    public var frameFiles: [String]
    /// The document's size in bytes.
    public var bytes: Int
    /// Which neurons were worked in full.
    public var detail: NeuronDetail
}

extension WorkedStep {
    /// Works step `step` (from 1) of `run` through and writes it to `output`: the
    /// numbers from the engine's record, the frames from the frame pipeline. Every
    /// file is written under a temporary name and renamed into place when complete.
    ///
    /// - Throws: `NetFramesError` for a step that is not the run's, frames the format
    ///   cannot show, or output that may not or cannot be written; `TrainingError` when
    ///   training diverges at or before the step; `GraphicsError` for drawing failures.
    public static func write(run: Run, step: Int, options: ExplainOptions, to output: ExplainOutput) throws -> ExplainSummary {
        try output.check()
        let worked = try WorkedStep(run: run, step: step)
        var frames: [FrameMoment: StepFrame] = [:]
        if let format = output.frames.frameFormat {
            frames = try StepFrames.draw(run: run, step: step, format: format, jobs: output.jobs)
        }
        let parent = (output.path as NSString).deletingLastPathComponent
        if !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) {
            try OutputFolder.prepare(parent, force: false)
        }
        var frameFiles: [String] = []
        var framePaths: [FrameMoment: String] = [:]
        if output.format != .html && !frames.isEmpty {
            let folder = output.framesFolder
            try OutputFolder.prepare(folder, force: output.force)
            let relative = (folder as NSString).lastPathComponent
            for (moment, frame) in frames.sorted(by: { $0.key.fileStem < $1.key.fileStem }) {
                let name = moment.fileStem + "." + frame.format.fileExtension
                try AtomicFileWriter.write(frame.bytes, to: folder + "/" + name)
                frameFiles.append(folder + "/" + name)
                framePaths[moment] = relative + "/" + name
            }
        }
        let text: String
        switch output.format {
        case .md: text = worked.markdown(options, framePaths: framePaths)
        case .tex: text = worked.latex(options, framePaths: framePaths)
        case .html: text = worked.html(options, frames: frames)
        }
        let bytes = Array(text.utf8)
        try AtomicFileWriter.write(bytes, to: output.path)
        return ExplainSummary(path: output.path, frameFiles: frameFiles, bytes: bytes.count,
                              detail: options.detail(for: run.setup.shape))
    }
}

extension ExplainFrames {
    /// The frame file format, or `nil` for none.
    public var frameFormat: FrameFormat? {
        switch self {
        case .svg: return .svg
        case .png: return .png
        case .pdf: return .pdf
        case .none: return nil
        }
    }
}
