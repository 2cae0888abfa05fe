import Foundation

/// The digits set as NetFrames ships it: `Datasets/digits.csv.gz` among the engine's
/// resources, read once per process.
enum DigitsFile {
    /// The examples, in the file's order, or why they could not be read.
    static let examples: Result<[Example], BuiltinDataError> = {
        do throws(BuiltinDataError) {
            return .success(try read())
        } catch {
            return .failure(error)
        }
    }()

    /// Examples in the file.
    static let count = 1797
    /// Pixels per example (8 × 8).
    static let pixels = 64
    /// Digits 0 to 9.
    static let classes = 10
    /// A pixel counts the ink in a 4 × 4 block, so 0 to 16.
    static let maxPixel = 16

    private static let name = "digits.csv.gz"

    /// Finds, decompresses and parses the file.
    private static func read() throws(BuiltinDataError) -> [Example] {
        let url = try locate()
        guard let data = try? Data(contentsOf: url) else {
            throw .damaged("\(url.path) cannot be read")
        }
        let text = try GzipData.decompress([UInt8](data), limit: 1 << 20)
        return try parse(text)
    }

    /// The file in the engine's resource bundle.
    ///
    /// `Bundle.module` stops the program when its bundle is in neither of the two places
    /// it knows (beside the executable, or in the build folder), so it is asked only once
    /// the bundle is known to be beside the executable; otherwise the build folder's
    /// copy is looked for by the same path SwiftPM gives it, and a missing file is an error.
    private static func locate() throws(BuiltinDataError) -> URL {
        let bundleName = "NetFrames_NetFramesEngine.resources"
        let beside = Bundle.main.bundleURL.appendingPathComponent(bundleName)
        var searched = [beside.path]
        if FileManager.default.fileExists(atPath: beside.path) {
            if let url = Bundle.module.url(forResource: "digits", withExtension: "csv.gz", subdirectory: "Datasets") {
                return url
            }
        } else {
            // An executable linked to from elsewhere (a symlink on PATH): its real folder.
            let real = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent(bundleName)
            if let real, real.path != beside.path {
                searched.append(real.path)
                let url = real.appendingPathComponent("Datasets").appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: url.path) { return url }
            }
        }
        throw .missing(file: "Datasets/\(name)", searched: searched)
    }

    /// Reads the decompressed text: `#` lines, then 64 pixel values and the digit per line.
    static func parse(_ text: [UInt8]) throws(BuiltinDataError) -> [Example] {
        var examples: [Example] = []
        examples.reserveCapacity(count)
        var values: [Int] = []
        values.reserveCapacity(pixels + 1)
        var line = 1
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "#") {
                while index < text.count, text[index] != UInt8(ascii: "\n") { index += 1 }
            } else if text[index] != UInt8(ascii: "\n") {
                values.removeAll(keepingCapacity: true)
                var value = 0, digits = 0
                while index < text.count, text[index] != UInt8(ascii: "\n") {
                    let byte = text[index]
                    if byte == UInt8(ascii: ",") {
                        guard digits > 0 else { throw .damaged("line \(line) has an empty value") }
                        values.append(value)
                        value = 0
                        digits = 0
                    } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 3 {
                        value = value * 10 + Int(byte - UInt8(ascii: "0"))
                        digits += 1
                    } else {
                        throw .damaged("line \(line) holds something other than small whole numbers")
                    }
                    index += 1
                }
                guard digits > 0 else { throw .damaged("line \(line) has an empty value") }
                values.append(value)
                guard values.count == pixels + 1 else {
                    throw .damaged("line \(line) has \(values.count) values, not \(pixels + 1)")
                }
                guard values[..<pixels].allSatisfy({ $0 <= maxPixel }), values[pixels] < classes else {
                    throw .damaged("line \(line) has a pixel above \(maxPixel) or a digit above 9")
                }
                var target = [Double](repeating: 0, count: classes)
                target[values[pixels]] = 1
                examples.append(Example(input: values[..<pixels].map { Double($0) / Double(maxPixel) }, target: target))
            }
            index += 1
            line += 1
        }
        guard examples.count == count else { throw .damaged("it has \(examples.count) digits, not \(count)") }
        return examples
    }
}
