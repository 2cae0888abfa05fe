import Foundation
import NetFramesEngine
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTrace
import Testing

/// `netframes record` run as a user runs it: the built executable, in a folder of its own.
@Suite struct RecordCommandTests {
    func noPartialFiles(in folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let leftovers = try fileNames(in: folder.path).filter { $0.contains(".partial") }
        #expect(leftovers == [], sourceLocation: sourceLocation)
    }

    @Test func aBadRunFileExitsWith65AndOneMessage() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.yaml", "network:\n  layers: [2, 0, 1]\ndata: {builtin: xor}\n")
        let outcome = try netframes(["record", "bad.yaml", "--out", "trace.jsonl"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.stderr == "error: bad.yaml: network.layers[1]: must be a whole number of neurons, "
            + "at least 1, found 0 (line 2)\n")
        #expect(try fileNames(in: folder.path) == ["bad.yaml"])
    }

    @Test func aBadCSVExitsWith65NamingTheCSV() throws {
        let folder = try TemporaryFolder()
        try folder.write("net.yaml", "network: {layers: [2, 1]}\ndata: {csv: points.csv}\n")
        try folder.write("points.csv", "1,2,3\n4,5\n")
        let outcome = try netframes(["record", "net.yaml", "--out", "trace.jsonl"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.stderr == "error: points.csv: line 2: expected 3 values (2 inputs then 1 target, "
            + "as network.layers in net.yaml says), found 2\n")
        try noPartialFiles(in: folder)
    }

    @Test func aGoodRunFileWritesATrace() throws {
        let folder = try TemporaryFolder()
        let outcome = try netframes(["record", examplePath("two-two-two.yaml"), "--out", "trace.jsonl"], in: folder)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("recorded 1 iteration of two-two-two (6 snapshots) to trace.jsonl; "
            + "loss of the last step: 0.298371"), "\(outcome.stderr)")
        let text = try String(contentsOfFile: folder.path + "/trace.jsonl", encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines[0].hasPrefix("{\"format\":\"netframes-trace\",\"version\":1,"))
        // The worked example every tutorial uses: the forward pass of the hidden layer.
        let forward = try SnapshotLine(lines[1])
        #expect(forward.preActivations[1] == [0.3775, 0.39249999999999996])
        let loss = try SnapshotLine(lines[3])
        #expect(loss.loss == 0.2983711087600027)
        try noPartialFiles(in: folder)
        #expect(try fileNames(in: folder.path) == ["trace.jsonl"])
    }

    @Test func anExistingFileThatIsNotATraceIsKept() throws {
        let folder = try TemporaryFolder()
        let precious = try folder.write("thesis.txt", "three years of work\n")
        let refused = try netframes(["record", examplePath("two-two-two.yaml"), "--out", "thesis.txt"], in: folder)
        #expect(refused.status == 73)
        #expect(refused.stderr == "error: thesis.txt: exists and is not a NetFrames trace; add --force to replace it\n")
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "three years of work\n")
        try noPartialFiles(in: folder)

        let forced = try netframes(["record", examplePath("two-two-two.yaml"), "--out", "thesis.txt", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(TraceWriter.isTrace(atPath: precious))
        try noPartialFiles(in: folder)
    }

    @Test func anExistingTraceIsReplaced() throws {
        let folder = try TemporaryFolder()
        let first = try netframes(["record", examplePath("two-two-two.yaml"), "--out", "t.jsonl"], in: folder)
        let second = try netframes(["record", examplePath("sketch-2015.json"), "--out", "t.jsonl"], in: folder)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let text = try String(contentsOfFile: folder.path + "/t.jsonl", encoding: .utf8)
        #expect(text.contains("\"name\":\"sketch-2015\""))
        #expect(text.split(separator: "\n").count == 1 + 2 * 6)
        #expect(try fileNames(in: folder.path) == ["t.jsonl"])
    }

    @Test func divergenceExitsWith70AndKeepsTheTrace() throws {
        let folder = try TemporaryFolder()
        try folder.write("wild.yaml", """
            network: {layers: [1, 1], output: linear, weights: [[[1]]]}
            training: {learningRate: 1e6, iterations: 100}
            data: [{input: [1000], target: [0]}]

            """)
        let outcome = try netframes(["record", "wild.yaml", "--out", "wild.jsonl"], in: folder)
        #expect(outcome.status == 70)
        #expect(outcome.stderr.contains("error: training diverged at iteration "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(" snapshots before stopping to wild.jsonl\n"), "\(outcome.stderr)")
        #expect(TraceWriter.isTrace(atPath: folder.path + "/wild.jsonl"))
        try noPartialFiles(in: folder)
    }

    @Test func everyExampleRecords() throws {
        let folder = try TemporaryFolder()
        for name in ["two-two-two.yaml", "xor.yaml", "spiral.yaml", "sketch-2015.json"] {
            let outcome = try netframes(["record", examplePath(name), "--out", "\(name).jsonl"], in: folder)
            #expect(outcome.status == 0, "\(name): \(outcome.stderr)")
        }
        try noPartialFiles(in: folder)
    }
}

extension RecordCommandTests {
    @Test func aPipeAsOutIsRefusedWithAReason() throws {
        let folder = try TemporaryFolder()
        #expect(mkfifo(folder.path + "/pipe", 0o600) == 0)
        try folder.write("xor.yaml", "network: {layers: [2, 2, 1]}\ndata: {builtin: xor}\n")
        let outcome = try netframes(["record", "xor.yaml", "--out", "pipe"], in: folder)
        #expect(outcome.status == 73)
        #expect(outcome.stderr.hasPrefix("error: pipe: is not a regular file"), "\(outcome.stderr)")
        try noPartialFiles(in: folder)
    }
}
