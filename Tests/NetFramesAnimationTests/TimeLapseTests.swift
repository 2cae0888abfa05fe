import Foundation
import Testing
import NetFramesDiagram
import NetFramesEngine
import NetFramesGraphics
import NetFramesRender
import NetFramesRunFile
import NetFramesTestSupport
import NetFramesTimeline
import NetFramesRun

/// Time-lapses: log schedules in sampling and chapters, counted as the timeline makes
/// them, and the pace in the header.
@Suite("Time-lapse schedules")
struct TimeLapseTests {
    /// The fixture run of `iterations` steps, fast-forwarded (one short frame per shown step).
    func lapse(iterations: Int, sampling: String, chapters: String) throws -> Run {
        try Fixture.run(Fixture.small(iterations: iterations, animation: """
            animation:
              fps: 10
              finalHold: 0.5
              chapters:
            \(chapters)
            """) + "\n" + sampling)
    }

    @Test("a log-sampled fast-forward shows exactly the geometric steps, and the header gives each one's pace")
    func logSamplingPace() throws {
        let run = try lapse(iterations: 5000, sampling: "sampling: {schedule: log, frames: 12}",
                            chapters: "    - {detail: updates, stepDuration: 0.1}")
        let (states, count) = try timelineStates(run)
        let members = LogSpacing(length: 5000, frames: 12).members
        #expect(members.count == 12)
        let shown = states.dropLast(5).map(\.iteration)  // the final hold repeats the last step
        var steps: [Int] = []
        for i in shown where steps.last != i { steps.append(i) }
        #expect(steps == members)
        #expect(count == Timeline.plannedFrameCount(settings: run.animation, iterations: 5000, sampling: run.sampling,
                                                    layerCount: 3))
        // Each shown step's pace is the steps since the one shown before it.
        let builder = DiagramBuilder(setup: run.setup, style: run.render, measurer: CairoTextMeasurer())
        for (previous, step) in zip(members, members.dropFirst()) {
            let state = try #require(states.first { $0.iteration == step })
            let pace = step - previous
            #expect(state.pace == (pace > 1 ? pace : nil), "step \(step)")
            if pace > 1 {
                let status = builder.status(of: state)
                #expect(status.hasPrefix("×\(DiagramBuilder.groupedThousands(pace)) · iteration \(step) · "), "\(status)")
            }
        }
        #expect(states.first?.pace == nil)
        // The final hold keeps the last pace; the fast-forward's caption gives it rather
        // than claiming every update is shown.
        let lastPace = DiagramBuilder.groupedThousands(4999 - members[members.count - 2])
        #expect(builder.status(of: try #require(states.last)).hasPrefix("×\(lastPace) · iteration 4999 · "))
        let caption = try #require(states.dropLast(5).last?.captionOverride?.first)
        #expect(caption.hasPrefix("Time-lapse: training runs on, \(lastPace) steps per step shown; "), "\(caption)")
    }

    @Test("every step shown: no pace in the header")
    func noPaceWithoutTimeLapse() throws {
        let run = try Fixture.run(Fixture.small(iterations: 3))
        let (states, _) = try timelineStates(run)
        #expect(states.allSatisfy { $0.pace == nil })
        let builder = DiagramBuilder(setup: run.setup, style: run.render, measurer: CairoTextMeasurer())
        #expect(builder.status(of: states[0]).hasPrefix("iteration 0 · "))
    }

    @Test("grouped thousands")
    func grouping() {
        #expect([1, 12, 999, 1000, 14812, 1_000_000, 123_456_789].map(DiagramBuilder.groupedThousands)
            == ["1", "12", "999", "1,000", "14,812", "1,000,000", "123,456,789"])
    }

    @Test("chapters with either schedule, over sampling with either: counted exactly as walking every step",
          arguments: [
            ("sampling: {schedule: log, frames: 30}", "    - {iterations: 3}\n    - {every: 50, detail: updates}"),
            ("sampling: {every: 7, first: 4}", "    - {iterations: 5}\n    - {schedule: log, frames: 25, detail: updates}"),
            ("sampling: {schedule: log, frames: 40, first: 3}", "    - {iterations: 300, schedule: log, frames: 9, detail: updates}\n    - {every: 3, detail: updates}"),
            ("", "    - {iterations: 2}\n    - {schedule: log, frames: 60, detail: updates, title: Later}"),
          ])
    func chapterCounts(sampling: String, chapters: String) throws {
        let run = try lapse(iterations: 2000, sampling: sampling, chapters: chapters)
        let (states, count) = try timelineStates(run)
        #expect(states.count == count)
        #expect(count == Timeline.plannedFrameCount(settings: run.animation, iterations: 2000, sampling: run.sampling,
                                                    layerCount: 3))
        let plan = ChapterPlan(chapters: run.animation.chapters, iterations: 2000)
        for span in plan.spans {
            let walked = (span.start..<span.end).count {
                run.sampling.keeps(iteration: $0, total: 2000) && plan.detail(of: $0) != nil
            }
            #expect(plan.shownAndRecorded(in: span, sampling: run.sampling) == walked, "\(span)")
        }
    }

    @Test("a log chapter shows its own steps geometrically from its first step to its last")
    func logChapterSteps() throws {
        let plan = ChapterPlan(chapters: [Chapter(iterations: 10), Chapter(schedule: .log(frames: 8), detail: .updates)],
                               iterations: 10_010)
        let shown = (10..<10_010).filter { plan.detail(of: $0) != nil }
        #expect(shown == LogSpacing(length: 10_000, frames: 8).members.map { $0 + 10 })
        #expect(shown.first == 10 && shown.last == 10_009)
    }

    @Test("--log-frames: at least 2, and not with --every")
    func commandLineValidation() throws {
        var o = RenderOverrides()
        o.logFrames = 1
        #expect(throws: (any Error).self) { try o.validate(limits: Limits()) }
        do { try o.validate(limits: Limits()) } catch {
            #expect("\(error)".contains("--log-frames must be 2 or more"), "\(error)")
        }
        o.logFrames = 50
        try o.validate(limits: Limits())
        o.every = 3
        do {
            try o.validate(limits: Limits())
            Issue.record("--every with --log-frames was accepted")
        } catch {
            #expect("\(error)".contains("--every and --log-frames"), "\(error)")
        }
        // The same setting in render, batch and the library: the request's run samples by it.
        let run = try Fixture.run(Fixture.small(iterations: 100))
        var lapse = RenderOverrides()
        lapse.logFrames = 9
        #expect(RenderRequest(run: run, overrides: lapse).run.sampling == .log(frames: 9))
        #expect(RenderRequest.comparison(of: [run, run], overrides: lapse, folder: "x", name: "x").companions[0].sampling
            == .log(frames: 9))
    }
}
