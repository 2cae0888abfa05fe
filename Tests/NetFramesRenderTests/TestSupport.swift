import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRunFile
import NetFramesScene
import NetFramesRun
import NetFramesTestSupport

extension Fixture {
    static func states(_ run: RunFile) throws -> [DiagramState] {
        try snapshots(run).map { DiagramState(snapshot: $0, runName: run.name) }
    }

    /// The first state of `phase` (and `layer`, if given).
    static func state(_ states: [DiagramState], _ phase: Phase, layer: Int? = nil) throws -> DiagramState {
        try #require(states.first { $0.phase == phase && (layer == nil || $0.layer == layer) },
                     "no \(phase) state\(layer.map { " for layer \($0)" } ?? "")")
    }
}

/// Every `.text` item of a scene with the box it covers as cairo measures it.
func textBoxes(of scene: Scene, measurer: CairoTextMeasurer = CairoTextMeasurer()) -> [(text: TextItem, box: Rect)] {
    scene.items.compactMap { item in
        guard case .text(let t) = item else { return nil }
        return (t, t.box(extent: measurer.measure(t.string, font: t.font)))
    }
}
