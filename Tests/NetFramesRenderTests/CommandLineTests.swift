import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRunFile
import NetFramesTestSupport

/// `netframes render` and `netframes demo`, run as a user would run them.
@Suite("netframes render and demo, end to end")
struct CommandLineTests {
    /// The colours run file, 2 iterations, written into `folder`.
    static func writeRunFile(in folder: TemporaryFolder) throws -> (path: String, run: RunFile) {
        let text = Fixture.colours.replacingOccurrences(of: "iterations: 1", with: "iterations: 2")
        let path = folder.file("colours.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, try Fixture.run(text, file: path))
    }

    /// The manifest's frames as dictionaries.
    static func manifestFrames(_ folder: String) throws -> (top: [String: Any], frames: [[String: Any]]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "manifest is not an object")
        let frames = try #require(top["frames"] as? [[String: Any]], "manifest has no frames list")
        return (top, frames)
    }

    /// Every file whose name says it is a partial write, under `folder`.
    static func partialFiles(_ folder: String) -> [String] {
        let all = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        return all.filter { $0.contains(".partial") }
    }

    @Test("render writes numbered PNG frames and a manifest of every snapshot; a second render into the folder works")
    func render() throws {
        try withTemporaryFolder("cli-render") { folder in
            let (runPath, run) = try Self.writeRunFile(in: folder)
            let snapshots = try Fixture.snapshots(run)
            #expect(snapshots.count == 12)  // 2 iterations × (2 forward, loss, 2 backward, update)
            let out = folder.file("frames")

            let first = try netframes(["render", runPath, "--out", out, "--jobs", "2"], in: folder)
            #expect(first.status == 0, "exit \(first.status): \(first.stderr)")
            let expected = (1...snapshots.count).map { String(format: "frame_%06d.png", $0) }
            let names = try fileNames(in: out)
            #expect(names.filter { $0.hasPrefix("frame_") } == expected)
            #expect(names.contains("manifest.json"))
            #expect(Self.partialFiles(out).isEmpty, "partial files left: \(Self.partialFiles(out))")

            let (top, frames) = try Self.manifestFrames(out)
            #expect(top["run"] as? String == "colours")
            #expect(top["frameFormat"] as? String == "png")
            #expect(frames.count == snapshots.count)
            for (i, (entry, snapshot)) in zip(frames, snapshots).enumerated() {
                for key in ["file", "iteration", "example", "phase", "layer", "loss"] {
                    #expect(entry.keys.contains(key), "frame \(i + 1) has no \(key)")
                }
                #expect(entry["file"] as? String == expected[i])
                #expect((entry["iteration"] as? NSNumber)?.intValue == snapshot.iteration)
                #expect((entry["example"] as? NSNumber)?.intValue == snapshot.example)
                #expect(entry["phase"] as? String == snapshot.phase.rawValue)
                if let layer = snapshot.layer {
                    #expect((entry["layer"] as? NSNumber)?.intValue == layer, "frame \(i + 1) layer")
                } else {
                    #expect(entry["layer"] is NSNull, "frame \(i + 1) layer should be null")
                }
                if let loss = snapshot.loss {
                    let written = try #require((entry["loss"] as? NSNumber)?.doubleValue, "frame \(i + 1) has no loss")
                    #expect(abs(written - loss) <= 1e-12 * max(1, abs(loss)))
                } else {
                    #expect(entry["loss"] is NSNull, "frame \(i + 1) loss should be null")
                }
            }
            // The frames are real PNGs of the run's size.
            for name in [expected.first!, expected.last!] {
                let image = try RGBAImage(pngData: readBytes(out + "/" + name))
                #expect(image.width == 1280 && image.height == 720)
            }

            // Again, into the folder NetFrames made: allowed, and the same frames come out.
            let before = try readBytes(out + "/" + expected[5])
            let second = try netframes(["render", runPath, "--out", out, "--jobs", "2"], in: folder)
            #expect(second.status == 0, "second render into its own folder failed (\(second.status)): \(second.stderr)")
            #expect(try fileNames(in: out) == names)
            #expect(try readBytes(out + "/" + expected[5]) == before)
            #expect(Self.partialFiles(out).isEmpty)
        }
    }

    @Test("a non-empty folder NetFrames did not make is refused with exit 73 and left alone, unless --force")
    func foreignFolder() throws {
        try withTemporaryFolder("cli-foreign") { folder in
            let (runPath, _) = try Self.writeRunFile(in: folder)
            let out = folder.file("mine")
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let notes = Array("my own notes, not NetFrames'\n".utf8)
            try writeBytes(notes, to: out + "/notes.txt")

            let refused = try netframes(["render", runPath, "--out", out], in: folder)
            #expect(refused.status == 73, "exit \(refused.status): \(refused.stderr)")
            #expect(refused.stderr.contains("--force"), "the message should say how to go ahead: \(refused.stderr)")
            #expect(try fileNames(in: out) == ["notes.txt"], "the refused render wrote into the folder")
            #expect(try readBytes(out + "/notes.txt") == notes)

            let forced = try netframes(["render", runPath, "--out", out, "--force"], in: folder)
            #expect(forced.status == 0, "exit \(forced.status): \(forced.stderr)")
            let names = try fileNames(in: out)
            #expect(names.filter { $0.hasPrefix("frame_") }.count == 12)
            #expect(names.contains("manifest.json"))
            #expect(try readBytes(out + "/notes.txt") == notes, "--force must not touch the user's own file")
            #expect(Self.partialFiles(out).isEmpty)
        }
    }

    @Test("render into a path that is a file fails with exit 73 and leaves the file alone")
    func outIsAFile() throws {
        try withTemporaryFolder("cli-file") { folder in
            let (runPath, _) = try Self.writeRunFile(in: folder)
            let out = folder.file("taken")
            let content = Array("a file\n".utf8)
            try writeBytes(content, to: out)
            let result = try netframes(["render", runPath, "--out", out], in: folder)
            #expect(result.status == 73, "exit \(result.status): \(result.stderr)")
            #expect(try readBytes(out) == content)
        }
    }

    @Test("demo writes its 12 frames and manifest, and nothing partial")
    func demo() throws {
        try withTemporaryFolder("cli-demo") { folder in
            let out = folder.file("demo")
            let result = try netframes(["demo", "--out", out], in: folder)
            #expect(result.status == 0, "exit \(result.status): \(result.stderr)")
            let names = try fileNames(in: out)
            #expect(names.filter { $0.hasPrefix("frame_") } == (1...12).map { String(format: "frame_%06d.png", $0) })
            let (top, frames) = try Self.manifestFrames(out)
            #expect(top["run"] as? String == "demo")
            #expect(frames.count == 12)
            #expect(frames.map { $0["phase"] as? String } == Array(repeating: ["forward", "forward", "loss", "backward", "backward", "update"], count: 2).flatMap { $0 })
            #expect(Self.partialFiles(out).isEmpty)
            #expect(result.stderr.contains("rendered 12 frames"), "\(result.stderr)")
            // Nothing was written outside --out.
            #expect(try fileNames(in: folder.path) == ["demo"])
            // The test's copy of the demo run file is the demo's own.
            let shown = try netframes(["demo", "--show-run-file"], in: folder)
            #expect(shown.status == 0)
            let theirs = try Fixture.run(shown.stdout, file: "demo")
            let ours = try Fixture.run(Fixture.demo, file: "demo")
            #expect(theirs.setup == ours.setup && theirs.initialParameters.weights == ours.initialParameters.weights
                    && theirs.iterations == ours.iterations)
        }
    }

    @Test("--format svg writes SVG frames that librsvg opens at the frame size")
    func svgFrames() throws {
        try withTemporaryFolder("cli-svg") { folder in
            let (runPath, _) = try Self.writeRunFile(in: folder)
            let out = folder.file("svg")
            let result = try netframes(["render", runPath, "--out", out, "--format", "svg", "--theme", "dark"], in: folder)
            #expect(result.status == 0, "exit \(result.status): \(result.stderr)")
            let svgs = try fileNames(in: out).filter { $0.hasSuffix(".svg") }
            #expect(svgs == (1...12).map { String(format: "frame_%06d.svg", $0) })
            let dark = RGB(try #require(Theme.named(.dark).background))
            for name in svgs {
                let image = try rsvgConvert(out + "/" + name, width: 1280, height: 720, to: folder.file("check.png"))
                #expect(image.width == 1280 && image.height == 720)
                #expect(image.rgb(0, 0).distance(to: dark) <= 1, "\(name): background \(image.rgb(0, 0))")
            }
            #expect(Self.partialFiles(out).isEmpty)
            let (top, frames) = try Self.manifestFrames(out)
            #expect(top["frameFormat"] as? String == "svg" && frames.count == 12)
        }
    }

    /// The number of `stroke-dasharray` declarations in an SVG file.
    static func dashArrays(_ path: String) throws -> Int {
        try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "stroke-dasharray").count - 1
    }

    @Test("--theme projector prints two decimals unless --digits says otherwise; --sign-style dashed dashes the same frames in render and batch")
    func projectorAndSignStyle() throws {
        try withTemporaryFolder("cli-projector") { folder in
            let (runPath, _) = try Self.writeRunFile(in: folder)
            func render(_ name: String, _ flags: [String]) throws -> String {
                let out = folder.file(name)
                let result = try netframes(["render", runPath, "--out", out, "--format", "svg", "--quiet"] + flags, in: folder)
                #expect(result.status == 0, "\(flags): exit \(result.status): \(result.stderr)")
                return out
            }
            let solid = try render("solid", ["--theme", "projector"])
            let dashed = try render("dashed", ["--theme", "projector", "--sign-style", "dashed"])
            let digits = try render("digits", ["--theme", "projector", "--digits", "3"])
            // Frame 1 is the forward pass into the hidden layer; the manifest lists its caption,
            // "… z = 2.50·0.60 + 0.30·0.20 + 0.10 = 1.66 …" in two decimals, and its alt text.
            func frameOne(_ folder: String) throws -> String {
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json")))
                let frame = try #require(((json as? [String: Any])?["frames"] as? [[String: Any]])?.first)
                return ((frame["caption"] as? [String]) ?? []).joined(separator: " ") + " " + (frame["alt"] as? String ?? "")
            }
            let first = try frameOne(solid)
            #expect(first.contains("2.50·0.60 + 0.30·0.20 + 0.10") && !first.contains("2.500"), "\(first)")
            let three = try frameOne(digits)
            #expect(three.contains("2.500·0.600 + 0.300·0.200 + 0.100"), "\(three)")
            // The colours run starts with 3 negative weights: 3 dashed connections and the legend's sample.
            let cost = "/frame_000003.svg"
            #expect(try Self.dashArrays(dashed + cost) - Self.dashArrays(solid + cost) == 4)
            let image = try rsvgConvert(dashed + cost, width: 1280, height: 720, to: folder.file("check.png"))
            #expect(image.rgb(0, 0) == RGB(r: 255, g: 255, b: 255), "projector's background is \(image.rgb(0, 0))")
            // batch takes the same flags to mean the same: byte-identical frames.
            let batch = try netframes(["batch", runPath, "--out", folder.file("batch"), "--format", "svg", "--quiet",
                                       "--theme", "projector", "--sign-style", "dashed"], in: folder)
            #expect(batch.status == 0, "exit \(batch.status): \(batch.stderr)")
            for frame in ["/frame_000001.svg", cost, "/frame_000006.svg"] {
                #expect(try readBytes(folder.file("batch/colours") + frame) == readBytes(dashed + frame), "\(frame)")
            }
        }
    }

    @Test("an unknown --theme or --sign-style stops with exit 64 and names the choices; a run file's with 65 and names the file and field")
    func signStyleMistakes() throws {
        try withTemporaryFolder("cli-sign-style") { folder in
            let (runPath, _) = try Self.writeRunFile(in: folder)
            let flag = try netframes(["render", runPath, "--sign-style", "dotted"], in: folder)
            #expect(flag.status == 64, "\(flag.stderr)")
            #expect(flag.stderr.contains("'dotted'") && flag.stderr.contains("'solid' and 'dashed'"), "\(flag.stderr)")
            let theme = try netframes(["demo", "--theme", "projecter"], in: folder)
            #expect(theme.status == 64 && theme.stderr.contains("'projector'"), "\(theme.stderr)")
            let colours = try String(contentsOfFile: runPath, encoding: .utf8)
            let text = colours + "\nrender: {theme: projector, signStyle: dotted}\n"
            try folder.write("net.yaml", text)
            let file = try netframes(["render", "net.yaml", "--out", folder.file("never")], in: folder)
            #expect(file.status == 65, "\(file.stderr)")
            let line = colours.split(separator: "\n", omittingEmptySubsequences: false).count + 1
            #expect(file.stderr == "error: net.yaml: render.signStyle: expected one of solid, dashed, found 'dotted' (line \(line))\n",
                    "\(file.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("never")))
        }
    }
}
