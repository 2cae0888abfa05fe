import NetFramesDiagram
import NetFramesFiles
import NetFramesGraphics
import NetFramesScene
import NetFramesRun

/// Writes batches of scenes as numbered frame files (`frame_000001.png` …), across
/// threads, keeping those an earlier render finished, and journals what it wrote.
///
/// Shared by still renders (a frame per snapshot) and animation sequences (a frame per
/// animation frame), so both resume the same way.
struct FrameFileWriter {
    let folder: String
    let format: FrameFormat
    let scale: Double
    let jobs: Int
    let ledger: FrameLedger?
    let journal: ManifestJournal
    let renderer = SceneRenderer()
    /// Frames found complete and kept.
    private(set) var kept = 0

    init(folder: String, format: FrameFormat, scale: Double, jobs: Int, ledger: FrameLedger?, journal: ManifestJournal) {
        self.folder = folder
        self.format = format
        self.scale = scale
        self.jobs = jobs
        self.ledger = ledger
        self.journal = journal
    }

    /// The file name of frame `number` (from 1).
    func name(_ number: Int) -> String {
        "frame_" + String(repeating: "0", count: max(0, 6 - String(number).count)) + String(number) + "." + format.fileExtension
    }

    /// Writes `scenes` as frames `first + 1`, `first + 2`, … and returns their manifest entries.
    mutating func write(_ scenes: [Scene], states: [DiagramState], first: Int) throws -> [FrameManifest.Entry] {
        let names = scenes.indices.map { name(first + $0 + 1) }
        let format = self.format, scale = self.scale, folder = self.folder, ledger = self.ledger, renderer = self.renderer
        let results = ParallelMap.run(count: scenes.count, jobs: jobs) { i in
            Result { () -> (recipe: String, sha256: String, kept: Bool) in
                let recipe = FrameRecipe.digest(scenes[i], format: format, scale: scale)
                if let old = ledger?.reusable(index: first + i + 1, recipe: recipe, file: names[i]) {
                    return (recipe, old.sha256, true)
                }
                let bytes = try renderer.encode(scenes[i], format: format, scale: scale)
                try AtomicFileWriter.write(bytes, to: folder + "/" + names[i])
                return (recipe, ContentDigest.sha256(bytes), false)
            }
        }
        var entries: [FrameManifest.Entry] = []
        entries.reserveCapacity(scenes.count)
        for (i, result) in results.enumerated() {
            let (recipe, sha256, wasKept) = try result.get()
            if wasKept { kept += 1 }
            entries.append(FrameManifest.Entry(state: states[i], index: first + i + 1, file: names[i], page: nil,
                                               recipe: recipe, sha256: sha256))
        }
        try journal.append(entries)
        return entries
    }
}

extension FrameManifest.Entry {
    init(state s: DiagramState, index: Int, file: String, page: Int?, recipe: String, sha256: String) {
        self.init(index: index, file: file, page: page, iteration: s.iteration, example: s.example, phase: s.phase,
                  layer: s.layer, loss: s.loss, recipe: recipe, sha256: sha256)
    }
}

extension SceneRenderer {
    /// Encodes one scene as a file of `format`.
    func encode(_ scene: Scene, format: FrameFormat, scale: Double) throws -> [UInt8] {
        switch format {
        case .png: return try pngData(scene, scale: scale)
        case .svg: return try svgData(scene)
        case .pdf: return try pdfData(scene)
        }
    }
}
