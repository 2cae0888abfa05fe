import Foundation
import NetFramesEngine
import NetFramesRunFile
import NetFramesTestSupport
import Testing

/// `data: {csv: FILE}`: rows of inputs then targets, relative to the run file.
@Suite struct CSVDataTests {
    let network = "network: {layers: [2, 2, 1]}\n"

    @Test func readsRowsAsInputsThenTargets() throws {
        let folder = try TemporaryFolder()
        try folder.write("points.csv", "0.5, -1, 1\n2e-3,4,0\n")
        let run = try parsed(network + "data: {csv: points.csv}\n", directory: folder.url)
        #expect(run.dataset.examples == [Example(input: [0.5, -1], target: [1]),
                                         Example(input: [0.002, 4], target: [0])])
        #expect(run.dataSource == .csv(path: "points.csv"))
        #expect(run.iterations == 2)
    }

    @Test func aHeaderRowIsAccepted() throws {
        let folder = try TemporaryFolder()
        try folder.write("xor.csv", "# the four corners\n\nx1,x2,\"label\"\n0,0,0\r\n0,1,1\r\n1,0,1\n1,1,0\n")
        let run = try parsed(network + "data: {csv: xor.csv}\n", directory: folder.url)
        #expect(run.dataset.count == 4)
        #expect(run.dataset.inputs == [0, 0, 0, 1, 1, 0, 1, 1])
        #expect(run.dataset.targets == [0, 1, 1, 0])
    }

    @Test func aByteOrderMarkIsNotAHeader() throws {
        // As spreadsheets save "CSV UTF-8": without care the first row would be taken for a header.
        let folder = try TemporaryFolder()
        try folder.write("excel.csv", "\u{FEFF}1,2,3\r\n4,5,6\r\n")
        let run = try parsed(network + "data: {csv: excel.csv}\n", directory: folder.url)
        #expect(run.dataset.examples == [Example(input: [1, 2], target: [3]), Example(input: [4, 5], target: [6])])
    }

    @Test func missingFile() throws {
        let folder = try TemporaryFolder()
        let expected = folder.url.appendingPathComponent("nope.csv").path
        expectMistake(network + "data:\n  csv: nope.csv\n", path: "data.csv", line: 3,
                      "cannot read \(expected) (no such file)", directory: folder.url)
    }

    @Test func rowWithTheWrongNumberOfColumnsNamesTheCSVFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.csv", "x,y,t\n0,0,0\n\n0,1\n")
        guard let error = mistake(network + "data: {csv: bad.csv}\n", directory: folder.url) else { return }
        #expect(error.description == "bad.csv: line 4: expected 3 values (2 inputs then 1 target, "
            + "as network.layers in net.yaml says), found 2")

        // Loaded by path, both files are named as the user can find them.
        let runPath = try folder.write("net.yaml", network + "data: {csv: bad.csv}\n")
        #expect(throws: RunFileError(file: folder.path + "/bad.csv", path: "line 4",
                                     message: "expected 3 values (2 inputs then 1 target, as network.layers in "
                                         + "\(runPath) says), found 2")) {
            try RunFile.load(path: runPath)
        }
    }

    @Test func nonNumberCell() throws {
        let folder = try TemporaryFolder()
        try folder.write("cells.csv", "1,2,3\n4,abc,6\n")
        guard let error = mistake(network + "data: {csv: cells.csv}\n", directory: folder.url) else { return }
        #expect(error.description == "cells.csv: line 2, column 2: expected a finite number, found \"abc\"")
        try folder.write("nan.csv", "1,2,3\n4,nan,6\n")
        guard let nan = mistake(network + "data: {csv: nan.csv}\n", directory: folder.url) else { return }
        #expect(nan.description == "nan.csv: line 2, column 2: expected a finite number, found \"nan\"")
    }

    @Test func onlyTheFirstRowMayBeAHeader() throws {
        let folder = try TemporaryFolder()
        try folder.write("late.csv", "0,0,0\nx,y,t\n")
        guard let error = mistake(network + "data: {csv: late.csv}\n", directory: folder.url) else { return }
        #expect(error.description == "late.csv: line 2, column 1: expected a finite number, found \"x\"")
    }

    @Test func aFileWithNoRows() throws {
        let folder = try TemporaryFolder()
        try folder.write("header.csv", "x,y,t\n# nothing else\n")
        guard let error = mistake(network + "data: {csv: header.csv}\n", directory: folder.url) else { return }
        #expect(error.description == "header.csv: has no examples (rows of 3 numbers)")
    }

    @Test func builtInSettingsDoNotApplyToACSV() throws {
        expectMistake(network + "data: {csv: points.csv, samples: 10}\n", path: "data.samples", line: 2,
                      "applies to built-in sets only, not to a CSV file")
    }
}
