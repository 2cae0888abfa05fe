import NetFramesEngine
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

    /// The manifest as JSON text.
    public var json: String {
        var out = "{\n"
        out += "  \"format\": \"netframes-frames\",\n  \"version\": 1,\n"
        out += "  \"run\": \(jsonString(runName)),\n"
        out += "  \"frameFormat\": \"\(format.rawValue)\",\n"
        out += "  \"width\": \(width.description), \"height\": \(height.description), \"scale\": \(scale.description),\n"
        out += "  \"frames\": [\n"
        for (i, e) in entries.enumerated() {
            out += "    {\"file\": \(jsonString(e.file))"
            if let page = e.page { out += ", \"page\": \(page)" }
            out += ", \"iteration\": \(e.iteration), \"example\": \(e.example), \"phase\": \"\(e.phase.rawValue)\""
            out += ", \"layer\": \(e.layer.map(String.init) ?? "null")"
            out += ", \"loss\": \(e.loss.flatMap { $0.isFinite ? $0.description : nil } ?? "null")}"
            out += i == entries.count - 1 ? "\n" : ",\n"
        }
        out += "  ]\n}\n"
        return out
    }
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
