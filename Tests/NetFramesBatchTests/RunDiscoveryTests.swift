import Foundation
import NetFramesBatch
import NetFramesTestSupport
import Testing
import NetFramesFiles

/// Finding run files among the paths a batch is given, in real folders.
@Suite struct RunDiscoveryTests {
    @Test func foldersAreSearchedInPathOrderSkippingWhatIsNotARunFile() throws {
        let folder = try TemporaryFolder()
        for file in ["runs/b.yaml", "runs/a.yml", "runs/deep/z.json", "runs/deep/c.YAML", "runs/a-b.yaml",
                     "runs/notes.txt", "runs/.hidden.yaml", "runs/.git/config.yaml"] {
            try folder.write(file, "network: {layers: [2, 1]}\ndata: {builtin: xor}\n")
        }
        // NetFrames' own JSON, wherever it lies, and whole output folders.
        try folder.write("runs/manifest.json", "{\n  \"format\": \"netframes-frames\", \"version\": 1}\n")
        try folder.write("runs/deep/trace.json", "{\"format\":\"netframes-trace\",\"version\":1}\n{}\n")
        try folder.write("runs/Output/xor/.netframes", "made by NetFrames\n")
        try folder.write("runs/Output/xor/copy.yaml", "network: {layers: [2, 1]}\n")
        // A JSON run file that merely mentions a format is still a run file.
        try folder.write("runs/deep/mine.json", "{\"network\": {\"layers\": [2, 1]}, \"format\": \"netframes-x\"}")

        let found = try RunDiscovery.runFiles(in: [folder.path + "/runs"])
        let prefix = folder.path + "/runs/"
        #expect(found == ["a-b.yaml", "a.yml", "b.yaml", "deep/c.YAML", "deep/mine.json", "deep/z.json"].map { prefix + $0 })

        // Given with a trailing slash, the paths keep a single one.
        #expect(try RunDiscovery.runFiles(in: [folder.path + "/runs/"]) == found)
    }

    @Test func filesAreTakenAsGivenInOrderAndOnce() throws {
        let folder = try TemporaryFolder()
        let b = try folder.write("set/b.yaml", "x: 1\n")
        let a = try folder.write("set/a.yaml", "x: 1\n")
        let text = try folder.write("odd.txt", "x: 1\n")
        let found = try RunDiscovery.runFiles(in: [b, text, folder.path + "/set", a])
        #expect(found == [b, text, a])
    }

    @Test func mistakesNameThePath() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path + "/nope.yaml"
        #expect(throws: NetFramesError(.badInput, path: missing, message: "no such file or folder")) {
            try RunDiscovery.runFiles(in: [missing])
        }
        try folder.write("empty/readme.txt", "nothing to run\n")
        try folder.write("empty/.hidden/run.yaml", "x: 1\n")
        #expect(throws: NetFramesError(.badInput, path: folder.path + "/empty",
                                   message: "holds no run files (.yaml, .yml or .json); hidden folders, NetFrames "
                                       + "output folders and files NetFrames wrote are skipped")) {
            try RunDiscovery.runFiles(in: [folder.path + "/empty"])
        }
        try folder.write("out/.netframes", "made by NetFrames\n")
        do {
            _ = try RunDiscovery.runFiles(in: [folder.path + "/out"])
            Issue.record("an output folder was searched for run files")
        } catch let error as NetFramesError {
            #expect(error.path == folder.path + "/out")
            #expect(error.message.hasPrefix("is a folder of NetFrames output"))
        }
        #expect(throws: NetFramesError.self) { try RunDiscovery.runFiles(in: []) }
    }

    @Test func linksToFilesAreFollowedAndLinksToFoldersAreNot() throws {
        let folder = try TemporaryFolder()
        let real = try folder.write("elsewhere/real.yaml", "x: 1\n")
        try folder.write("runs/own.yaml", "x: 1\n")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.path + "/runs/link.yaml", withDestinationPath: real)
        try manager.createSymbolicLink(atPath: folder.path + "/runs/loop", withDestinationPath: folder.path + "/runs")
        let found = try RunDiscovery.runFiles(in: [folder.path + "/runs"])
        #expect(found == [folder.path + "/runs/link.yaml", folder.path + "/runs/own.yaml"])
    }
}
