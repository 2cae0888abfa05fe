import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRunFile
import NetFramesScene
import NetFramesTestSupport
import NetFramesTimeline

/// The frames inside one moment, as the timeline emits them and the diagram draws them:
/// weights morph from old to new, a forward pulse travels and the neuron it reaches fills.
@Suite("Motion inside a moment")
struct TweenTests {
    /// A [2, 1] sigmoid network with a learning rate of 4: the weight from x₁ jumps from
    /// 0.2 to about 2.5 in its one update (it stays positive, so its colour only deepens).
    static let yaml = """
        name: morph
        network:
          layers: [2, 1]
          output: sigmoid
          weights: [[[0.2, -1.0]]]
          biases: [[0.0]]
        training: {loss: crossEntropy, learningRate: 4, iterations: 1}
        data:
          - {input: [1, 0.5], target: [1]}
        animation: {fps: 30, finalHold: 0}
        """

    let run: RunFile
    let states: [DiagramState]
    let style = Fixture.style(width: 1280, height: 720)
    let builder: DiagramBuilder
    let theme = Theme.named(.light)
    let renderer = SceneRenderer()
    let measurer = CairoTextMeasurer()

    init() throws {
        run = try Fixture.run(Self.yaml)
        states = try timelineStates(run).states
        builder = DiagramBuilder(setup: run.setup, style: style, measurer: measurer)
    }

    // MARK: Scene helpers

    struct Circle { var center: Point; var radius: Double; var fill: Color?; var stroke: Stroke? }

    func circles(_ scene: Scene) -> [Circle] {
        scene.items.compactMap {
            if case let .circle(c, r, fill, stroke) = $0 { return Circle(center: c, radius: r, fill: fill, stroke: stroke) }
            return nil
        }
    }

    func texts(_ scene: Scene) -> [TextItem] {
        scene.items.compactMap { if case let .text(t) = $0 { return t }; return nil }
    }

    /// The number a label shows; for "old → new", the new one.
    func number(_ text: String) -> Double? {
        let last = text.components(separatedBy: " → ").last ?? text
        let digits = last.split(separator: "=").last.map(String.init) ?? last
        return Double(digits.replacingOccurrences(of: "−", with: "-").trimmingCharacters(in: .whitespaces))
    }

    /// Whether `p` lies clear of everything in `scene` except the line from `a` to `b`.
    func isClear(_ p: Point, of scene: Scene, except a: Point, _ b: Point, margin: Double) -> Bool {
        for item in scene.items {
            switch item {
            case let .line(from, to, stroke):
                if from == a && to == b { continue }
                if p.distance(toSegment: from, to) < stroke.width / 2 + margin { return false }
            case let .circle(c, r, _, stroke):
                if p.distance(to: c) < r + (stroke?.width ?? 0) + margin { return false }
            case let .rect(rect, _, _, _):
                if rect.grown(margin).contains(p) { return false }
            case let .text(t):
                if t.box(extent: measurer.measure(t.string, font: t.font)).grown(margin).contains(p) { return false }
            case let .polyline(points, stroke):
                for (u, v) in zip(points, points.dropFirst()) where p.distance(toSegment: u, v) < stroke.width / 2 + margin {
                    return false
                }
            case .polygon, .raster:
                continue  // panels: far from the connections, and checked by the pixel staying on the line
            }
        }
        return true
    }

    // MARK: Update

    @Test("a morphing weight's line changes colour monotonically from old to new, and its label counts along")
    func weightMorph() throws {
        let update = states.filter { $0.phase == .update && $0.iteration == 0 }
        // update 1.0 s at 30 fps → 30 frames (29 in motion, the settled state), then a 0.3 s hold → 9.
        #expect(update.count == 39)
        let moving = update.filter { $0.motion != nil }
        #expect(moving.count == 29)
        let settled = try #require(update.first { $0.motion == nil })
        let old = settled.previousWeight(into: 1, to: 0, from: 0), new = settled.weight(into: 1, to: 0, from: 0)
        #expect(old == 0.2)
        #expect(new > 2, "the weight should change strongly; it went \(old) → \(new)")

        // The morph's frames in order: the state at progress 0 (the old weights), each motion
        // frame, the settled state.
        var start = settled
        start.motion = .morph(progress: 0)
        let frames = [start] + moving + [settled]
        let progress = frames.map { state -> Double in
            if case let .morph(p)? = state.motion { return p }
            return 1
        }
        #expect(isMonotone(progress) && progress.first == 0 && progress.last == 1)

        // A point on the line from x₁ to the output clear of labels, neurons and other lines,
        // in the first and last frames.
        let layout = builder.changesLayout
        let a = layout.slots[0][0].center, b = layout.slots[1][0].center
        let first = builder.scene(start), last = builder.scene(settled)
        let probe = try #require(stride(from: 0.2, through: 0.8, by: 0.01).lazy.map { a.lerp(to: b, $0) }.first {
            isClear($0, of: first, except: a, b, margin: 3) && isClear($0, of: last, except: a, b, margin: 3)
        }, "no point on the line from \(a) to \(b) is clear of labels and other lines")

        let colours = try frames.map { try renderer.rasterize(builder.scene($0)).rgb(at: probe) }
        let (from, to) = (colours.first!, colours.last!)
        #expect(from.distance(to: to) > 60, "old \(from) and new \(to) should differ strongly at \(probe)")
        for c in 0..<3 {
            let channel = colours.map { Double($0.channels[c]) }
            #expect(isMonotone(channel, noise: 2), "channel \(c) at \(probe) turns back: \(colours)")
        }
        // The first motion frame is still near the old colour, and the change is gradual:
        // several frames lie clearly between the two. (The hue saturates from |w| ≈ 0.87 on,
        // so the last half of this morph only widens the line.)
        #expect(colours[1].distance(to: from) < colours[1].distance(to: to), "\(colours)")
        let between = colours.filter { $0.distance(to: from) > 10 && $0.distance(to: to) > 10 }
        #expect(between.count >= 4, "no gradual change: \(colours)")

        // The weight's label: "0.200 → x", x running from 0.2 to the new weight.
        let placement = try #require(layout.weightLabels.first { $0.layer == 1 && $0.to == 0 && $0.from == 0 },
                                     "the weight x₁ → output has no label")
        let labels = try frames.map { state -> String in
            let scene = builder.scene(state)
            return try #require(texts(scene).first { $0.position == placement.box.center }?.string,
                                "no label text at the weight's label box")
        }
        let format = NumberFormat(digits: style.digits)
        #expect(labels.last == "\(format(old)) → \(format(new))")
        #expect(labels.dropFirst().allSatisfy { $0.hasPrefix(format(old)) }, "\(labels)")
        let values = try labels.map { try #require(number($0), "unreadable label \($0)") }
        #expect(isMonotone(values), "\(labels)")
        #expect(abs(values.first! - old) < 0.001 && abs(values.last! - new) < 0.001, "\(labels)")
        #expect(Set(values).count > 10, "the label barely moves: \(labels)")
    }

    // MARK: Forward

    @Test("a forward moment: the output neuron waits dashed, then fills and counts up; pulses travel along the lines")
    func forwardPulse() throws {
        let forward = states.filter { $0.phase == .forward && $0.iteration == 0 && $0.layer == 1 }
        // forward 0.6 s at 30 fps → 18 frames, then a 0.3 s hold → 9.
        #expect(forward.count == 27)
        let frames = Array(forward.prefix(18))
        let final = try #require(frames.last)
        #expect(final.motion == nil)
        let activation = try #require(final.activations[1]?[0])
        #expect(activation > 0.3)

        let layout = builder.valuesLayout
        let target = layout.slots[1][0].center
        let sources = [layout.slots[0][0].center, layout.slots[0][1].center]
        let dot = max(3, layout.lineUnit * 5)
        let activationBox = try #require(layout.activationBoxes[1][0], "no activation label above the output")
        let finalFill = theme.neuronFill(activation)

        var shown: [Double] = []      // the activation each frame displays (nil → pending)
        var fills: [RGB] = []
        var labelValues: [Double] = []
        var pulseTravel: [Double] = []
        var pendingFrames = 0, pulseFrames = 0
        for (i, state) in frames.enumerated() {
            let progress: Double
            if case let .forwardPulse(layer, p)? = state.motion {
                #expect(layer == 1)
                progress = p
            } else {
                progress = 1
            }
            let scene = builder.scene(state)
            let neuron = try #require(circles(scene).first { $0.center == target && $0.fill != nil && $0.radius > dot * 1.5 },
                                      "frame \(i): no output neuron")
            let label = try #require(texts(scene).first { $0.position == activationBox.center }?.string)
            let pulses = circles(scene).filter { $0.fill == theme.forward && abs($0.radius - dot) < 1e-9 }

            if DiagramState.reveal(progress) <= 0 {
                // Not reached yet: dashed, pale, "σ=?".
                pendingFrames += 1
                #expect(state.displayed.activations[1] == nil)
                #expect(neuron.fill == theme.neuronZero)
                #expect(neuron.stroke?.dash.isEmpty == false && neuron.stroke?.color == theme.pending,
                        "frame \(i) (progress \(progress)): the waiting neuron is not dashed")
                #expect(label == "σ=?", "frame \(i): \(label)")
            } else {
                #expect(neuron.stroke?.dash.isEmpty == true, "frame \(i): a reached neuron is still dashed")
                shown.append(try #require(state.displayed.activations[1]?[0]))
                fills.append(RGB(try #require(neuron.fill)))
                labelValues.append(try #require(number(label), "unreadable \(label)"))
            }

            if DiagramState.travel(progress) < 1 {
                pulseFrames += 1
                // One pulse per connection, on its line, the same way along each.
                #expect(pulses.count == 2, "frame \(i): \(pulses.count) pulses")
                var ts: [Double] = []
                for source in sources {
                    let pulse = try #require(pulses.first { $0.center.distance(toSegment: source, target) < 1e-6 },
                                             "frame \(i): no pulse on the line from \(source)")
                    ts.append(pulse.center.distance(to: source) / source.distance(to: target))
                }
                #expect(abs(ts[0] - ts[1]) < 1e-9)
                pulseTravel.append(ts[0])
            } else {
                #expect(pulses.isEmpty, "frame \(i): pulses after they arrived")
            }
        }
        // With easeInOut at 30 fps: progress ≤ 0.55 for the first 9 frames.
        #expect(pendingFrames == 9)
        #expect(pulseFrames == 9)
        #expect(pulseTravel.count >= 5 && isMonotone(pulseTravel) && Set(pulseTravel).count == pulseTravel.count,
                "pulses do not move steadily forward: \(pulseTravel)")
        #expect(pulseTravel.first! < 0.1 && pulseTravel.last! > 0.8, "\(pulseTravel)")

        #expect(shown.count == 9)
        #expect(isMonotone(shown) && shown.first! > 0 && shown.first! < activation && shown.last == activation, "\(shown)")
        let zero = RGB(theme.neuronZero), full = RGB(finalFill)
        for c in 0..<3 {
            let channel = ([zero] + fills).map { Double($0.channels[c]) }
            #expect(isMonotone(channel), "fill channel \(c) turns back: \(fills)")
        }
        #expect(fills.last == full)
        #expect(isMonotone(labelValues) && abs(labelValues.last! - activation) < 0.001, "\(labelValues)")
        #expect(labelValues.first! < labelValues.last!)
    }

    @Test("the eased progress of a moment rises to 1 and each state's motion matches its phase")
    func motionsFollowPhases() throws {
        for phase in Phase.allCases {
            let moment = states.filter { $0.phase == phase && $0.iteration == 0 && ($0.layer ?? 1) == 1 }
            try #require(!moment.isEmpty)
            let progress = moment.compactMap { state -> Double? in
                switch (phase, state.motion) {
                case let (.forward, .forwardPulse(_, p)?), let (.loss, .lossReveal(p)?),
                     let (.backward, .backwardPulse(_, p)?), let (.update, .morph(p)?):
                    return p
                case (_, nil): return nil
                default:
                    Issue.record("\(phase) frame with motion \(String(describing: state.motion))")
                    return nil
                }
            }
            #expect(!progress.isEmpty && isMonotone(progress) && progress.allSatisfy { $0 > 0 && $0 < 1 }, "\(phase): \(progress)")
            // Motion frames first, then only still frames (the settled state and its hold).
            let firstStill = try #require(moment.firstIndex { $0.motion == nil })
            #expect(moment[firstStill...].allSatisfy { $0.motion == nil })
            #expect(firstStill == progress.count)
        }
    }
}
