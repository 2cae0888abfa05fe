import Foundation
import Testing
import NetFramesBatch
import NetFramesRender
import NetFramesRun
import NetFramesRunFile
import NetFramesTestSupport

/// One precedence rule for every setting, the same in `render` and `batch`:
/// command-line flag, then run file, then the quality preset, then the default.
@Suite("render and batch settings")
struct PrecedenceTests {
    /// A run whose file may give its own size, frame rate and quality.
    static func run(fileSize: Bool, fileFPS: Bool, fileQuality: Bool) throws -> Run {
        var animation: [String] = []
        if fileFPS { animation.append("fps: 12") }
        if fileQuality { animation.append("quality: high") }
        let yaml = """
            name: precedence
            network: {layers: [2, 2, 1], hidden: tanh, output: sigmoid, seed: 3}
            training: {loss: mse, learningRate: 0.5, iterations: 2}
            data:
              - {input: [0.6, -0.3], target: [1]}
            \(fileSize ? "render: {width: 400, height: 300}" : "")
            \(animation.isEmpty ? "" : "animation: {\(animation.joined(separator: ", "))}")
            """
        return try RunFile.parse(yaml, file: "precedence.yaml", directory: URL(fileURLWithPath: NSTemporaryDirectory()))
    }

    /// What the rule says the video's size and frame rate are.
    static func expected(_ o: RenderOverrides, fileSize: Bool, fileFPS: Bool, fileQuality: Bool)
        -> (width: Int, height: Int, fps: Double) {
        let preset: VideoQuality? = o.quality ?? (fileQuality ? .high : nil)
        let width = o.width ?? (fileSize ? 400 : preset?.size.width ?? 1280)
        let height = o.height ?? (fileSize ? 300 : preset?.size.height ?? 720)
        let fps = o.fps ?? (fileFPS ? 12 : preset?.fps ?? 30)
        return (width, height, fps)
    }

    @Test("every combination of --quality, --width, --height, --fps and the run file's own gives one answer in both")
    func everyCombination() throws {
        var combinations = 0
        for fileSize in [false, true] {
            for fileFPS in [false, true] {
                for fileQuality in [false, true] {
                    let run = try Self.run(fileSize: fileSize, fileFPS: fileFPS, fileQuality: fileQuality)
                    for quality in [nil, VideoQuality.low] {
                        for width in [nil, 640] {
                            for height in [nil, 360] {
                                for fps in [nil, 10.0] {
                                    var o = RenderOverrides()
                                    o.format = .mp4
                                    (o.quality, o.width, o.height, o.fps) = (quality, width, height, fps)
                                    let render = RenderRequest(run: run, overrides: o)
                                    let entry = BatchEntry(runFile: "precedence.yaml",
                                                           sweep: SweepRun(name: run.name, run: run, settings: []))
                                    let batch = BatchSettings(folder: "unused", overrides: o)
                                        .request(for: entry, jobs: 1, frameShard: nil)
                                    let want = Self.expected(o, fileSize: fileSize, fileFPS: fileFPS,
                                                             fileQuality: fileQuality)
                                    let context = "file size \(fileSize), fps \(fileFPS), quality \(fileQuality); "
                                        + "--quality \(quality?.rawValue ?? "-") --width \(width ?? 0) "
                                        + "--height \(height ?? 0) --fps \(fps ?? 0)"
                                    #expect(render.style.pixelSize == (want.width, want.height), "\(context)")
                                    #expect(render.animation.fps == want.fps, "\(context)")
                                    #expect(batch.style == render.style && batch.animation == render.animation,
                                            "\(context)")
                                    #expect(batch.quality == render.quality, "\(context)")
                                    combinations += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(combinations == 128)
    }

    @Test("render and batch write the same video for --quality low --width 640 --height 360 --fps 10")
    func commandsAgree() throws {
        let folder = try TemporaryFolder("precedence")
        defer { folder.remove() }
        let runPath = folder.file("small.yaml")
        try Fixture.small(name: "small", iterations: 1, animation: VideoProbeTests.animation)
            .replacingOccurrences(of: "render: {width: 320, height: 180, theme: light}", with: "")
            .write(toFile: runPath, atomically: true, encoding: .utf8)
        let flags = ["--format", "mp4", "--quality", "low", "--width", "640", "--height", "360", "--fps", "10", "--quiet"]
        let render = try netframes(["render", runPath, "--out", folder.file("render")] + flags, in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        let batch = try netframes(["batch", runPath, "--out", folder.file("batch")] + flags, in: folder)
        #expect(batch.status == 0, "\(batch.stderr)")
        let a = try Probe(folder.file("render/small.mp4")), b = try Probe(folder.file("batch/small/small.mp4"))
        #expect(a.width == 640 && a.height == 360 && a.frameRate == "10/1", "\(a)")
        #expect(b.width == 640 && b.height == 360 && b.frameRate == "10/1", "\(b)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("render/small.mp4")))
                == Data(contentsOf: URL(fileURLWithPath: folder.file("batch/small/small.mp4"))))
    }

    @Test("--theme, --digits and --sign-style over the run file's own: one answer in render, batch and the library")
    func lookSettings() throws {
        var combinations = 0
        for fileTheme in [nil, ThemeName.projector] {
            for fileDigits in [nil, 3] {
                for fileSign in [nil, SignStyle.dashed] {
                    var render: [String] = []
                    if let fileTheme { render.append("theme: \(fileTheme.rawValue)") }
                    if let fileDigits { render.append("digits: \(fileDigits)") }
                    if let fileSign { render.append("signStyle: \(fileSign.rawValue)") }
                    let yaml = """
                        name: look
                        network: {layers: [2, 2, 1], hidden: tanh, output: sigmoid, seed: 3}
                        training: {loss: mse, learningRate: 0.5, iterations: 1}
                        data:
                          - {input: [0.6, -0.3], target: [1]}
                        \(render.isEmpty ? "" : "render: {\(render.joined(separator: ", "))}")
                        """
                    let run = try RunFile.parse(yaml, file: "look.yaml", directory: URL(fileURLWithPath: NSTemporaryDirectory()))
                    for theme in [nil, ThemeName.projector, .light] {
                        for digits in [nil, 1] {
                            for sign in [nil, SignStyle.solid, .dashed] {
                                var o = RenderOverrides()
                                (o.theme, o.digits, o.signStyle) = (theme, digits, sign)
                                let request = RenderRequest(run: run, overrides: o)
                                let entry = BatchEntry(runFile: "look.yaml", sweep: SweepRun(name: run.name, run: run, settings: []))
                                let batch = BatchSettings(folder: "unused", overrides: o).request(for: entry, jobs: 1, frameShard: nil)
                                let wantTheme = theme ?? fileTheme ?? .light
                                let wantDigits = digits ?? fileDigits ?? (wantTheme == .projector ? 2 : 3)
                                let wantSign = sign ?? fileSign ?? .solid
                                let context = "file \(render); --theme \(theme?.rawValue ?? "-") --digits \(digits ?? -1) "
                                    + "--sign-style \(sign?.rawValue ?? "-")"
                                #expect(request.style.theme == wantTheme, "\(context)")
                                #expect(request.style.digits == wantDigits, "\(context): \(request.style.digits)")
                                #expect(request.style.signStyle == wantSign, "\(context)")
                                #expect(batch.style == request.style, "\(context)")
                                // The library's style, given the same settings, prints the same.
                                let library = DiagramStyle(theme: wantTheme, digits: digits ?? fileDigits, signStyle: wantSign)
                                #expect(library.digits == request.style.digits && library.signStyle == request.style.signStyle,
                                        "\(context)")
                                combinations += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(combinations == 144)
    }
}
