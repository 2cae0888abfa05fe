import NetFramesEngine

/// The document a worked example is written as.
public enum ExplainFormat: String, CaseIterable, Sendable {
    /// Markdown with `$…$` and `$$…$$` maths, for GitHub, KaTeX and MathJax.
    case md
    /// A LaTeX article (amsmath) for pdflatex.
    case tex
    /// One self-contained HTML page with MathML maths and inline SVG frames.
    case html

    /// The file extension: md, tex, html.
    public var fileExtension: String { rawValue }

    /// The frames a document of this format shows unless told otherwise: SVG, except
    /// for LaTeX, whose pdflatex includes PDF but not SVG.
    public var defaultFrames: ExplainFrames { self == .tex ? .pdf : .svg }

    /// The frame formats this document can show.
    public var acceptedFrames: [ExplainFrames] {
        switch self {
        case .md, .html: return [.svg, .png, .none]
        case .tex: return [.pdf, .png, .none]
        }
    }
}

/// How a worked example shows the frames of its step.
public enum ExplainFrames: String, CaseIterable, Sendable {
    /// SVG files beside the document (inline `<svg>` in HTML).
    case svg
    /// PNG files beside the document (data URIs in HTML).
    case png
    /// PDF files beside the document, for LaTeX.
    case pdf
    /// No frames.
    case none
}

/// Which neurons a worked example works through in full.
public enum NeuronDetail: String, CaseIterable, Sendable {
    /// Every neuron of every layer.
    case all
    /// Only the neuron the diagram follows in each layer (neuron 1); the tables give
    /// the others' numbers.
    case followed
}

/// How a worked example is written.
public struct ExplainOptions: Sendable, Hashable {
    /// Layers wider than this are worked for their followed neuron only, unless
    /// `neurons` asks for all.
    public static let widestWorkedLayer = 8

    /// Decimals each number is printed with.
    public var digits: Int
    /// Which neurons are worked in full; `nil` chooses: all, unless some layer has
    /// more than `widestWorkedLayer` neurons, then the followed ones.
    public var neurons: NeuronDetail?

    /// Options; 4 decimals and the neurons chosen by the network's width by default.
    public init(digits: Int = 4, neurons: NeuronDetail? = nil) {
        self.digits = digits
        self.neurons = neurons
    }

    /// The neurons worked in full for a network of `shape`.
    public func detail(for shape: NetworkShape) -> NeuronDetail {
        neurons ?? (shape.layers.contains { $0 > ExplainOptions.widestWorkedLayer } ? .followed : .all)
    }
}

/// A moment of a training step that a worked example shows as a frame: the first
/// example's forward layers, its cost and backward layers, then the update.
public struct FrameMoment: Sendable, Hashable {
    /// Which moment.
    public var phase: Phase
    /// The layer of a forward or backward moment.
    public var layer: Int?

    /// The moment `phase` (at `layer`, for forward and backward).
    public init(_ phase: Phase, layer: Int? = nil) {
        self.phase = phase
        self.layer = layer
    }

    /// The frame's file name without extension: `forward-layer1`, `cost`, `backward-layer2`, `update`.
    public var fileStem: String {
        switch phase {
        case .forward: return "forward-layer\(layer ?? 1)"
        case .loss: return "cost"
        case .backward: return "backward-layer\(layer ?? 1)"
        case .update: return "update"
        }
    }
}
