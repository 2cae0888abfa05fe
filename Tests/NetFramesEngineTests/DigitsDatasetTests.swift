import Foundation
@testable import NetFramesEngine
import NetFramesTestSupport
import Testing

/// The digits NetFrames ships: the file decoded as UCI and scikit-learn give it.
///
/// The reference figures were computed in Python from scikit-learn's own
/// `sklearn/datasets/data/digits.csv.gz`, independently of NetFrames' file and decoder.
@Suite("Built-in digits")
struct DigitsDatasetTests {
    let digits: [Example]

    init() throws {
        digits = try BuiltinDataset.digits.load(samples: 0, seed: 0, noise: 0)
    }

    /// The pixel ink counts 0…16 and the digit, as the original file's 65 numbers a row.
    private func original(_ example: Example) -> (pixels: [Int], digit: Int) {
        let pixels = example.input.map { Int(($0 * 16).rounded()) }
        let digit = example.target.firstIndex(of: 1) ?? -1
        return (pixels, digit)
    }

    @Test("1,797 examples of 64 inputs in [0, 1], each a whole number of sixteenths, and 10 one-hot targets")
    func shape() throws {
        #expect(digits.count == 1797)
        #expect(BuiltinDataset.digits.inputCount == 64 && BuiltinDataset.digits.targetCount == 10)
        #expect(BuiltinDataset.digits.fixedCount == 1797 && !BuiltinDataset.digits.isGenerated)
        for (i, example) in digits.enumerated() {
            #expect(example.input.count == 64 && example.target.count == 10, "example \(i)")
            #expect(example.input.allSatisfy { $0 >= 0 && $0 <= 1 && ($0 * 16).rounded() == $0 * 16 }, "example \(i)")
            #expect(example.target.filter { $0 == 1 }.count == 1 && example.target.filter { $0 == 0 }.count == 9,
                    "example \(i)")
        }
        // Both ends of the scale occur: ink 0 and ink 16.
        #expect(digits.contains { $0.input.contains(1) } && digits.contains { $0.input.contains(0) })
    }

    @Test("each digit as often as in UCI's set, in its original order")
    func classesAndOrder() {
        var counts = [Int](repeating: 0, count: 10)
        for example in digits { counts[original(example).digit] += 1 }
        #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        #expect(digits.prefix(12).map { original($0).digit } == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
        // The first digit's top row, as in the original file: 0,0,5,13,9,1,0,0.
        #expect(Array(original(digits[0]).pixels.prefix(8)) == [0, 0, 5, 13, 9, 1, 0, 0])
        #expect(original(digits[1796]).digit == 8)
    }

    @Test("checksum: the ink sum and FNV-1a of the 1,797 × 65 numbers match scikit-learn's file")
    func checksum() {
        var inkSum = 0
        var fnv: UInt64 = 0xCBF2_9CE4_8422_2325
        for example in digits {
            let (pixels, digit) = original(example)
            inkSum += pixels.reduce(0, +)
            for byte in pixels + [digit] {
                fnv = (fnv ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        #expect(inkSum == 561_718)
        #expect(fnv == 0x7768_69CC_E379_5967)
    }

    @Test("the data set made for a network is the loaded examples, flat and in order")
    func dataset() throws {
        let set = Dataset(examples: digits)
        #expect(set.count == 1797 && set.inputCount == 64 && set.targetCount == 10)
        #expect(set[1796] == digits[1796])
        #expect(BuiltinDataset.digits.examples(samples: 5, seed: 9, noise: 1) == digits)
    }

    @Test("the shipped file carries its attribution and licence in its header, and a README beside it")
    func attribution() throws {
        let folder = packageRoot + "/Sources/NetFramesEngine/Datasets/"
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "digits.csv.gz")))
        let text = try #require(String(bytes: try GzipData.decompress(compressed, limit: 1 << 20), encoding: .utf8))
        let header = text.split(separator: "\n").prefix { $0.hasPrefix("#") }.joined(separator: "\n")
        for needed in ["E. Alpaydin, C. Kaynak", "Optical Recognition of Handwritten Digits", "UCI Machine Learning Repository",
                       "1998", "DOI 10.24432/C50P49", "CC BY 4.0"] {
            #expect(header.contains(needed), "header lacks \(needed)")
        }
        let readme = try String(contentsOfFile: folder + "README.md", encoding: .utf8)
        #expect(readme.contains("E. Alpaydin, C. Kaynak") && readme.contains("10.24432/C50P49") && readme.contains("CC BY 4.0"))
        // What the parser reads from that text is what the program loaded.
        #expect(try DigitsFile.parse(Array(text.utf8)) == digits)
    }

    @Test("a damaged file is refused with the reason, not read as digits")
    func damaged() throws {
        let folder = packageRoot + "/Sources/NetFramesEngine/Datasets/"
        var compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "digits.csv.gz")))
        compressed[compressed.count / 2] ^= 0x40
        #expect(throws: BuiltinDataError.self) { try GzipData.decompress(compressed, limit: 1 << 20) }
        #expect(throws: BuiltinDataError.damaged("not gzip data")) { try GzipData.decompress(Array("1,2,3".utf8), limit: 100) }
        #expect(throws: BuiltinDataError.damaged("line 2 has 3 values, not 65")) {
            try DigitsFile.parse(Array("# header\n1,2,3\n".utf8))
        }
        #expect(throws: BuiltinDataError.damaged("line 1 has a pixel above 16 or a digit above 9")) {
            try DigitsFile.parse(Array((Array(repeating: "17", count: 64) + ["3"]).joined(separator: ",").utf8))
        }
    }
}
