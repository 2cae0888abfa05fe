import Foundation
import NetFramesEngine
import Testing

struct LogScheduleTests {
    @Test("a log schedule's steps: 0 and the last in, no duplicates, spaced geometrically within rounding",
          arguments: [(1_000_000, 50), (100_000, 300), (8000, 40), (10_000, 1000)])
    func geometricSpacing(total: Int, frames: Int) {
        let members = LogSpacing(length: total, frames: frames).members
        #expect(members.first == 0)
        #expect(members.last == total - 1)
        #expect(zip(members, members.dropFirst()).allSatisfy { $0 < $1 })
        #expect(members.count <= frames)
        // Steps done (iteration + 1) grow by one factor, T^(1/(N−1)); rounding to whole
        // steps moves each by at most ½, so the ratio is exact within that.
        let ratio = pow(Double(total), 1 / Double(frames - 1))
        for (a, b) in zip(members, members.dropFirst()) where a >= 200 {
            let measured = Double(b + 1) / Double(a + 1)
            let slack = 0.5 / Double(a + 1) + 0.5 / Double(b + 1)
            #expect(abs(measured / ratio - 1) <= slack * 1.01, "\(a) → \(b): \(measured) vs \(ratio)")
        }
        // The members are exactly round(T^(k/(N−1))) − 1, once each.
        var expected: [Int] = []
        for k in 0..<frames {
            let m = Int(pow(Double(total), Double(k) / Double(frames - 1)).rounded()) - 1
            if expected.last != m { expected.append(m) }
        }
        #expect(members == expected)
    }

    @Test("a short stretch keeps fewer steps than asked: duplicates are removed")
    func duplicatesRemoved() {
        #expect(LogSpacing(length: 20, frames: 50).members == Array(0..<20))
        let some = LogSpacing(length: 1000, frames: 100).members
        #expect(some.count < 100 && some.count > 50)
        #expect(SamplingPolicy.log(frames: 100).keptCount(total: 1000) == some.count)
        #expect(LogSpacing(length: 1, frames: 5).members == [0])
    }

    @Test("keeps, next and keptCount agree with walking every step, and the trainer records exactly those steps",
          arguments: [(SamplingPolicy.log(frames: 40), 5000), (SamplingPolicy(schedule: .log(frames: 12), first: 30), 700),
                      (SamplingPolicy.log(frames: 2), 50), (SamplingPolicy(every: 7, first: 3), 100)])
    func policyAgreesWithTrainer(policy: SamplingPolicy, total: Int) throws {
        let kept = (0..<total).filter { policy.keeps(iteration: $0, total: total) }
        #expect(policy.keptCount(total: total) == kept.count)
        var walked: [Int] = []
        var i = kept.first!
        while i != Int.max { walked.append(i); i = policy.next(after: i, total: total) }
        #expect(walked == kept)
        if case .log(let frames) = policy.schedule {
            let members = Set(LogSpacing(length: total, frames: frames).members)
            #expect(kept == (0..<total).filter { $0 < policy.first || members.contains($0) })
        }
        let shape = NetworkShape(layers: [2, 2, 1])
        let setup = TrainingSetup(shape: shape, hidden: .tanh, output: .sigmoid, loss: .crossEntropy, learningRate: 0.1)
        let data = Dataset(examples: BuiltinDataset.xor.examples(samples: 4, seed: 0, noise: 0))
        var trainer = Trainer(setup: setup, parameters: .random(shape: shape, scheme: .xavier, seed: 3), dataset: data)
        var sink = CollectingSink()
        // In uneven pieces, as a comparison trains: the cursor restarts at each call.
        var pieces = [1, 2, 5, 13, 40].makeIterator()
        while trainer.iteration < total {
            try trainer.train(iterations: min(pieces.next() ?? total, total - trainer.iteration), sampling: policy,
                              runEnd: total, into: &sink)
        }
        #expect(sink.snapshots.filter { $0.phase == .update }.map(\.iteration) == kept)
    }

    @Test("every(N) through the schedule keeps today's steps")
    func everyUnchanged() {
        let policy = SamplingPolicy(every: 6, first: 12)
        #expect(policy.every == 6 && policy.schedule == .every(6))
        #expect((0..<40).filter { policy.keeps(iteration: $0, total: 40) }
            == Array(0..<12) + [12, 18, 24, 30, 36, 39])
        var changed = SamplingPolicy.log(frames: 9)
        #expect(changed.every == 1)
        changed.every = 4
        #expect(changed.schedule == .every(4))
    }
}
