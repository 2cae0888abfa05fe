import Testing
@testable import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesScene
import NetFramesRun

/// The rules of single layout steps, which the whole-layout checks only show in passing.
@Suite("Layout steps")
struct LayoutStepTests {
    let measurer = CairoTextMeasurer()
    let style = DiagramStyle()

    /// The base lengths of the default style.
    var metrics: DiagramLayout.Metrics {
        DiagramLayout.Metrics(style: style, labelFont: DiagramLayout.Fonts(style: style).label,
                              format: NumberFormat(digits: style.digits), measurer: measurer)
    }

    @Test("as slots crowd, the radius fit drops the bias labels first, then the activation labels")
    func radiusFitDropsBiasesFirst() {
        let m = metrics
        let wanted = DiagramLayout.NeuronLabels(activations: true, biases: true)
        let fits = stride(from: 200.0, through: 4, by: -2).map {
            DiagramLayout.RadiusFit(pitch: $0, wanted: wanted, columnPitch: 1000, metrics: m)
        }
        let shown = fits.map { ($0.labels.activations ? 1 : 0) + ($0.labels.biases ? 1 : 0) }
        #expect(shown.first == 2 && shown.last == 0)
        #expect(shown == shown.sorted(by: >), "labels come back as the slots get closer: \(shown)")
        #expect(fits.allSatisfy { !$0.labels.biases || $0.labels.activations }, "activations dropped before biases")
        #expect(fits.allSatisfy { $0.radius >= 2 && $0.radius <= 2 * m.fontSize && $0.radius <= 1000 * 0.16 })
    }

    @Test("a crowded layer shows its first and last neurons around one ⋮ that counts the rest")
    func slotPlanKeepsEndsAroundEllipsis() {
        let m = metrics
        let shape = NetworkShape(layers: [3, 25, 2])
        let bands = DiagramLayout.Bands(style: style, fonts: DiagramLayout.Fonts(style: style), metrics: m, measurer: measurer)
        let panels = DiagramLayout.PanelGrid(style: style, shape: shape, metrics: m, top: bands.top, bottom: bands.bottom)
        let plan = DiagramLayout.SlotPlan(shape: shape, maxNeuronsShown: 6,
                                          area: DiagramLayout.Area(metrics: m, bands: bands, panels: panels))
        #expect(plan.counts == [3, 5, 2])
        let column = plan.columns(layerX: [100, 200, 300])[1]
        #expect(column.map(\.neuronIndex) == [0, 1, nil, 23, 24])
        #expect(column[2] == .ellipsis(hidden: 21, center: column[2].center))
        let ys = column.map(\.center.y)
        #expect(abs((ys[0] + ys[4]) / 2 - plan.area.centreY) < 1e-9, "the column is centred on the area")
        #expect(zip(ys, ys.dropFirst()).allSatisfy { abs(($1 - $0) - (ys[1] - ys[0])) < 1e-9 }, "slots are evenly spaced")
    }
}
