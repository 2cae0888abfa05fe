import Foundation
import NetFramesEngine
import Yams
import NetFramesRun

extension RunFile {
    /// The top-level sections a run file may have.
    static let sections = ["name", "network", "training", "sampling", "data", "render", "animation", "sweep"]

    /// Reads and checks a run file (YAML or JSON).
    ///
    /// - Parameters:
    ///   - path: the file, as the user named it (messages repeat it as given).
    ///   - limits: the largest sizes accepted.
    /// - Throws: `RunFileError` naming the file, the field and what is allowed.
    public static func load(path: String, limits: Limits = Limits()) throws -> RunFile {
        let text = try readText(path)
        return try parse(text, file: path, directory: URL(fileURLWithPath: path).deletingLastPathComponent(), limits: limits)
    }

    /// The text of the run file at `path`, or an error naming it.
    static func readText(_ path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            // A pipe (`<(…)`, /dev/stdin) is read as a stream; anything else says why it cannot be.
            guard let streamed = readStream(path) else {
                throw RunFileError(file: path, path: "", message: "cannot read the file (\(readFailureReason(path)))")
            }
            data = streamed
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RunFileError(file: path, path: "", message: "is not UTF-8 text; a run file is YAML or JSON")
        }
        return text
    }

    /// Checks the text of a run file.
    ///
    /// - Parameters:
    ///   - text: YAML or JSON.
    ///   - file: the name to use in messages and for the default run name.
    ///   - directory: where relative paths in the file (a CSV, say) start from.
    /// - Throws: `RunFileError`; also when the file has a `sweep:` section, which makes it
    ///   describe several runs (read those with `loadRuns` / `parseRuns`).
    public static func parse(_ text: String, file: String, directory: URL, limits: Limits = Limits()) throws -> RunFile {
        let root = try compose(text, file: file)
        if case .mapping(let top) = root, let sweep = top.first(where: { $0.key.scalar?.string == "sweep" }) {
            throw RunFileError(file: file, path: "sweep",
                               message: "makes this file describe several runs, one per combination of the swept values; "
                                   + "render them all with `netframes batch \(file)`, or remove `sweep:` for a single run",
                               line: sweep.key.mark?.line)
        }
        return try read(root, file: file, directory: directory, limits: limits)
    }

    /// The parsed YAML tree of a run file's text, after the checks that must come before Yams.
    static func compose(_ text: String, file: String) throws -> Node {
        if text.utf8.count > maxFileBytes {
            throw RunFileError(file: file, path: "", message: "is larger than 64 MB; put large data in a CSV file")
        }
        if text.contains("\u{0}") {
            throw RunFileError(file: file, path: "", message: "contains NUL bytes; a run file is YAML or JSON text")
        }
        // Before Yams: aliases that expand hugely would make composing never end.
        try YAMLPrecheck.check(text, file: file, maxValues: visitLimit)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw RunFileError(file: file, path: "", message: yamlMessage(error))
        } catch {
            throw RunFileError(file: file, path: "", message: "could not be parsed: \(error)")
        }
        guard let root else {
            throw RunFileError(file: file, path: "", message: "is empty; a run file needs at least `network:` and `data:`")
        }
        return root
    }

    /// Checks a parsed run file (without a sweep) and makes it a run.
    static func read(_ root: Node, file: String, directory: URL, limits: Limits,
                     csvCache: CSVCache? = nil) throws -> RunFile {
        let top = RunFileNode(node: root, path: "", file: file, budget: VisitBudget(limit: visitLimit))
        var reader = RunFileReader(file: file, directory: directory, limits: limits, csvCache: csvCache)
        return try reader.read(top)
    }

    /// The most values NetFrames reads from one run file, aliases expanded.
    static let visitLimit = 5_000_000

    private static func readFailureReason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a folder" }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0 { return String(cString: strerror(errno)).lowercased() }
        close(descriptor)
        return "it is not a regular file"
    }

    /// The bytes of a pipe or other stream, up to just past the size limit (which
    /// `parse` then refuses); `nil` if it cannot be opened.
    private static func readStream(_ path: String) -> Data? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFIFO || (status.st_mode & S_IFMT) == S_IFCHR,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var data = Data()
        while data.count <= maxFileBytes, let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            data.append(chunk)
        }
        return data
    }

    /// The largest run file read; larger data belongs in a CSV file.
    static let maxFileBytes = 64 << 20

    private static func yamlMessage(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, yaml), let .parser(context, problem, mark, yaml),
             let .composer(context, problem, mark, yaml):
            if problem.hasPrefix("Maximum nesting level") {
                // libyaml's own words name a C function; say what is wrong instead.
                return "nests lists or mappings more than 1000 deep (line \(mark.line), column \(mark.column)); "
                    + "a run file needs at most 4 levels"
            }
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            // libyaml places a problem found at the end on a line after the last one.
            let endsWithNewline = yaml.last == "\n" || yaml.last == "\r\n"
            let lastLine = yaml.reduce(endsWithNewline ? 0 : 1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
            if mark.line > lastLine {
                return "is not valid YAML or JSON: \(what) (at the end of the file, line \(lastLine))"
            }
            return "is not valid YAML or JSON: \(what) (line \(mark.line), column \(mark.column))"
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.sorted().joined(separator: ", ")
            return "repeats the key \(keys) (line \(context.mark.line)); each key may appear once"
        case let .reader(problem, offset, _, yaml):
            guard let offset else { return "could not be read as text: \(problem)" }
            // The offset counts characters; lines are what a person can find.
            let line = yaml.prefix(offset).reduce(1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
            return "could not be read as text: \(problem) (line \(line))"
        default:
            return "could not be parsed: \(error)"
        }
    }
}

/// Walks a parsed run file section by section, checking as it goes.
struct RunFileReader {
    let file: String
    let directory: URL
    let limits: Limits
    /// CSV files already read, shared by the runs of one sweep (which all name the same file).
    var csvCache: CSVCache? = nil

    mutating func read(_ top: RunFileNode) throws -> RunFile {
        let fields = try top.mapping(allowed: RunFile.sections)
        guard let networkNode = fields["network"] else {
            throw RunFileError(file: file, path: "network", message: "is missing; say at least `network: {layers: [2, 2, 1]}`")
        }
        guard let dataNode = fields["data"] else {
            throw RunFileError(file: file, path: "data", message: "is missing; give examples, `{csv: FILE}` or `{builtin: xor}`")
        }
        let name = try readName(fields["name"])
        let network = try readNetwork(networkNode)
        let (dataset, source) = try readData(dataNode, shape: network.shape)
        let training = try readTraining(fields["training"], network: network, exampleCount: dataset.count)
        let sampling = try readSampling(fields["sampling"])
        var builtinClassNames: [String]?
        if case .builtin(let set, _, _, _) = source { builtinClassNames = set.classNames }
        let (render, renderFormat) = try readRender(fields["render"], inputCount: network.shape.inputCount,
                                                    outputCount: network.shape.outputCount,
                                                    defaultClassNames: builtinClassNames)
        let (animation, quality) = try readAnimation(fields["animation"])

        let setup = TrainingSetup(shape: network.shape, hidden: network.hidden, output: network.output,
                                  loss: training.loss, learningRate: training.learningRate,
                                  biasLearningRate: training.biasLearningRate, trainBiases: training.trainBiases,
                                  optimizer: training.optimizer, batchSize: training.batchSize,
                                  shuffle: training.shuffle, shuffleSeed: training.shuffle ? network.seed : 0,
                                  weightDecay: training.weightDecay)
        var run = RunFile(name: name, setup: setup, initialParameters: network.parameters,
                          initialization: network.initialization, iterations: training.iterations,
                          sampling: sampling, dataset: dataset, dataSource: source,
                          render: render, renderFormat: renderFormat, animation: animation, videoQuality: quality)
        run.file = file
        run.explicitSettings = explicitSettings(render: fields["render"], animation: fields["animation"])
        return run
    }

    /// The size and frame-rate keys the file gives, which outrank a quality preset.
    private func explicitSettings(render: RunFileNode?, animation: RunFileNode?) -> ExplicitSettings {
        var given: ExplicitSettings = []
        if render?.has("width") == true { given.insert(.width) }
        if render?.has("height") == true { given.insert(.height) }
        if animation?.has("fps") == true { given.insert(.fps) }
        return given
    }

    // MARK: name

    private func readName(_ node: RunFileNode?) throws -> String {
        guard let node else {
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            return RunFileReader.folderSafe(stem)
        }
        let name = try node.string()
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.+"))
        guard name.count <= 100, name.unicodeScalars.allSatisfy(allowed.contains), name != ".", name != ".." else {
            throw node.error("must be a folder name of at most 100 letters, digits, '-', '_', '.' or '+', found \"\(name.clipped)\"")
        }
        return name
    }

    /// A file stem made fit to be a folder name.
    static func folderSafe(_ stem: String) -> String {
        let trimmed = String(SweepNaming.folderSafe(stem).prefix(100))
        return trimmed.isEmpty || trimmed == "." || trimmed == ".." ? "run" : trimmed
    }

    // MARK: network

    struct Network {
        var shape: NetworkShape
        var hidden: Activation
        var output: Activation
        var parameters: Parameters
        var initialization: Initialization
        /// The `seed` key, or its default 1: it also seeds the order of shuffled examples.
        var seed: UInt64
    }

    private func readNetwork(_ node: RunFileNode) throws -> Network {
        let f = try node.mapping(allowed: ["layers", "hidden", "output", "weights", "biases", "seed", "init"])
        guard let layersNode = f["layers"] else {
            throw node.error("needs `layers`, the neurons per layer from input to output, e.g. [2, 3, 1]")
        }
        let layerNodes = try layersNode.list()
        guard layerNodes.count >= 2 else {
            throw layersNode.error("needs at least 2 layers (input and output), found \(layerNodes.count)")
        }
        guard layerNodes.count <= limits.maxLayers else {
            throw layersNode.error("has \(layerNodes.count) layers; the limit is \(limits.maxLayers) (raise it with --allow-large)")
        }
        let layers = try layerNodes.map {
            try $0.integer(in: 1...Int.max, allowed: "a whole number of neurons, at least 1")
        }
        for (i, size) in layers.enumerated() where size > limits.maxLayerSize {
            throw layerNodes[i].error("is \(size) neurons; the limit is \(limits.maxLayerSize) per layer (raise it with --allow-large)")
        }
        // Counted with overflow checks: with --allow-large the sizes can be anything.
        var weightCount = 0
        for l in 1..<layers.count {
            let (product, overflow1) = layers[l].multipliedReportingOverflow(by: layers[l - 1])
            let (sum, overflow2) = weightCount.addingReportingOverflow(product)
            guard !overflow1, !overflow2 else {
                throw layersNode.error("makes more weights than a computer can count; use smaller layers")
            }
            weightCount = sum
        }
        guard weightCount <= limits.maxWeights else {
            throw layersNode.error("makes \(weightCount) weights; the limit is \(limits.maxWeights) (raise it with --allow-large)")
        }
        let shape = NetworkShape(layers: layers)
        let hidden = try f["hidden"]?.choice(of: Activation.self, allowed: Activation.hiddenChoices,
                                             elsewhere: "is for the output layer only") ?? .sigmoid
        let output = try f["output"]?.choice(of: Activation.self, allowed: Activation.outputChoices,
                                             elsewhere: "is for hidden layers only") ?? .sigmoid
        if output == .softmax && shape.outputCount == 1 {
            throw (f["output"] ?? node).error("softmax over a single output is always 1, so nothing can be learned; "
                + "use sigmoid for one output, or give the output layer at least 2 neurons")
        }
        let scheme = try f["init"]?.choice(of: InitScheme.self) ?? .uniform
        let seedGiven = try f["seed"]?.seed()

        let weights = try f["weights"].map { try readWeights($0, shape: shape) }
        let biases = try f["biases"].map { try readBiases($0, shape: shape) }
        let seed = seedGiven ?? 1
        let random = Parameters.random(shape: shape, scheme: scheme, seed: seed)
        var parameters = random
        if let weights { parameters.weights = weights }
        if let biases {
            parameters.biases = biases
        } else if weights != nil && seedGiven == nil {
            // Hand-written weights without biases: start the biases at zero, not at random.
            parameters.biases = Array(repeating: 0, count: shape.biasCount)
        }
        let drewAtRandom = weights == nil || (biases == nil && seedGiven != nil)
        let initialization = Initialization(seed: drewAtRandom ? seed : nil, scheme: scheme,
                                            explicitWeights: weights != nil, explicitBiases: biases != nil)
        return Network(shape: shape, hidden: hidden, output: output, parameters: parameters,
                       initialization: initialization, seed: seed)
    }

    private func readWeights(_ node: RunFileNode, shape: NetworkShape) throws -> [Double] {
        let matrices = try node.list()
        let expected = shape.layerCount - 1
        guard matrices.count == expected else {
            throw node.error("expected \(expected) weight matri\(expected == 1 ? "x" : "ces") (one between each pair of "
                + "layers of \(shape.layers)), found \(matrices.count)")
        }
        var flat: [Double] = []
        flat.reserveCapacity(shape.weightCount)
        for (l, matrix) in matrices.enumerated() {
            let from = shape.layers[l], to = shape.layers[l + 1]
            let rows = try matrix.list()
            guard rows.count == to else {
                throw matrix.error("expected \(to) rows, one per neuron of layer \(l + 1) (\(to) neurons), found \(rows.count)")
            }
            for row in rows {
                flat += try row.numbers(count: from, why: "weights[\(l)] connects layer \(l)'s \(from) neuron\(from == 1 ? "" : "s") to layer \(l + 1)")
            }
        }
        return flat
    }

    private func readBiases(_ node: RunFileNode, shape: NetworkShape) throws -> [Double] {
        let vectors = try node.list()
        let expected = shape.layerCount - 1
        guard vectors.count == expected else {
            throw node.error("expected \(expected) lists of biases (one per layer after the input of \(shape.layers)), found \(vectors.count)")
        }
        var flat: [Double] = []
        for (l, vector) in vectors.enumerated() {
            let n = shape.layers[l + 1]
            flat += try vector.numbers(count: n, why: "layer \(l + 1) has \(n) neuron\(n == 1 ? "" : "s")")
        }
        return flat
    }

    // MARK: training

    // MARK: sampling

    private func readSampling(_ node: RunFileNode?) throws -> SamplingPolicy {
        guard let node else { return .all }
        let f = try node.mapping(allowed: ["schedule", "every", "frames", "first"])
        let schedule = try readSchedule(f, in: node) ?? .every(1)
        let first = try f["first"]?.integer(in: 0...Int.max, allowed: "a whole number of steps, 0 or more") ?? 0
        return SamplingPolicy(schedule: schedule, first: first)
    }
}
