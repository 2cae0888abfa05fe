import Foundation
import Testing
import NetFramesTestSupport

/// Every still carries a text alternative of its own: in manifest.json (`alt`), as the
/// SVG's `<desc>` and as the PNG's `Description` text, the same words in each.
@Suite("Alt text of frames")
struct AltTextTests {
    /// The manifest's frames.
    static func frames(_ folder: String) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")))
        return try #require((json as? [String: Any])?["frames"] as? [[String: Any]])
    }

    /// The `Description` iTXt text of a PNG file.
    static func pngDescription(_ path: String) throws -> String? {
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var offset = 8
        while offset + 8 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            if String(decoding: png[offset + 4..<offset + 8], as: UTF8.self) == "iTXt" {
                let data = Array(png[offset + 8..<offset + 8 + length])
                if let end = data.firstIndex(of: 0), String(decoding: data[..<end], as: UTF8.self) == "Description" {
                    return String(decoding: data[(end + 5)...], as: UTF8.self)
                }
            }
            offset += 12 + length
        }
        return nil
    }

    /// The `<desc>` of an SVG file, unescaped.
    static func svgDescription(_ path: String) throws -> String? {
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        guard let open = svg.range(of: "<desc>"), let close = svg.range(of: "</desc>") else { return nil }
        return String(svg[open.upperBound..<close.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("each still's alt names the run, step and moment, the neuron's numbers and what changed; no two are alike")
    func stills() throws {
        try withTemporaryFolder("alt-stills") { folder in
            let runPath = try folder.write("demo.yaml", Fixture.demo)
            for format in ["png", "svg"] {
                let out = folder.file(format)
                let r = try netframes(["render", runPath, "--format", format, "--out", out, "--quiet"], in: folder)
                #expect(r.status == 0, "\(r.stderr)")
                let frames = try Self.frames(out)
                #expect(frames.count >= 10)
                let alts = frames.map { $0["alt"] as? String ?? "" }
                #expect(Set(alts).count == alts.count, "alt texts repeat")
                for (frame, alt) in zip(frames, alts) {
                    let phase = frame["phase"] as? String ?? ""
                    #expect(alt.hasPrefix("Network diagram of demo, iteration \(frame["iteration"] as? Int ?? -1), "), "\(alt)")
                    let moment = ["forward": "forward pass into", "loss": "the cost", "backward": "backpropagation reaching",
                                  "update": "updates every weight and bias"][phase] ?? "?"
                    #expect(alt.contains(moment), "\(phase): \(alt)")
                    #expect(alt.contains("New since the frame before") || alt.contains("The largest change since the frame before"),
                            "\(alt)")
                    if phase != "forward" { #expect(alt.contains("loss is "), "\(alt)") }
                    if phase == "forward" || phase == "backward" {
                        #expect(alt.contains("Neuron 1 of "), "\(alt)")
                    }
                    let file = out + "/" + (frame["file"] as? String ?? "")
                    let stored = format == "png" ? try Self.pngDescription(file) : try Self.svgDescription(file)
                    #expect(stored == alt, "\(file)")
                }
            }
        }
    }

    @Test("frames in motion say how far the motion has gone, so an animation's alts differ frame by frame")
    func motion() throws {
        try withTemporaryFolder("alt-motion") { folder in
            let runPath = try folder.write("small.yaml", Fixture.small(iterations: 1))
            let out = folder.file("seq")
            let r = try netframes(["render", runPath, "--format", "png", "--animate", "--out", out, "--quiet"], in: folder)
            #expect(r.status == 0, "\(r.stderr)")
            let alts = try Self.frames(out).map { $0["alt"] as? String ?? "" }
            let moving = alts.filter { $0.contains("In motion, ") }
            #expect(moving.count >= 10)
            #expect(moving.contains { $0.contains("a pulse travels along the connections into hidden layer 1") })
            #expect(moving.contains { $0.contains("every weight morphs") })
            // Motion frames of one moment differ in how far they have gone.
            let pulses = moving.filter { $0.contains("into hidden layer 1.") }
            #expect(Set(pulses).count == pulses.count && pulses.count >= 3, "\(pulses)")
        }
    }
}
