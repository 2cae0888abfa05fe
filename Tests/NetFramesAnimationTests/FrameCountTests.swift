import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesRender
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTimeline
import NetFramesRun

/// The frames a timeline emits, against `Timeline.plannedFrameCount` (what progress
/// bars and the renderer expect) and against the arithmetic done by hand.
///
/// Every run here is the [2, 2, 1] fixture: 3 layers, so a full step is 2 forward
/// moments, the loss, 2 backward moments and the update, each followed by a hold.
@Suite("Timeline frame counts")
struct FrameCountTests {
    /// Trains the run of `animation` (an `animation:` section) and checks that the frames
    /// emitted, the planned count and `expected` all agree.
    @discardableResult
    func check(iterations: Int, sampling: String = "", animation: String, expected: Int,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> [DiagramState] {
        var yaml = Fixture.small(iterations: iterations, animation: animation)
        if !sampling.isEmpty { yaml += "\n" + sampling }
        let run = try Fixture.run(yaml)
        let (states, frameCount) = try timelineStates(run)
        let planned = Timeline.plannedFrameCount(settings: run.animation, iterations: run.iterations,
                                                 sampling: run.sampling, layerCount: run.setup.shape.layerCount)
        let renderer = AnimationRenderer(run: run, style: run.render, animation: run.animation)
        #expect(states.count == expected, "timeline emitted \(states.count) frames, expected \(expected)",
                sourceLocation: sourceLocation)
        #expect(frameCount == states.count, "frameCount \(frameCount) but \(states.count) emitted",
                sourceLocation: sourceLocation)
        #expect(planned == expected, "plannedFrameCount \(planned), expected \(expected)", sourceLocation: sourceLocation)
        #expect(renderer.plannedFrameCount == planned, sourceLocation: sourceLocation)
        return states
    }

    @Test("default durations at 10 fps, 3 steps, final hold 1.5 s")
    func defaultsAt10fps() throws {
        // forward 0.6 s → 6 frames, loss 1.0 → 10, backward 0.8 → 8, update 1.0 → 10, hold 0.3 → 3.
        let fullStep = 2 * (6 + 3) + (10 + 3) + 2 * (8 + 3) + (10 + 3)  // 66
        #expect(fullStep == 66)
        let states = try check(iterations: 3, animation: "animation: {fps: 10, finalHold: 1.5}",
                               expected: 3 * fullStep + 15)  // 213
        // The parts of the count, as emitted: 6 motion frames and 3 held for each forward
        // layer, …, and 15 final frames with no motion.
        let step0 = states.filter { $0.iteration == 0 }
        #expect(step0.filter { $0.phase == .forward && $0.layer == 1 }.count == 9)
        #expect(step0.filter { $0.phase == .forward && $0.layer == 1 && $0.motion != nil }.count == 5)  // the 6th is the settled state
        #expect(step0.filter { $0.phase == .loss }.count == 13)
        #expect(step0.filter { $0.phase == .backward }.count == 22)
        #expect(step0.filter { $0.phase == .update }.count == 13)
        #expect(states.suffix(15).allSatisfy { $0.iteration == 2 && $0.phase == .update && $0.motion == nil })
    }

    @Test("no hold at 24 fps, final hold 0")
    func noHoldAt24fps() throws {
        // forward 0.6·24 = 14.4 → 14, loss 24, backward 0.8·24 = 19.2 → 19, update 24, no holds.
        let fullStep = 2 * 14 + 24 + 2 * 19 + 24  // 114
        try check(iterations: 2, animation: "animation: {fps: 24, finalHold: 0, durations: {hold: 0}}",
                  expected: 2 * fullStep)  // 228
    }

    @Test("every span is at least one frame")
    func shortDurationsRoundUpToOneFrame() throws {
        // 0.04 s at 10 fps is 0.4 frames: each moment and each hold still takes 1.
        let fullStep = 2 * (1 + 1) + (1 + 1) + 2 * (1 + 1) + (1 + 1)  // 12
        try check(iterations: 2, animation: """
            animation:
              fps: 10
              finalHold: 0.04
              durations: {forward: 0.04, loss: 0.04, backward: 0.04, update: 0.04, hold: 0.04}
            """, expected: 2 * fullStep + 1)  // 25
    }

    static let chapters = """
          chapters:
            - {iterations: 2, detail: full}
            - {every: 5, detail: updates, stepDuration: 0.2}
        """

    @Test("two full steps, then every 5th update of the rest, 10 fps")
    func chaptersAt10fps() throws {
        // 12 steps. Chapter 1: steps 0 and 1 in full, 66 frames each. Chapter 2: steps 2…11,
        // every 5th from its start (2, 7) and the run's last (11), 0.2 s → 2 frames each.
        // Final hold 1.5 s → 15.
        let states = try check(iterations: 12, animation: "animation:\n  fps: 10\n  finalHold: 1.5\n" + Self.chapters,
                               expected: 2 * 66 + 3 * 2 + 15)  // 153
        let fastForward = states.filter { $0.iteration >= 2 }
        #expect(Set(fastForward.map(\.iteration)) == [2, 7, 11])
        #expect(fastForward.allSatisfy { $0.phase == .update })
        // The fast-forward morphs from the last shown step's weights.
        let seven = try #require(fastForward.first { $0.iteration == 7 })
        let two = try #require(fastForward.last { $0.iteration == 2 })
        #expect(seven.previousWeights == two.weights)
        #expect(seven.captionOverride?.first?.contains("from iteration 2 to 7") == true, "\(seven.captionOverride ?? [])")
    }

    @Test("chapter titles add title cards")
    func chaptersWithTitles() throws {
        let titled = """
            animation:
              fps: 10
              finalHold: 1.5
              titleCard: 0.8
              chapters:
                - {iterations: 2, detail: full, title: "One step at a time"}
                - {every: 5, detail: updates, stepDuration: 0.2, title: "Fast-forward"}
            """
        // As chaptersAt10fps, plus two title cards of 0.8 s → 8 frames each.
        let states = try check(iterations: 12, animation: titled, expected: 2 * 66 + 3 * 2 + 15 + 2 * 8)  // 169
        let cards = states.enumerated().filter { $0.element.titleCard != nil }
        #expect(cards.count == 16)
        #expect(cards.prefix(8).map(\.offset) == Array(0..<8))  // the first card opens the video
        #expect(cards.prefix(8).allSatisfy { $0.element.titleCard == "One step at a time" })
        // The second card comes right after the 132 frames of chapter 1.
        #expect(cards.suffix(8).map(\.offset) == Array(140..<148))
        #expect(cards.suffix(8).allSatisfy { $0.element.titleCard == "Fast-forward" && $0.element.iteration == 2 })
    }

    @Test("chapters at 24 fps with a 0.25 s hold")
    func chaptersAt24fps() throws {
        // forward 14 + hold 6 (0.25·24), loss 24 + 6, backward 19 + 6, update 24 + 6.
        let fullStep = 2 * (14 + 6) + (24 + 6) + 2 * (19 + 6) + (24 + 6)  // 150
        // stepDuration 0.2·24 = 4.8 → 5 frames; final hold 1.5·24 = 36.
        try check(iterations: 12, animation: "animation:\n  fps: 24\n  finalHold: 1.5\n  durations: {hold: 0.25}\n" + Self.chapters,
                  expected: 2 * fullStep + 3 * 5 + 36)  // 351
    }

    @Test("sampling every 4 (first 1) meets the chapters: only steps both keep are shown")
    func samplingAndChapters() throws {
        // Recorded: 0 (first), 0, 4, 8 (every 4) and 11 (last). Chapter 1 wants 0 and 1 →
        // only 0 is recorded: 66 frames. Chapter 2 wants 2, 7, 11 → only 11: 2 frames, after
        // its 1.5 s title card (15). No final hold.
        let animation = """
            animation:
              fps: 10
              finalHold: 0
              chapters:
                - {iterations: 2, detail: full}
                - {every: 5, detail: updates, stepDuration: 0.2, title: Later}
            """
        let states = try check(iterations: 12, sampling: "sampling: {every: 4, first: 1}", animation: animation,
                               expected: 66 + 15 + 2)  // 83
        #expect(Set(states.map(\.iteration)) == [0, 11])
    }

    @Test("sampling first 2 and every 5, no chapters")
    func samplingFirstAndEvery() throws {
        // 11 steps; recorded: 0, 1 (first 2), 0, 5, 10 (every 5; 10 is also the last) → 4 steps.
        let states = try check(iterations: 11, sampling: "sampling: {every: 5, first: 2}",
                               animation: "animation: {fps: 10, finalHold: 0}", expected: 4 * 66)  // 264
        #expect(Set(states.map(\.iteration)) == [0, 1, 5, 10])
    }

    @Test("a last chapter without iterations runs to the end; steps past chapters that end are skipped")
    func openAndClosedChapters() throws {
        // 7 steps: a titled chapter of 1 step in full, then every 3rd of the rest in full:
        // steps 1, 4 and the last, 6. 4 full steps, a 1.5 s title card, final hold 0.5 → 5.
        try check(iterations: 7, animation: """
            animation:
              fps: 10
              finalHold: 0.5
              chapters:
                - {iterations: 1, title: Start}
                - {every: 3}
            """, expected: 4 * 66 + 15 + 5)  // 284
        // 10 steps, chapters covering 2 + 3: steps 5…9 are not shown at all. Chapter 2 (steps
        // 2…4) shows every 2nd update: 2 and 4, 0.1 s → 1 frame each.
        let states = try check(iterations: 10, animation: """
            animation:
              fps: 10
              finalHold: 1
              chapters:
                - {iterations: 2}
                - {iterations: 3, every: 2, detail: updates}
            """, expected: 2 * 66 + 2 * 1 + 10)  // 144
        #expect(states.map(\.iteration).max() == 4)
    }

    @Test("a deeper network: 3 forward and 3 backward moments per step")
    func deeperNetwork() throws {
        let yaml = """
            name: deep
            network: {layers: [2, 3, 3, 1], hidden: tanh, output: sigmoid, seed: 3}
            training: {loss: mse, learningRate: 0.5, iterations: 2}
            data:
              - {input: [0.6, -0.3], target: [1]}
            animation: {fps: 10, finalHold: 0.3}
            """
        let run = try Fixture.run(yaml)
        let fullStep = 3 * (6 + 3) + (10 + 3) + 3 * (8 + 3) + (10 + 3)  // 86
        let expected = 2 * fullStep + 3  // 175
        let (states, frameCount) = try timelineStates(run)
        #expect(states.count == expected)
        #expect(frameCount == expected)
        #expect(Timeline.plannedFrameCount(settings: run.animation, iterations: 2, sampling: run.sampling, layerCount: 4) == expected)
    }

    // MARK: Easing

    @Test("every easing fixes 0 and 1, is monotone, and clamps outside [0, 1]", arguments: Easing.allCases)
    func easing(_ easing: Easing) {
        #expect(easing(0) == 0)
        #expect(easing(1) == 1)
        #expect(easing(-0.5) == 0)
        #expect(easing(1.5) == 1)
        var previous = 0.0
        for i in 1...1000 {
            let value = easing(Double(i) / 1000)
            #expect(value >= previous, "\(easing) falls at t = \(Double(i) / 1000): \(previous) → \(value)")
            #expect((0...1).contains(value))
            previous = value
        }
        switch easing {
        case .linear: #expect(easing(0.25) == 0.25)
        case .easeIn: #expect(easing(0.5) == 0.25)  // starts slowly
        case .easeOut: #expect(easing(0.5) == 0.75)  // ends slowly
        case .easeInOut, .smooth, .sine:
            #expect(abs(easing(0.5) - 0.5) < 1e-12)  // symmetric
            #expect(easing(0.1) < 0.1)
            #expect(easing(0.9) > 0.9)
        }
    }
}
