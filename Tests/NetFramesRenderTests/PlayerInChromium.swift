import Foundation
import Testing
import NetFramesRender
import NetFramesRun
import NetFramesRunFile
import NetFramesTestSupport

/// Debian's headless Chromium, as CI installs it.
enum Chromium {
    static let path: String? = {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") { return "/usr/bin/chromium" }
        return ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(which).first
    }()

    /// Runs headless Chromium with its own profile folder (tests run in parallel) and
    /// the flags it needs as root in a container.
    static func run(_ arguments: [String], profile: String) throws -> ProcessResult {
        let chromium = try #require(path)
        return try runProcess("/usr/bin/timeout", ["120", chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                                   "--no-first-run", "--hide-scrollbars", "--user-data-dir=\(profile)"]
                                                  + arguments)
    }
}

/// The HTML player's page in headless Chromium: a test's script is added to a copy of
/// the page, runs once the player has started, and leaves its record as JSON in
/// `<pre id="nf-test-record">`; Chromium's `--dump-dom` hands the page back with it.
enum PlayerInChromium {
    /// The page `HTMLPlayer` writes for `yaml`, as text.
    static func page(_ yaml: String, file: String, encoding: HTMLFrameEncoding,
                     in folder: TemporaryFolder) throws -> String {
        let run = try Fixture.run(yaml, file: file)
        let output = HTMLPlayerOutput(folder: folder.file("out"), name: run.name, encoding: encoding, jobs: 2)
        let summary = try HTMLPlayer(run: run, style: run.render).render(to: output)
        return String(decoding: try readBytes(summary.path), as: UTF8.self)
    }

    /// A player page of `yaml`'s animation frames in `settings` (tweens, holds), with
    /// SVG frames: `HTMLPlayerSink` fed by the pipeline's animation source.
    static func animationPage(_ yaml: String, file: String, settings: AnimationSettings,
                              in folder: TemporaryFolder) throws -> String {
        let run = try Fixture.run(yaml, file: file)
        let output = HTMLPlayerOutput(folder: folder.file("out"), name: run.name, encoding: .svg, jobs: 2)
        let pipeline = FramePipeline(run: run, style: run.render, source: .animation(settings), jobs: 2)
        var sink = try HTMLPlayerSink(output: output, builder: pipeline.builder, style: run.render, runName: run.name,
                                      totalFrames: pipeline.frameCount)
        let result = try pipeline.run(into: &sink)
        try #require(result.divergence == nil && result.reachedEnd)
        return String(decoding: try readBytes(output.path), as: UTF8.self)
    }

    /// Opens `page` with `script` (a `<script>` element, or several) added at the end of
    /// its body, after the player's own `P.start()`, in a window of `window` pixels with
    /// Chromium's extra `flags`, and returns the record the script left.
    ///
    /// - Parameter name: the copy's file name in `folder`, distinct for each page a test opens.
    static func record(of page: String, adding script: String, window: String = "1280,900", flags: [String] = [],
                       name: String = "tested", in folder: TemporaryFolder) throws -> Data {
        let tested = folder.file(name + ".html")
        try #require(page.contains("</body>"), "the page has no </body>")
        try page.replacingOccurrences(of: "</body>", with: script + "\n</body>")
            .write(toFile: tested, atomically: true, encoding: .utf8)
        let result = try Chromium.run(["--virtual-time-budget=15000", "--window-size=\(window)"] + flags
                                      + ["--dump-dom", URL(fileURLWithPath: tested).absoluteString],
                                      profile: folder.file(name + "-profile"))
        try #require(result.status == 0, "chromium failed (\(result.status)): \(result.stderr.suffix(2000))")
        let dom = result.stdout
        let open = "<pre id=\"nf-test-record\">"
        let start = try #require(dom.range(of: open), "the page's script left no record; did it run? \(dom.suffix(500))")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return Data(json.utf8)
    }
}
