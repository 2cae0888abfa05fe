import Foundation
import NetFramesEngine

/// The ways a case spoils a valid run file. Cases take the kinds in turn, so every
/// kind gets its share of any count.
enum MutationKind: String, CaseIterable, Sendable {
    case wrongType, missingField, extraField, hugeNumber, nanInf, extremeLegal, deepNesting, longString,
         bigList, invalidUTF8, empty, binaryJunk, truncation, aliasBomb, duplicateKey, byteFlips, splice, csvData
}

/// One case: the bytes of a run file (and of the CSV file it names, if any).
struct FuzzInput {
    var kind: MutationKind
    /// The base file the case was made from.
    var base: String
    var fileName: String
    var bytes: [UInt8]
    var csv: (name: String, bytes: [UInt8])?
}

/// A little randomness on top of SplitMix64.
struct Dice {
    var generator: SplitMix64

    /// The generator of case `index` of the run seeded `seed`: cases do not depend on
    /// one another, so any one can be made again alone.
    init(seed: UInt64, index: Int) {
        generator = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        _ = generator.next()
    }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(generator.next() % UInt64(n)) }
    mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }
    mutating func chance(_ p: Double) -> Bool { generator.nextUnit() < p }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    /// A size spread over orders of magnitude, from 1 to about `max`.
    mutating func magnitude(_ max: Int) -> Int {
        let exponent = generator.nextUnit() * log10(Double(max))
        return Swift.max(1, Int(pow(10, exponent)))
    }
}

/// Makes the input of one case.
struct Mutator {
    let corpus: Corpus

    func input(kind: MutationKind, dice: inout Dice) -> FuzzInput {
        var entry = kind == .csvData ? corpus.csvEntry : dice.pick(corpus.entries)
        var bytes: [UInt8]
        switch kind {
        case .invalidUTF8, .empty, .binaryJunk, .truncation, .byteFlips, .aliasBomb, .duplicateKey:
            bytes = textMutation(kind, Array(entry.text.utf8), json: entry.isJSON, dice: &dice)
        case .csvData:
            bytes = Array(entry.text.utf8)
            entry.csv = (entry.csv!.name, String(decoding: csvMutation(dice: &dice), as: UTF8.self))
        default:
            guard var tree = YAMLTree(text: entry.text) else { fatalError("corpus file \(entry.name) is not YAML") }
            // A few tree mutations stack now and then, to get past the first check.
            let rounds = dice.chance(0.25) ? dice.between(2, 3) : 1
            for _ in 0..<rounds { treeMutation(kind, &tree, dice: &dice) }
            let asJSON = entry.isJSON ? !dice.chance(0.1) : dice.chance(0.1)
            bytes = Array((asJSON ? tree.flow + "\n" : tree.yaml).utf8)
        }
        let csvBytes = entry.csv.map { (name: $0.name, bytes: Array($0.text.utf8)) }
        return FuzzInput(kind: kind, base: entry.name, fileName: entry.name, bytes: bytes, csv: csvBytes)
    }

    // MARK: Tree mutations

    static let keyNames = [
        "name", "network", "training", "sampling", "data", "render", "animation", "layers", "hidden", "output",
        "weights", "biases", "seed", "init", "loss", "learningRate", "biasLearningRate", "trainBiases", "iterations",
        "epochs", "every", "first", "input", "target", "csv", "builtin", "samples", "noise", "width", "height",
        "scale", "theme", "font", "fontSize", "digits", "maxNeurons", "weightLabels", "signStyle", "labels", "format", "panels",
        "fps", "easing", "durations", "chapters", "finalHold", "titleCard", "quality", "forward", "backward", "update",
        "hold", "detail", "stepDuration", "title", "position", "boundary", "outputs", "legend", "caption",
        "optimizer", "kind", "batchSize", "shuffle", "weightDecay", "momentum", "nesterov", "alpha", "epsilon", "beta1",
        "beta2", "decoupled", "batchDetail", "accumulate", "adam", "rmsprop", "sgd",
        "Layers", "lerningRate", "itterations", "", " ", "network ", "<<", "~", "0", "null", "true",
    ]

    static let hugeNumbers = [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "4294967296", "2147483648", "1e9", "1e18", "1e19", "1e300",
        "1e308", "1.7976931348623157e308", "1e309", "-1", "-1e9", "-1e300", "0", "-0", "0.5", "1e-9", "1e-320",
        "100000000000000000000000000000000000000000", "0x7fffffffffffffff", "0o777", "1_000_000", "+12", "0.0e0",
        "4097", "65", "100000001", "99999999", "1000000", "5000000", "16385", "16383", "240.5", "601", "3e3", "-0.0",
        "1.0", "2.5e1", "240", "600", "0.001", "8", "0.25",
    ]

    static let nonFinite = [".nan", ".NaN", "NaN", "nan", ".inf", ".Inf", "-.inf", "+.inf", "inf", "-inf",
                            "Infinity", "-Infinity", "1e999", "-1e999"]

    static let extremeLegal = ["1e300", "-1e300", "-1e-300", "1e-300", "-0.0", "0.0", "5e-324", "-5e-324",
                               "2.2250738585072014e-308", "123456789.123", "-123456789.123", "99999.9996",
                               "-99999.9996", "0.00049999", "-0.0004999", "0.0005", "-0.0005", "1e5", "-99999",
                               "1.7976931348623157e308", "-1.7976931348623157e308", "0.1", "12345.678"]

    static let otherValues: [YAMLTree] = [
        .bare("true"), .bare("false"), .bare("null"), .bare("~"), .quoted("3"), .quoted(""), .bare("abc"),
        .quoted("a string"), .list([]), .map([]), .list([.bare("1"), .bare("two")]),
        .map([(key: .bare("x"), value: .bare("1"))]), .bare("1"), .bare("-3.5"), .quoted("sigmoid"),
        .bare("2001-01-01"), .bare("0x1F"), .list([.list([.bare("1")])]), .quoted("png"), .bare("yes"), .bare("off"),
    ]

    func treeMutation(_ kind: MutationKind, _ tree: inout YAMLTree, dice: inout Dice) {
        let paths = tree.paths()
        switch kind {
        case .wrongType:
            let path = dice.pick(paths)
            tree[path] = dice.pick(Mutator.otherValues)
        case .missingField:
            let collections = paths.filter { p in
                switch tree[p] {
                case .map(let e): return !e.isEmpty
                case .list(let l): return !l.isEmpty
                default: return false
                }
            }
            guard !collections.isEmpty else { return }
            let path = dice.pick(collections)
            switch tree[path] {
            case .map(var entries):
                entries.remove(at: dice.below(entries.count))
                tree[path] = .map(entries)
            case .list(var items):
                items.remove(at: dice.below(items.count))
                tree[path] = .list(items)
            default: break
            }
        case .extraField:
            let maps = paths.filter { if case .map = tree[$0] { return true }; return false }
            guard !maps.isEmpty else { return }
            let path = dice.pick(maps)
            if case .map(var entries) = tree[path] {
                let key = dice.pick(Mutator.keyNames)
                let value = dice.chance(0.5) ? dice.pick(Mutator.otherValues) : .bare(dice.pick(Mutator.hugeNumbers))
                entries.insert((key: key.isEmpty || key.hasSuffix(" ") ? .quoted(key) : .bare(key), value: value),
                               at: dice.below(entries.count + 1))
                tree[path] = .map(entries)
            }
        case .hugeNumber, .nanInf, .extremeLegal:
            let table = kind == .hugeNumber ? Mutator.hugeNumbers : kind == .nanInf ? Mutator.nonFinite : Mutator.extremeLegal
            var numbers = paths.filter { tree[$0].isNumber }
            if kind == .extremeLegal {
                // Where any finite number is allowed: the values a frame prints.
                let free: Set<String> = ["weights", "biases", "input", "target"]
                let values = numbers.filter { !free.isDisjoint(with: tree.keys(along: $0)) }
                if !values.isEmpty { numbers = values }
            }
            let scalars = numbers.isEmpty ? paths.filter { !tree[$0].isCollection } : numbers
            guard !scalars.isEmpty else { return }
            // Extreme but legal values go into several places at once, as a diverging run would have them.
            let count = kind == .extremeLegal ? dice.between(1, max(1, scalars.count / 2)) : 1
            for _ in 0..<count { tree[dice.pick(scalars)] = .bare(dice.pick(table)) }
        case .deepNesting:
            let path = dice.pick(paths)
            var node = tree[path]
            let depth = dice.magnitude(3000)
            for _ in 0..<depth {
                node = dice.chance(0.7) ? .list([node]) : .map([(key: .bare("a"), value: node)])
            }
            tree[path] = node
        case .longString:
            let scalars = paths.filter { !tree[$0].isCollection }
            guard !scalars.isEmpty else { return }
            tree[dice.pick(scalars)] = .quoted(longString(dice: &dice))
        case .bigList:
            let lists = paths.filter { if case .list(let l) = tree[$0] { return !l.isEmpty }; return false }
            guard !lists.isEmpty else { return }
            let path = dice.pick(lists)
            if case .list(let items) = tree[path] {
                // Up to a hundred thousand values in all: past every size limit but the
                // file's, and quick enough to read in a debug build.
                let each = tree[path].size
                let times = min(dice.magnitude(20_000), max(1, (100_000 - tree.size) / max(1, each)))
                var grown: [YAMLTree] = []
                grown.reserveCapacity(items.count * times)
                for _ in 0..<times { grown += items }
                tree[path] = .list(grown)
            }
        case .splice:
            let donor = dice.pick(corpus.entries)
            guard let other = YAMLTree(text: donor.text) else { return }
            let piece = other[dice.pick(other.paths())]
            tree[dice.pick(paths)] = piece
        default:
            break
        }
    }

    /// A long string of one of several flavours: plain, wide characters, control characters.
    func longString(dice: inout Dice) -> String {
        let length = dice.magnitude(2_000_000)
        let flavours: [[Character]] = [
            ["a"], ["x", "y", "z", "-", "_", "."], ["é", "ß", "Ω", "中", "😀", "\u{202E}", "\u{0301}", "\u{FEFF}"],
            ["\u{1}", "\u{7}", "\u{1B}", "\n", "\t", "\r", " "], ["%", "@", "{", "}", "[", "]", ":", "#", "&", "*"],
        ]
        let alphabet = dice.pick(flavours)
        if alphabet.count == 1 { return String(repeating: alphabet[0], count: length) }
        // A random stretch, repeated: long strings cost the fuzzer little to make.
        var chunk = ""
        for _ in 0..<min(length, 997) { chunk.append(dice.pick(alphabet)) }
        return String(repeating: chunk, count: length / chunk.count) + String(chunk.prefix(length % chunk.count))
    }

    // MARK: Text mutations

    func textMutation(_ kind: MutationKind, _ original: [UInt8], json: Bool, dice: inout Dice) -> [UInt8] {
        var bytes = original
        switch kind {
        case .invalidUTF8:
            let junk: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xE0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
                                   [0x80], [0xC3], [0xF4, 0x90, 0x80, 0x80], [0xFE, 0xFF], [0xEF, 0xBB]]
            for _ in 0..<dice.between(1, 3) {
                bytes.insert(contentsOf: dice.pick(junk), at: dice.below(bytes.count + 1))
            }
        case .empty:
            let empties = ["", " ", "\n", "\n\n\n", "# only a comment\n", "---\n", "...\n", "null\n", "~\n", "[]\n", "{}\n",
                           "\u{FEFF}", "\u{FEFF}\n", "\t\n", "--- !!null\n", "\"\"\n", "0\n", "network:\n", "data:\n",
                           "network: {}\ndata: []\n", "\r\n\r\n"]
            bytes = Array(dice.pick(empties).utf8)
        case .binaryJunk:
            let length = dice.magnitude(100_000)
            switch dice.below(3) {
            case 0:
                bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: dice.generator.next()) }
            case 1:
                bytes = (0..<length).map { _ in UInt8(32 + dice.below(95)) }
            default:
                let tokens = ["{", "}", "[", "]", ":", ",", "- ", "\n", "  ", "&a ", "*a ", "!!str ", "? ", "|", ">", "'",
                              "\"", "#", "%YAML 1.2\n", "---", "...", "network", "layers", "1", "-2.5", "e", "null"]
                var out: [UInt8] = []
                while out.count < length { out += Array(dice.pick(tokens).utf8) }
                bytes = out
            }
        case .truncation:
            bytes = Array(bytes.prefix(dice.below(bytes.count)))
        case .byteFlips:
            for _ in 0..<dice.between(1, 8) where !bytes.isEmpty {
                let i = dice.below(bytes.count)
                bytes[i] = dice.chance(0.5) ? bytes[i] ^ UInt8(1 << dice.below(8)) : UInt8(truncatingIfNeeded: dice.generator.next())
            }
        case .aliasBomb:
            bytes = Array(aliasText(String(decoding: original, as: UTF8.self), json: json, dice: &dice).utf8)
        case .duplicateKey:
            var lines = String(decoding: original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let keyed = lines.indices.filter { lines[$0].contains(":") && !lines[$0].hasPrefix("#") }
            if let i = keyed.isEmpty ? nil : dice.pick(keyed) {
                if json || lines[i].hasPrefix("{") {
                    // One line of JSON or flow YAML: repeat its first key inside the braces.
                    let line = String(lines[i])
                    if let brace = line.firstIndex(of: "{"), let colon = line[brace...].firstIndex(of: ","),
                       line[brace...].firstIndex(of: ":") != nil {
                        let first = line[line.index(after: brace)..<colon]
                        lines[i] = Substring(line[...brace] + first + ", " + line[line.index(after: brace)...])
                    } else {
                        lines.insert(lines[i], at: i)
                    }
                } else {
                    lines.insert(lines[i], at: i + 1)
                }
            }
            bytes = Array(lines.joined(separator: "\n").utf8)
        default:
            break
        }
        return bytes
    }

    /// The run file with anchors and aliases: a nested "laughs" bomb of random fan-out
    /// and depth, aliases where real fields go, merge keys, or an undefined alias.
    func aliasText(_ text: String, json: Bool, dice: inout Dice) -> String {
        switch dice.below(4) {
        case 0:
            let fanOut = dice.between(2, 12), depth = dice.between(2, 12)
            var bomb = "l0: &l0 [" + Array(repeating: "x", count: fanOut).joined(separator: ", ") + "]\n"
            for level in 1..<depth {
                bomb += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: fanOut).joined(separator: ", ") + "]\n"
            }
            let use = dice.pick(["layers", "data", "weights", "chapters", "name"])
            bomb += dice.chance(0.5) ? "? *l\(depth - 1)\n: boom\n" : "network: {\(use): *l\(depth - 1)}\n"
            return bomb + (json ? "" : text)
        case 1:
            let base = json ? "" : text
            return "defaults: &d {layers: [2, 2, 1], hidden: tanh}\n" + base.replacingOccurrences(
                of: "network:", with: dice.chance(0.5) ? "network: *d\nx:" : "network:\n  <<: *d\nx:")
        case 2:
            return text + "\nextra: *nowhere\n"
        default:
            // An anchor on a data example reused many times.
            let times = dice.magnitude(20_000)
            return """
                network: {layers: [2, 1]}
                training: {iterations: 2}
                data:
                  - &e {input: [0, 1], target: [1]}

                """ + String(repeating: "  - *e\n", count: times)
        }
    }

    /// A CSV for `points.yaml` (2 inputs, 1 target), spoilt one way or another.
    func csvMutation(dice: inout Dice) -> [UInt8] {
        var lines = Corpus.pointsCSV.split(separator: "\n").map(String.init)
        switch dice.below(9) {
        case 0: lines.append("0.5," + dice.pick(Mutator.nonFinite) + ",1")
        case 1: lines.append(dice.pick(Mutator.hugeNumbers) + ",0,1")
        case 2: lines.append("1,2")
        case 3: lines.append("1,2,3,4")
        case 4: lines = ["\u{FEFF}x,y,t"] + lines.dropFirst().map { $0 + "\r" }
        case 5:
            let rows = dice.magnitude(50_000)
            lines += (0..<rows).map { "\(Double($0 % 97) / 97),\(Double($0 % 13) / 13),\($0 % 2)" }
        case 6: lines.append(String(repeating: "1,", count: dice.magnitude(500_000)) + "1")
        case 7: return Array(lines.joined(separator: "\n").utf8) + [0xFF, 0xFE, 0x0A]
        default: lines = [lines[0]]
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}
