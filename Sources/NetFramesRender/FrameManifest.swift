import NetFramesEngine
import NetFramesFiles
import NetFramesScene

/// What a render wrote: one entry per frame, in order, saved as `manifest.json`.
public struct FrameManifest: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var file: String
        /// Page number within `file` (1-based) for a single-file PDF; `nil` otherwise.
        public var page: Int?
        public var iteration: Int
        public var example: Int
        public var phase: Phase
        public var layer: Int?
        public var loss: Double?
    }

    public var runName: String
    public var format: FrameFormat
    public var width: Double
    public var height: Double
    public var scale: Double
    public var entries: [Entry] = []

    /// The manifest as JSON text, one frame per line.
    public var json: String {
        var j = JSONText()
        j.raw("{\n  ")
        j.key("format"); j.string("netframes-frames"); j.raw(",\n  ")
        j.key("version"); j.integer(1); j.raw(",\n  ")
        j.key("run"); j.string(runName); j.raw(",\n  ")
        j.key("frameFormat"); j.string(format.rawValue); j.raw(",\n  ")
        j.key("width"); j.number(width); j.raw(", ")
        j.key("height"); j.number(height); j.raw(", ")
        j.key("scale"); j.number(scale); j.raw(",\n  ")
        j.key("frames"); j.raw("[")
        for (i, e) in entries.enumerated() {
            j.raw(i == 0 ? "\n    {" : ",\n    {")
            j.key("file"); j.string(e.file)
            if let page = e.page { j.raw(", "); j.key("page"); j.integer(page) }
            j.raw(", "); j.key("iteration"); j.integer(e.iteration)
            j.raw(", "); j.key("example"); j.integer(e.example)
            j.raw(", "); j.key("phase"); j.string(e.phase.rawValue)
            j.raw(", "); j.key("layer"); if let l = e.layer { j.integer(l) } else { j.raw("null") }
            j.raw(", "); j.key("loss"); if let loss = e.loss { j.number(loss) } else { j.raw("null") }
            j.raw("}")
        }
        j.raw("\n  ]\n}\n")
        return String(decoding: j.bytes, as: UTF8.self)
    }
}
