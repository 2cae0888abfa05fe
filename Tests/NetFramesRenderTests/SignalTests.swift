import Foundation
import Testing
import NetFramesFiles
import NetFramesRender

/// SIGINT and SIGTERM sent to a real `netframes render`: finished frames stay valid, the
/// manifest lists exactly them, nothing partial is left, the exit status is 128 + the
/// signal, and the same command run again finishes with the bytes of an uninterrupted render.
@Suite("Signals during a render", .serialized)
struct SignalTests {
    static let arguments = ["render", "xor.yaml", "--every", "800", "--jobs", "1", "--quiet"]

    func copyExample(into folder: TemporaryFolder) throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/xor.yaml").path
        try FileManager.default.copyItem(atPath: source, toPath: folder.file("xor.yaml"))
    }

    func frames(in folder: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("frame_") }.count
    }

    @Test("a signalled render exits 128+N, keeps a consistent manifest, and resumes to identical bytes",
          arguments: [SIGINT, SIGTERM])
    func signalled(number: Int32) throws {
        let work = try TemporaryFolder("signal")
        defer { work.remove() }
        try copyExample(into: work)
        let netframes = try CommandLineTests.executable()
        let reference = try runProcess(netframes, Self.arguments + ["-o", "reference"], in: work.path)
        #expect(reference.status == 0, "\(reference.stderr)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: netframes)
        process.arguments = Self.arguments + ["-o", "out"]
        process.currentDirectoryURL = URL(fileURLWithPath: work.path)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while frames(in: work.file("out")) < 12 && process.isRunning && Date() < deadline { usleep(20_000) }
        #expect(process.isRunning, "the render finished before it could be interrupted")
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + number)

        let manifest = try FrameManifest(contentsOf: work.file("out/manifest.json"))
        #expect(manifest.entries.count >= 12 && manifest.entries.count < manifest.totalFrames,
                "\(manifest.entries.count) of \(manifest.totalFrames)")
        #expect(manifest.entries.map(\.index) == Array(1...manifest.entries.count))
        for entry in manifest.entries {
            #expect(ContentDigest.sha256(file: work.file("out/" + entry.file)) == entry.sha256, "\(entry.file)")
        }
        let leftovers = try fileNames(in: work.file("out")).filter { $0.contains(".partial") || $0.hasSuffix(".journal") }
        #expect(leftovers.isEmpty, "\(leftovers)")

        let resumed = try runProcess(netframes, Self.arguments + ["-o", "out"], in: work.path)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("\(manifest.entries.count) kept from an earlier render"), "\(resumed.stderr)")
        for name in try fileNames(in: work.file("reference")) where !name.hasPrefix(".") {
            #expect(try readBytes(work.file("out/" + name)) == (try readBytes(work.file("reference/" + name))), "\(name)")
        }
    }
}
