import Foundation
import Testing
import NetFramesFiles
import NetFramesRender
import NetFramesTestSupport

/// SIGINT and SIGTERM sent to a real `netframes render`: finished frames stay valid, the
/// manifest lists exactly them, nothing partial is left, the exit status is 128 + the
/// signal, and the same command run again finishes with the bytes of an uninterrupted render.
@Suite("Signals during a render", .serialized)
struct SignalTests {
    static let arguments = ["render", "xor.yaml", "--every", "800", "--jobs", "1", "--quiet"]

    func copyExample(into folder: TemporaryFolder) throws {
        try FileManager.default.copyItem(atPath: examplePath("xor.yaml"), toPath: folder.file("xor.yaml"))
    }

    func frames(in folder: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("frame_") }.count
    }

    @Test("a signalled render exits 128+N, keeps a consistent manifest, and resumes to identical bytes",
          arguments: [SIGINT, SIGTERM])
    func signalled(number: Int32) throws {
        try withTemporaryFolder("signal") { work in
            try copyExample(into: work)
            let netframes = try netframesExecutable()
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

    @Test("a batch stopped by SIGTERM exits 143 with every run's manifest consistent, and resumes to the same files")
    func batch() throws {
        try withTemporaryFolder("signal-batch") { work in
            try FileManager.default.copyItem(atPath: examplePath("xor-sweep.yaml"), toPath: work.file("xor-sweep.yaml"))
            let netframes = try netframesExecutable()
            let arguments = ["batch", "xor-sweep.yaml", "--every", "1000", "--jobs", "2", "--quiet"]
            let reference = try runProcess(netframes, arguments + ["-o", "reference"], in: work.path)
            #expect(reference.status == 0, "\(reference.stderr)")

            func framesWritten() -> Int {
                (FileManager.default.enumerator(atPath: work.file("out"))?.allObjects as? [String] ?? [])
                    .filter { ($0 as NSString).lastPathComponent.hasPrefix("frame_") }.count
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: netframes)
            process.arguments = arguments + ["-o", "out"]
            process.currentDirectoryURL = URL(fileURLWithPath: work.path)
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while framesWritten() < 40 && process.isRunning && Date() < deadline { usleep(20_000) }
            #expect(process.isRunning, "the batch finished before it could be interrupted")
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            #expect(process.terminationStatus == 143)
            #expect(!FileManager.default.fileExists(atPath: work.file("out/summary.csv")))
            var listed = 0
            for name in try fileNames(in: work.file("out")) where name.hasPrefix("xor-sweep-") {
                let folder = work.file("out/" + name)
                guard FileManager.default.fileExists(atPath: folder + "/manifest.json") else { continue }
                let manifest = try FrameManifest(contentsOf: folder + "/manifest.json")
                for entry in manifest.entries {
                    #expect(ContentDigest.sha256(file: folder + "/" + entry.file) == entry.sha256, "\(name)/\(entry.file)")
                }
                listed += manifest.entries.count
                let leftovers = try fileNames(in: folder).filter { $0.contains(".partial") || $0.hasSuffix(".journal") }
                #expect(leftovers.isEmpty, "\(name): \(leftovers)")
            }
            #expect(listed >= 40 && listed < 270, "\(listed) frames listed")

            let resumed = try runProcess(netframes, arguments + ["-o", "out"], in: work.path)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(resumed.stderr.contains("\(listed) kept from an earlier render"), "\(resumed.stderr)")
            for name in FileManager.default.enumerator(atPath: work.file("reference"))?.allObjects as? [String] ?? []
                where name.hasSuffix(".png") || name.hasSuffix(".json") || name.hasSuffix(".csv") {
                #expect(FileManager.default.contents(atPath: work.file("out/" + name))
                    == FileManager.default.contents(atPath: work.file("reference/" + name)), "\(name)")
            }
        }
    }
}
