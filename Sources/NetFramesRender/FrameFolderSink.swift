import Foundation
import NetFramesDiagram
import NetFramesFiles
import NetFramesGraphics
import NetFramesRun
import NetFramesScene

/// Writes frames as numbered files (`frame_000001.png` …), or as the pages of one PDF,
/// with `manifest.json` (or a shard's manifest part) listing each.
///
/// Frames an earlier render left that are still exactly what this one would draw are
/// kept (see `FrameLedger`), and a journal records each finished batch, so a stopped
/// render resumes where it was. The manifest is written however the render ends,
/// listing only frames complete on disk. Stills, `--animate` sequences and the frames
/// of a sharded video all use this sink.
public struct FrameFolderSink: FrameSink, @unchecked Sendable {
    /// A frame written, or found complete and kept.
    public struct Drawn: Sendable {
        /// The frame's manifest entry.
        public var entry: FrameManifest.Entry
        /// Whether the file was an earlier render's, kept as it was.
        public var kept: Bool
        /// For one PDF: the scene, added as a page in order.
        var page: Scene?
    }

    /// The folder written into.
    public let folder: String
    /// The frames' format.
    public let format: FrameFormat
    let range: Range<Int>
    let shard: Shard?
    let ledger: FrameLedger?
    // Used on the calling thread only (receive, endBatch, finish): draw never touches them.
    let journal: ManifestJournal
    let document: PDFDocument?
    /// Surfaces and encoder buffers reused from frame to frame (by each drawing thread).
    let canvases = FrameCanvasPool()
    /// Every frame written or kept, in order.
    public private(set) var manifest: FrameManifest
    /// Files written or kept, the manifest included once finished.
    public private(set) var files: [String] = []
    /// Frames found complete from an earlier render and kept.
    public private(set) var kept = 0
    private var unjournaled: [FrameManifest.Entry] = []

    /// A sink writing `range` of a run's `totalFrames` frames into `folder`.
    ///
    /// - Parameters:
    ///   - singleFile: PDF only: one `frames.pdf` with a page per frame.
    ///   - shard: the part of the render this is, named in the manifest part's file name.
    ///   - resume: keep frames an earlier render finished that are still valid.
    ///   - force: write into a non-empty folder NetFrames did not make.
    /// - Throws: `NetFramesError` when the folder cannot be made or written.
    public init(folder: String, format: FrameFormat, singleFile: Bool = false, style: DiagramStyle, runName: String,
                totalFrames: Int, range: Range<Int>? = nil, shard: Shard? = nil, resume: Bool = true,
                force: Bool = false) throws {
        try OutputFolder.prepare(folder, force: force)
        let range = range ?? 0..<totalFrames
        self.folder = folder
        self.format = format
        self.range = range
        self.shard = shard
        ledger = resume ? FrameLedger(folder: folder, format: format) : nil
        journal = try ManifestJournal(path: "\(folder)/.\(FrameManifest.fileName(shard: shard)).journal")
        document = format == .pdf && singleFile ? PDFDocument() : nil
        manifest = FrameManifest(runName: runName, format: format, width: style.width, height: style.height,
                                 scale: style.scale, totalFrames: totalFrames, range: range)
    }

    /// The manifest's file name: `manifest.json`, or a shard's part.
    public var manifestName: String { FrameManifest.fileName(shard: shard) }

    /// Writes the frame's file (unless an earlier render's is still right), or, for one
    /// PDF, only works out its recipe.
    public func draw(_ frame: PipelineFrame) throws -> Drawn {
        let number = frame.index + 1
        let recipe = FrameRecipe.digest(frame.scene, format: format, style: frame.style)
        if document != nil {
            return Drawn(entry: FrameManifest.Entry(frame: frame, index: number, file: "frames.pdf", page: number,
                                                    recipe: recipe, sha256: ""), kept: false, page: frame.scene)
        }
        let name = FrameFileName.name(number, format.fileExtension)
        if let old = ledger?.reusable(index: number, recipe: recipe, file: name) {
            return Drawn(entry: FrameManifest.Entry(frame: frame, index: number, file: name, page: nil,
                                                    recipe: recipe, sha256: old.sha256), kept: true)
        }
        let bytes = try SceneRenderer().encode(frame.scene, format: format, style: frame.style, canvases: canvases)
        try AtomicFileWriter.write(bytes, to: folder + "/" + name)
        return Drawn(entry: FrameManifest.Entry(frame: frame, index: number, file: name, page: nil,
                                                recipe: recipe, sha256: ContentDigest.sha256(bytes)), kept: false)
    }

    /// Lists the frame (adding its page to the PDF).
    public mutating func receive(_ drawn: Drawn) throws {
        if let page = drawn.page { try document?.addPage(page) }
        if drawn.kept { kept += 1 }
        manifest.entries.append(drawn.entry)
        if document == nil {
            files.append(drawn.entry.file)
            unjournaled.append(drawn.entry)
        }
    }

    /// Journals the batch's frames, so a render killed from here on keeps them.
    public mutating func endBatch() throws {
        try journal.append(unjournaled)
        unjournaled.removeAll(keepingCapacity: true)
    }

    /// Writes the PDF (when finished) and the manifest; after a whole render, removes
    /// what an earlier, longer one left.
    public mutating func finish(_ ending: PipelineEnding) throws {
        var listed = manifest
        switch ending {
        case .finished:
            if let document {
                let bytes = try document.finish()
                try AtomicFileWriter.write(bytes, to: folder + "/frames.pdf")
                let digest = ContentDigest.sha256(bytes)
                for i in manifest.entries.indices { manifest.entries[i].sha256 = digest }
                listed = manifest
                files.append("frames.pdf")
            }
        case .diverged:
            break
        case .failed:
            // Stopped early: also keep what earlier renders finished further on, still true of its files.
            if document == nil {
                listed.entries += ledger?.untouched(after: range.lowerBound + manifest.entries.count, in: range) ?? []
            }
        }
        try AtomicFileWriter.write(Array(listed.json.utf8), to: folder + "/" + manifestName)
        journal.remove()
        files.append(manifestName)
        if case .finished = ending, shard == nil { removeStaleFrames() }
    }

    /// Removes `frame_*` files of an earlier, longer render, and shard parts now joined
    /// into the whole.
    private func removeStaleFrames() {
        let keeping = Set(files)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !keeping.contains(name) {
            let ext = (name as NSString).pathExtension
            if name.hasPrefix("frame_") && FrameFormat(rawValue: ext) != nil
                || name.hasPrefix("manifest.part-") && ext == "json" {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
        if !keeping.contains("frames.pdf") {
            try? FileManager.default.removeItem(atPath: folder + "/frames.pdf")
        }
    }
}

extension FrameManifest.Entry {
    /// The entry of `frame`: its moment from the state, its words from the scene.
    init(frame: PipelineFrame, index: Int, file: String, page: Int?, recipe: String, sha256: String) {
        let s = frame.state
        self.init(index: index, file: file, page: page, iteration: s.iteration, example: s.example, phase: s.phase,
                  layer: s.layer, loss: s.loss, recipe: recipe, sha256: sha256,
                  alt: frame.scene.summary, caption: frame.scene.caption)
    }
}

