import NetFramesRun

extension RunFileReader {
    /// Reads `render:`, the look of the frames; every key may be left out. An input
    /// image must have as many pixels as the network's `inputCount`.
    ///
    /// `classNames` must name each of the `outputCount` outputs; without it, the names
    /// of a built-in set's classes (`defaultClassNames`) are used.
    func readRender(_ node: RunFileNode?, inputCount: Int, outputCount: Int,
                    defaultClassNames: [String]? = nil) throws -> (DiagramStyle, OutputFormat?) {
        var style = DiagramStyle()
        if let names = defaultClassNames, names.count == outputCount { style.classNames = names }
        guard let node else { return (style, nil) }
        let f = try node.mapping(allowed: ["width", "height", "scale", "theme", "font", "fontSize", "digits",
                                           "maxNeurons", "weightLabels", "signStyle", "lossScale", "labels", "format", "panels",
                                           "pngCompression", "weights", "inputImage", "classNames"])
        if let n = f["width"] { style.width = Double(try canvasSide(n)) }
        if let n = f["height"] { style.height = Double(try canvasSide(n)) }
        if let n = f["scale"] { style.scale = try n.number(in: RenderLimits.scale, allowed: RenderLimits.scaleText) }
        if let n = f["theme"] { style.theme = try n.choice(of: ThemeName.self) }
        if let n = f["font"] { style.fontFamily = try n.line(maxLength: RenderLimits.fontFamilyLength, what: "a font family, as `fc-list : family` names it") }
        if let n = f["fontSize"] { style.fontSize = try n.number(in: 4...200, allowed: "a size from 4 to 200") }
        if let n = f["digits"] { style.digits = try n.integer(in: RenderLimits.digits) }
        if let n = f["maxNeurons"] { style.maxNeuronsShown = try n.integer(in: 3...1000) }
        if let n = f["weightLabels"] { style.weightLabels = try n.choice(of: WeightLabelMode.self) }
        if let n = f["signStyle"] { style.signStyle = try n.choice(of: SignStyle.self) }
        if let n = f["lossScale"] { style.lossScale = try n.choice(of: LossScale.self) }
        if let n = f["weights"] { style.weights = try n.choice(of: WeightView.self) }
        if let n = f["inputImage"] { style.inputImage = try readInputImage(n, inputCount: inputCount) }
        if let n = f["classNames"] { style.classNames = try readClassNames(n, outputCount: outputCount) }
        if let n = f["pngCompression"] { style.pngCompression = try n.choice(of: PNGCompressionChoice.self) }
        if let n = f["labels"] {
            let keys = ["weights", "biases", "activations", "inputs", "targets", "titles", "header", "caption", "legend"]
            let l = try n.mapping(allowed: keys)
            if let v = l["weights"] { style.labels.weights = try v.boolean() }
            if let v = l["biases"] { style.labels.biases = try v.boolean() }
            if let v = l["activations"] { style.labels.activations = try v.boolean() }
            if let v = l["inputs"] { style.labels.inputs = try v.boolean() }
            if let v = l["targets"] { style.labels.targets = try v.boolean() }
            if let v = l["titles"] { style.labels.titles = try v.boolean() }
            if let v = l["header"] { style.labels.header = try v.boolean() }
            if let v = l["caption"] { style.labels.caption = try v.boolean() }
            if let v = l["legend"] { style.labels.legend = try v.boolean() }
        }
        if let n = f["panels"] {
            let p = try n.mapping(allowed: ["loss", "outputs", "boundary", "position"])
            if let v = p["loss"] { style.panels.loss = try v.boolean() }
            if let v = p["outputs"] { style.panels.outputs = try v.boolean() }
            if let v = p["boundary"] { style.panels.boundary = try v.boolean() }
            if let v = p["position"] { style.panels.position = try v.choice(of: PanelSettings.Position.self) }
        }
        let format = try f["format"]?.choice(of: OutputFormat.self)
        if let n = f["scale"] ?? f["width"] ?? f["height"] {
            let (width, height) = style.pixelSize
            if max(width, height) > RenderLimits.largestSide {
                throw n.error("makes frames of \(width)x\(height) pixels; a side of at most \(RenderLimits.largestSide) "
                    + "pixels can be drawn")
            }
            if width * height > limits.maxPixels {
                throw n.error("makes frames of \(width)x\(height) pixels; the limit is \(limits.maxPixels / 1_000_000) "
                    + "megapixels (raise it with --allow-large)")
            }
        }
        return (style, format)
    }

    /// `inputImage: {width: W, height: H}`, whose W·H pixels must be the input layer's neurons.
    private func readInputImage(_ node: RunFileNode, inputCount: Int) throws -> InputImage {
        let f = try node.mapping(allowed: ["width", "height"])
        guard let w = f["width"], let h = f["height"] else {
            throw node.error("needs both `width` and `height`, the image's pixels across and down, "
                + "e.g. {width: 8, height: 8} for 64 inputs")
        }
        let sides = 1...InputImage.largestSide
        let image = InputImage(width: try w.integer(in: sides), height: try h.integer(in: sides))
        guard image.pixelCount == inputCount else {
            throw node.error("is \(image.width)×\(image.height) = \(image.pixelCount) pixels, but the input layer "
                + "(network.layers[0]) has \(inputCount) neurons; width × height must be \(inputCount)")
        }
        return image
    }

    /// `classNames: [NAME, …]`, one short name per output neuron, in order.
    private func readClassNames(_ node: RunFileNode, outputCount: Int) throws -> [String] {
        let items = try node.list()
        guard items.count == outputCount else {
            throw node.error("names \(items.count) class\(items.count == 1 ? "" : "es"), but the output layer "
                + "(the last of network.layers) has \(outputCount) neuron\(outputCount == 1 ? "" : "s"); "
                + "give one name per output, in order, e.g. [cat, dog]")
        }
        return try items.map { try $0.line(maxLength: DiagramStyle.classNameLength, what: "a class's name") }
    }

    /// A canvas width or height: the hint to --allow-large only where it would help.
    private func canvasSide(_ node: RunFileNode) throws -> Int {
        let value = try node.integer(in: RenderLimits.smallestSide...Int.max, allowed: limits.canvasText)
        guard value <= limits.maxCanvasSide else {
            let lift = limits.maxCanvasSide < RenderLimits.largestSide ? " (raise it with --allow-large)" : ""
            throw node.error("is \(value) pixels; the limit is \(limits.maxCanvasSide)\(lift)")
        }
        return value
    }
}
