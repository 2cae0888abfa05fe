import Foundation
import NetFrames
import NetFramesTestSupport
import Testing

/// The `netframes-example` program, run as a user would run it, and the README's copy of it.
@Suite("netframes-example")
struct ExampleProgramTests {
    static let source = packageRoot + "/Examples/NetFramesExample/main.swift"

    @Test("writes the first forward frame as PNG and the last update frame as SVG, and counts a short run's frames")
    func runsAndWrites() throws {
        try withTemporaryFolder("example") { folder in
            let outcome = try runProcess(try builtProduct("netframes-example"), ["pictures"], in: folder.path)
            #expect(outcome.status == 0, "exit \(outcome.status): \(outcome.stderr)")
            #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")

            // The loss, every 500 steps and at the last one, falls as XOR is learned.
            let lossLines = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("step ") }
            #expect(lossLines.count == 9, "\(outcome.stdout)")
            #expect(lossLines.first?.hasPrefix("step 0, example 0: loss ") == true)
            #expect(lossLines.last?.hasPrefix("step 3999, example 3: loss ") == true)
            let losses = lossLines.compactMap { Double($0.split(separator: " ").last!) }
            #expect(losses.count == 9 && losses[0] > 0.1 && losses[8] < 0.005, "\(losses)")

            let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("pictures/first-forward.png"))))
            let image = try RGBAImage(pngData: png)
            #expect(image.width == 960 && image.height == 540)
            let svg = try String(contentsOfFile: folder.file("pictures/last-update.svg"), encoding: .utf8)
            #expect(svg.contains(#"viewBox="0 0 960 540""#))
            #expect(svg.contains("<title>xor: iteration 3999, update</title>"), "\(svg.prefix(300))")

            // 2 steps × (2 forward, loss, 2 backward, update) frames, counted by the program's own sink.
            #expect(outcome.stdout.contains("FrameCounter received 12 frames ("), "\(outcome.stdout)")
            #expect(outcome.stdout.contains("the manifest lists 12, from frame_000001.png to frame_000012.png"))

            // Run again into the same folder: it is NetFrames', so that is allowed.
            let again = try runProcess(try builtProduct("netframes-example"), ["pictures"], in: folder.path)
            #expect(again.status == 0, "\(again.stderr)")
        }
    }

    @Test("refuses a folder of someone else's files with a message and exit status 1")
    func refusesForeignFolder() throws {
        try withTemporaryFolder("example-foreign") { folder in
            try FileManager.default.createDirectory(atPath: folder.file("mine"), withIntermediateDirectories: true)
            try Data("notes".utf8).write(to: URL(fileURLWithPath: folder.file("mine/notes.txt")))
            let outcome = try runProcess(try builtProduct("netframes-example"), ["mine"], in: folder.path)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.hasPrefix("netframes-example: mine: "), "\(outcome.stderr)")
            #expect(try String(contentsOfFile: folder.file("mine/notes.txt"), encoding: .utf8) == "notes")
            #expect(!FileManager.default.fileExists(atPath: folder.file("mine/first-forward.png")))
        }
    }

    @Test("imports NetFrames and no module of it below that")
    func importsOnlyTheLibrary() throws {
        let text = try String(contentsOfFile: Self.source, encoding: .utf8)
        let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") }
            .map { $0.split(separator: " ")[1] }
        #expect(imports == ["Foundation", "NetFrames"])
    }

    @Test("the README's library example is the example program's code, line for line")
    func readmeMatchesExample() throws {
        let readme = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "## Use it as a Swift library"), "README has no library section")
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```swift\nimport NetFrames\n"), "no Swift block starts with the import")
        let close = try #require(rest[open.upperBound...].range(of: "```\n"))
        let lines = rest[open.lowerBound..<close.lowerBound].split(separator: "\n").dropFirst().map(String.init)
        let shown = lines.filter { !$0.hasPrefix("import ") }
        #expect(shown.count >= 12, "\(shown)")
        // The program's lines sit indented in a do block; the README shows them flush left.
        let program = try String(contentsOfFile: Self.source, encoding: .utf8).split(separator: "\n")
            .map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }
        let found = program.indices.contains { start in
            program[start...].prefix(shown.count).elementsEqual(shown)
        }
        #expect(found, "the README's example is not a run of lines of Examples/NetFramesExample/main.swift")
    }
}
