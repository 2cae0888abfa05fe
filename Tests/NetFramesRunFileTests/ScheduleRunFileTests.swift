import Foundation
import NetFramesEngine
import NetFramesRun
@testable import NetFramesRunFile
import Testing

/// `sampling:` and chapters with `schedule: every|log`, `render.lossScale`, and what
/// is said when they are wrong.
@Suite struct ScheduleRunFileTests {
    let base = "network: {layers: [2, 2, 1]}\ndata: {builtin: xor}\n"

    @Test func samplingSchedules() throws {
        #expect(try parsed(base + "sampling: {schedule: log, frames: 30}\n").sampling == .log(frames: 30))
        #expect(try parsed(base + "sampling: {schedule: log, frames: 2, first: 5}\n").sampling
            == SamplingPolicy(schedule: .log(frames: 2), first: 5))
        #expect(try parsed(base + "sampling: {schedule: every, every: 40}\n").sampling == SamplingPolicy(every: 40))
        #expect(try parsed(base + "sampling: {schedule: every}\n").sampling == SamplingPolicy(every: 1))
        // Today's forms are unchanged.
        #expect(try parsed(base + "sampling: {every: 40, first: 4}\n").sampling == SamplingPolicy(every: 40, first: 4))
        #expect(try parsed(base).sampling == .all)
    }

    @Test func chapterSchedules() throws {
        let run = try parsed(base + """
            animation:
              chapters:
                - {iterations: 10, every: 2}
                - {iterations: 100, schedule: log, frames: 12, detail: updates}
                - {schedule: every, every: 5, detail: updates}
            """)
        #expect(run.animation.chapters.map(\.schedule) == [.every(2), .log(frames: 12), .every(5)])
    }

    @Test func lossScale() throws {
        #expect(try parsed(base).render.lossScale == .linear)
        #expect(try parsed(base + "render: {lossScale: log}\n").render.lossScale == .log)
        expectMistake(base + "render: {lossScale: logarithmic}\n", path: "render.lossScale", line: 3,
                      "expected one of linear, log, found 'logarithmic'")
    }

    @Test func samplingMistakes() {
        expectMistake(base + "sampling: {schedule: exponential, frames: 10}\n", path: "sampling.schedule", line: 3,
                      "expected one of every, log, found 'exponential'")
        expectMistake(base + "sampling: {schedule: log, frames: 1}\n", path: "sampling.frames", line: 3,
                      "must be a whole number of frames, at least 2 (the first and last step), found 1")
        expectMistake(base + "sampling: {schedule: log, frames: many}\n", path: "sampling.frames", line: 3,
                      "expected a whole number of frames, at least 2")
        expectMistake(base + "sampling: {schedule: log}\n", path: "sampling", line: 3,
                      "schedule: log needs `frames`")
        expectMistake(base + "sampling: {schedule: log, frames: 10, every: 3}\n", path: "sampling.every", line: 3,
                      "goes with schedule: every")
        expectMistake(base + "sampling: {frames: 10}\n", path: "sampling.frames", line: 3, "goes with schedule: log only")
        expectMistake(base + "sampling: {schedule: every, frames: 10}\n", path: "sampling.frames", line: 3,
                      "goes with schedule: log only")
        expectMistake(base + "sampling: {schedul: log}\n", path: "sampling.schedul", line: 3, "did you mean 'schedule'?")
    }

    @Test func chapterMistakes() {
        expectMistake(base + "animation:\n  chapters:\n    - {schedule: log, frames: 0}\n",
                      path: "animation.chapters[0].frames", line: 5, "at least 2")
        expectMistake(base + "animation:\n  chapters:\n    - {schedule: lin}\n",
                      path: "animation.chapters[0].schedule", line: 5, "expected one of every, log")
    }

    @Test func codeAndFileAgree() throws {
        // A run made in code writes its log sampling into the tree the reader reads.
        let run = try RunFile(name: "lapse", network: .init(layers: [2, 2, 1]), training: .init(iterations: 500),
                              data: .builtin(.xor), sampling: .log(frames: 20))
        #expect(run.sampling == .log(frames: 20))
        let decoded = try JSONDecoder().decode(SamplingPolicy.self,
                                               from: JSONEncoder().encode(SamplingPolicy(schedule: .log(frames: 7), first: 2)))
        #expect(decoded == SamplingPolicy(schedule: .log(frames: 7), first: 2))
        let every = try JSONDecoder().decode(SamplingPolicy.self, from: Data(#"{"every": 3, "first": 1}"#.utf8))
        #expect(every == SamplingPolicy(every: 3, first: 1))
    }
}
