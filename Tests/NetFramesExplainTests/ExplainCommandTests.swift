import Foundation
import NetFramesTestSupport
import Testing

/// `netframes explain` as a user runs it: where it writes, what it refuses, and that the
/// same run gives the same bytes.
@Suite("netframes explain, end to end")
struct ExplainCommandTests {
    @Test("writes Output/<run name>-step<N>.md with its SVG frames beside it, the same bytes every time")
    func defaultOutput() throws {
        try withTemporaryFolder("explain-default") { folder in
            let first = try netframes(["explain", examplePath("two-two-two.yaml")], in: folder)
            try #require(first.status == 0, "exit \(first.status): \(first.stderr)")
            #expect(first.stderr.contains("Output/two-two-two-step1.md"), "\(first.stderr)")
            let frames = try fileNames(in: folder.file("Output/two-two-two-step1-frames")).filter { !$0.hasPrefix(".") }
            #expect(frames == ["backward-layer1.svg", "backward-layer2.svg", "cost.svg", "forward-layer1.svg",
                               "forward-layer2.svg", "update.svg"])
            let before = try filesBelow(folder.file("Output"))
            let markdown = String(decoding: try #require(before["two-two-two-step1.md"]), as: UTF8.self)
            #expect(markdown.contains("![The forward pass has reached the hidden layer.](two-two-two-step1-frames/forward-layer1.svg)"))
            // Again, over its own files: allowed, and byte for byte the same.
            let second = try netframes(["explain", examplePath("two-two-two.yaml")], in: folder)
            #expect(second.status == 0, "exit \(second.status): \(second.stderr)")
            #expect(try filesBelow(folder.file("Output")) == before, "a second run wrote different bytes")
        }
    }

    @Test("the frames are the ones netframes render draws for that step")
    func framesMatchRender() throws {
        try withTemporaryFolder("explain-render") { folder in
            let explain = try netframes(["explain", examplePath("two-two-two.yaml"), "--out", folder.file("doc.md")], in: folder)
            try #require(explain.status == 0, "\(explain.stderr)")
            let render = try netframes(["render", examplePath("two-two-two.yaml"), "--format", "svg", "--out", folder.file("render"),
                                        "--jobs", "1"], in: folder)
            try #require(render.status == 0, "\(render.stderr)")
            let moments = ["forward-layer1", "forward-layer2", "cost", "backward-layer2", "backward-layer1", "update"]
            for (i, moment) in moments.enumerated() {
                let rendered = try readBytes(folder.file("render/" + String(format: "frame_%06d.svg", i + 1)))
                #expect(try readBytes(folder.file("doc-frames/\(moment).svg")) == rendered, "\(moment) differs from frame \(i + 1)")
            }
        }
    }

    @Test("the format follows --out's extension")
    func formatFromExtension() throws {
        try withTemporaryFolder("explain-extension") { folder in
            let result = try netframes(["explain", examplePath("two-two-two.yaml"), "--out", folder.file("page.html")], in: folder)
            try #require(result.status == 0, "\(result.stderr)")
            #expect(String(decoding: try readBytes(folder.file("page.html")), as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
            #expect(!FileManager.default.fileExists(atPath: folder.file("page-frames")), "HTML holds its frames inline")
        }
    }

    @Test("bad --step, --format, --frames and --neurons are one-line errors that name what is allowed",
          arguments: [
              (["--step", "0"], "--step must be between 1 and 1"),
              (["--step", "-1"], "--step must be between 1 and 1"),
              (["--step", "2"], "--step must be between 1 and 1"),
              (["--format", "pdf"], "'md', 'tex' or 'html'"),
              (["--frames", "gif"], "'svg', 'png', 'pdf' or 'none'"),
              (["--neurons", "some"], "'all' and 'followed'"),
              (["--format", "tex", "--frames", "svg"], "pdflatex cannot include SVG"),
              (["--digits", "0"], "--digits must be between 1 and 15"),
          ])
    func badOptions(_ options: [String], says expected: String) throws {
        try withTemporaryFolder("explain-bad") { folder in
            let result = try netframes(["explain", examplePath("two-two-two.yaml")] + options, in: folder)
            #expect(result.status == 64, "exit \(result.status) for \(options): \(result.stderr)")
            let errors = result.errorLines.filter { $0.hasPrefix("error:") || $0.hasPrefix("Error:") }
            #expect(errors.count == 1, "\(options): \(result.stderr)")
            #expect(result.stderr.contains(expected), "\(options): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("Output")), "\(options) wrote output")
        }
    }

    @Test("a file NetFrames did not write is replaced only with --force")
    func foreignFile() throws {
        try withTemporaryFolder("explain-force") { folder in
            let notes = try folder.write("notes.md", "My own notes.\n")
            let refused = try netframes(["explain", examplePath("two-two-two.yaml"), "--out", notes, "--frames", "none"], in: folder)
            #expect(refused.status == 73, "exit \(refused.status): \(refused.stderr)")
            #expect(refused.stderr.contains("was not written by netframes explain; add --force"), "\(refused.stderr)")
            #expect(String(decoding: try readBytes(notes), as: UTF8.self) == "My own notes.\n")
            let forced = try netframes(["explain", examplePath("two-two-two.yaml"), "--out", notes, "--frames", "none", "--force"],
                                       in: folder)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(String(decoding: try readBytes(notes), as: UTF8.self).contains("Step 1 of two-two-two"))
            #expect(folder.names().filter { $0.contains(".partial") }.isEmpty)
        }
    }

    @Test("a run file's mistakes are reported as render reports them")
    func badRunFile() throws {
        try withTemporaryFolder("explain-badrun") { folder in
            let run = try folder.write("bad.yaml", "name: bad\nnetwork: {layers: [2, 2]}\ntraining: {learningRate: fast}\ndata: [{input: [0, 1], target: [1, 0]}]\n")
            let result = try netframes(["explain", run], in: folder)
            #expect(result.status == 65, "exit \(result.status): \(result.stderr)")
            #expect(result.stderr.contains("learningRate"), "\(result.stderr)")
        }
    }
}
