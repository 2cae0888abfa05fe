import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesRender
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTimeline
import NetFramesRun
import NetFramesScene

/// How the timeline tells a step on a batch: the first example (or every one) in full,
/// each example's gradients joining the running mean, then the update.
@Suite("Batches in the timeline")
struct BatchTimelineTests {
    /// The [2, 2, 1] fixture on three examples, a batch of all three per step, momentum, at 10 fps.
    static func yaml(detail: String, iterations: Int = 2) -> String {
        """
        name: batched
        network:
          layers: [2, 2, 1]
          hidden: tanh
          output: sigmoid
          weights: [[[0.8, -0.4], [0.3, 0.9]], [[1.1, -0.6]]]
          biases: [[0.1, -0.1], [0.2]]
        training: {loss: mse, learningRate: 0.5, iterations: \(iterations), batchSize: 3, optimizer: momentum}
        data:
          - {input: [0.6, -0.3], target: [1]}
          - {input: [-0.2, 0.5], target: [0]}
          - {input: [0.9, 0.1], target: [1]}
        render: {width: 320, height: 180}
        animation: {fps: 10, finalHold: 0.5, batchDetail: \(detail)}
        """
    }

    func states(_ yaml: String) throws -> (run: RunFile, states: [DiagramState], planned: Int) {
        let run = try Fixture.run(yaml)
        let (states, count) = try timelineStates(run)
        #expect(count == states.count)
        let planned = Timeline.plannedFrameCount(settings: run.animation, iterations: run.iterations, sampling: run.sampling,
                                                 layerCount: run.setup.shape.layerCount, batchSize: run.setup.batchSize)
        #expect(AnimationRenderer(run: run, style: run.render, animation: run.animation).plannedFrameCount == planned)
        return (run, states, planned)
    }

    @Test("batchDetail first: example 1 in full, three accumulate moments, the update")
    func firstInFull() throws {
        // One example in full: 2·(6 + 3) forward + (10 + 3) loss + 2·(8 + 3) backward = 53;
        // accumulate 0.5 s = 5 frames for each of 3 examples; update 10 + 3. Two steps, final hold 5.
        let (_, states, planned) = try states(Self.yaml(detail: "first"))
        #expect(states.count == 2 * (53 + 3 * 5 + 13) + 5)
        #expect(planned == states.count)
        let step0 = states.filter { $0.iteration == 0 }
        // Only the first example is worked through moment by moment.
        #expect(Set(step0.filter { $0.phase == .forward }.map { $0.batch?.position }) == [0])
        let accumulating = step0.filter { $0.batch?.accumulating == true }
        #expect(accumulating.count == 15)
        #expect(accumulating.map { $0.batch!.position } == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2])
        // The labels of the last accumulate moment are the update's mean gradients.
        let update = try #require(step0.last { $0.phase == .update })
        let last = try #require(accumulating.last)
        for l in 1...2 {
            #expect(last.weightGradients[l] == update.weightGradients[l])
            #expect(last.deltas[l] == update.deltas[l])
        }
    }

    @Test("batchDetail all: every example in full")
    func allInFull() throws {
        let (_, states, planned) = try states(Self.yaml(detail: "all"))
        #expect(states.count == 2 * (3 * 53 + 3 * 5 + 13) + 5)
        #expect(planned == states.count)
        #expect(Set(states.filter { $0.phase == .loss && $0.iteration == 1 }.map { $0.batch?.position }) == [0, 1, 2])
    }

    @Test("the accumulate caption and the momentum caption work the numbers through")
    func captions() throws {
        let (run, states, _) = try states(Self.yaml(detail: "first", iterations: 2))
        let builder = DiagramBuilder(setup: run.setup, style: run.render, measurer: TestMeasurer())
        let format = builder.valuesLayout.format
        let accumulate = try #require(states.last { $0.batch?.accumulating == true && $0.iteration == 0 })
        let mean = try #require(accumulate.gradient(into: 2, to: 0, from: 0))
        let lines = builder.captionLines(of: accumulate)
        #expect(lines[0].hasPrefix("Batch: example 3 of 3 adds its gradients"))
        #expect(lines[1] == "Weight from neuron 1 into output 1: mean ∂L/∂w so far = \(format(mean)) (the whole batch)")

        // Step 2 of momentum: v = 0.9·v₁ + g₂, w ← w − 0.5·v.
        let update = try #require(states.last { $0.phase == .update && $0.iteration == 1 })
        let g = try #require(update.gradient(into: 2, to: 0, from: 0))
        let v = try #require(update.optimizerState("velocity", into: 2, to: 0, from: 0))
        let before = update.previousWeight(into: 2, to: 0, from: 0), after = update.weight(into: 2, to: 0, from: 0)
        #expect(abs(after - (before - 0.5 * v)) < 1e-15)
        let caption = builder.captionLines(of: update)
        #expect(caption[0].hasPrefix("Update, Momentum η = 0.500: every weight steps by the batch-mean gradient g over 3 examples"))
        #expect(caption[1].contains("v = 0.900·"))
        #expect(caption[1].contains(" = \(format(v));  w ← \(format(before)) − 0.500·"))
        #expect(caption[1].hasSuffix(" = \(format(after))"))
        #expect(caption[1].contains("g = \(format(g))"))
        #expect(builder.status(of: update) == "Momentum η = 0.5 · batch 3 · iteration 1 · update · batch mean · loss "
            + format(update.loss!))
    }
}

/// Widths proportional to the character count: enough for captions and statuses.
struct TestMeasurer: TextMeasuring {
    func measure(_ string: String, font: Font) -> TextExtent {
        TextExtent(width: Double(string.count) * font.size * 0.6, ascent: font.size * 0.8, descent: font.size * 0.2)
    }
}
