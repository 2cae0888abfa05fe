import NetFramesEngine
import NetFramesRun

/// The kinds of panel, in the order they stack.
public enum PanelKind: String, Codable, CaseIterable, Sendable {
    /// The decision boundary over the input plane.
    case boundary
    /// The loss curve.
    case loss
    /// Outputs against targets.
    case outputs
}

/// One point of the loss curve: the mean loss over the data after an update.
public struct LossPoint: Sendable, Hashable {
    /// The step after which the loss was measured.
    public var iteration: Int
    /// The mean loss over the data then.
    public var loss: Double

    /// A point of the loss curve.
    public init(iteration: Int, loss: Double) {
        self.iteration = iteration
        self.loss = loss
    }
}

/// The network's output over a grid of the input plane, and the data points on it.
public struct BoundaryGrid: Sendable, Hashable {
    /// Cells across.
    public var columns: Int
    /// Cells down.
    public var rows: Int
    /// The classes the panel tells apart: 2 for a network of one or two outputs, else
    /// its outputs (each its own class, the largest output the prediction).
    public var classes: Int
    /// Row-major from the top left, each cell's sample taken at its centre. With two
    /// classes, one value per cell in [0, 1] (the probability of class 2, or the single
    /// output), or any value for a linear output; with three or more, each cell's
    /// `classes` outputs in turn.
    public var values: [Double]
    /// The first input's values, left to right.
    public var xRange: ClosedRange<Double>
    /// The second input's values, bottom to top.
    public var yRange: ClosedRange<Double>
    /// The examples: position and class (from 0; with two classes, 1 is the positive one).
    public var points: [(x: Double, y: Double, label: Int)]

    /// Equal sizes, classes, values, ranges and points.
    public static func == (a: BoundaryGrid, b: BoundaryGrid) -> Bool {
        a.columns == b.columns && a.rows == b.rows && a.classes == b.classes && a.values == b.values && a.xRange == b.xRange
            && a.yRange == b.yRange && a.points.elementsEqual(b.points) { $0.x == $1.x && $0.y == $1.y && $0.label == $1.label }
    }

    /// Hashes the size and values (the points rarely differ between grids of one run).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(columns)
        hasher.combine(rows)
        hasher.combine(classes)
        hasher.combine(values)
    }

    /// Values per cell: 1 with two classes, else `classes`.
    public var valuesPerCell: Int { classes > 2 ? classes : 1 }

    /// The grid a fraction `t` of the way to `other` (same size assumed).
    public func mixed(with other: BoundaryGrid, _ t: Double) -> BoundaryGrid {
        var g = self
        g.values = zip(values, other.values).map { $0 + ($1 - $0) * t }
        return g
    }
}

/// Follows a run to feed its panels: the training curve (the mean loss over the data,
/// measured by the engine at ≥ 1,000 evenly spaced steps whatever is recorded), and the
/// decision boundary under the current weights. It computes, never draws.
public struct PanelTracker {
    /// Which panels are fed.
    public let settings: PanelSettings
    let dataset: Dataset
    var evaluator: Evaluator
    /// The loss curve so far.
    public private(set) var history: [LossPoint] = []
    /// The boundary under the current weights, if the boundary panel is on.
    public private(set) var boundary: BoundaryGrid?
    /// The boundary before the last update, so an update frame can morph it.
    public private(set) var previousBoundary: BoundaryGrid?
    /// Grid cells per side of the boundary panel.
    public static let resolution = 40
    /// Most points kept on the loss curve; older ones are thinned evenly beyond it.
    public static let maxHistory = 2048
    private var xRange: ClosedRange<Double> = -1...1
    private var yRange: ClosedRange<Double> = -1...1

    /// A tracker for a run starting from `initial`.
    public init(settings: PanelSettings, setup: TrainingSetup, dataset: Dataset, initial: Parameters) {
        self.settings = settings
        self.dataset = dataset
        evaluator = Evaluator(setup: setup)
        if settings.boundary && setup.shape.inputCount == 2 {
            var xs = (min: Double.infinity, max: -Double.infinity), ys = xs
            for i in 0..<dataset.count {
                xs = (min(xs.min, dataset.inputs[2 * i]), max(xs.max, dataset.inputs[2 * i]))
                ys = (min(ys.min, dataset.inputs[2 * i + 1]), max(ys.max, dataset.inputs[2 * i + 1]))
            }
            let padX = max(0.1, (xs.max - xs.min) * 0.1), padY = max(0.1, (ys.max - ys.min) * 0.1)
            xRange = (xs.min - padX)...(xs.max + padX)
            yRange = (ys.min - padY)...(ys.max + padY)
            boundary = grid(initial)
        }
        if settings.loss {
            history.append(LossPoint(iteration: -1, loss: evaluator.meanLoss(parameters: initial, dataset: dataset,
                                                                             limit: dataset.count)))
        }
    }

    /// Takes the run's next training-curve point (see `CurveRecorder`): the loss curve
    /// grows by it. Beyond `maxHistory` points, older ones are thinned evenly.
    public mutating func observe(_ point: CurvePoint) {
        guard settings.loss else { return }
        history.append(LossPoint(iteration: point.iteration, loss: point.loss))
        if history.count > PanelTracker.maxHistory {
            history = history.enumerated().filter { $0.offset % 2 == 0 || $0.offset == history.count - 1 }.map(\.element)
        }
    }

    /// Takes note of a snapshot; updates move the boundary on (the loss curve grows by
    /// the curve points `observe(_: CurvePoint)` takes).
    public mutating func observe(_ snapshot: Snapshot) {
        guard snapshot.phase == .update, boundary != nil else { return }
        previousBoundary = boundary
        boundary = grid(snapshot.parameters)
    }

    /// Puts the panels' data into a state about to be drawn. Call `observe` with a
    /// snapshot first: an update then shows the boundary morphing from the step's
    /// starting weights to its new ones; every other moment shows the starting weights'.
    public func annotate(_ state: inout DiagramState) {
        guard settings.any else { return }
        state.lossHistory = history
        state.boundary = boundary
        state.previousBoundary = state.phase == .update ? previousBoundary : nil
    }

    private mutating func grid(_ parameters: Parameters) -> BoundaryGrid {
        let n = PanelTracker.resolution
        let outputs = dataset.targetCount
        let classes = outputs > 2 ? outputs : 2
        var values: [Double] = []
        values.reserveCapacity(n * n * (classes > 2 ? classes : 1))
        var output: [Double] = []
        var input = [0.0, 0.0]
        for row in 0..<n {
            for column in 0..<n {
                input[0] = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * (Double(column) + 0.5) / Double(n)
                input[1] = yRange.upperBound - (yRange.upperBound - yRange.lowerBound) * (Double(row) + 0.5) / Double(n)
                input.withUnsafeBufferPointer { evaluator.predict($0, parameters: parameters, into: &output) }
                if classes > 2 {
                    values.append(contentsOf: output)
                } else {
                    values.append(output.count >= 2 ? output[1] : output[0])
                }
            }
        }
        let points = (0..<dataset.count).map { i -> (x: Double, y: Double, label: Int) in
            let t = dataset.targets[(i * outputs)..<((i + 1) * outputs)]
            let label: Int
            if outputs == 1 {
                label = t[t.startIndex] >= 0.5 ? 1 : 0
            } else {
                // The largest target; the first of equal ones.
                label = t.indices.reduce(t.startIndex) { t[$1] > t[$0] ? $1 : $0 } - t.startIndex
            }
            return (dataset.inputs[2 * i], dataset.inputs[2 * i + 1], label)
        }
        return BoundaryGrid(columns: n, rows: n, classes: classes, values: values, xRange: xRange, yRange: yRange,
                            points: points)
    }
}
