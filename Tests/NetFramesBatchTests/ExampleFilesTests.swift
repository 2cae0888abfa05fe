import Foundation
import Testing
import NetFramesBatch
import NetFramesEngine
import NetFramesTestSupport

/// The run files in examples/ are what users copy first: every one must load.
@Suite("Example run files")
struct ExampleFilesTests {
    @Test("every example loads, and the optimizer examples are what the README says")
    func everyExampleLoads() throws {
        // The run files at the top of examples/ (cluster/ holds job files for schedulers).
        let files = try FileManager.default.contentsOfDirectory(atPath: examplePath(""))
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map { examplePath($0) }
        #expect(files.count >= 7)
        let plan = try BatchPlan.load(paths: files)
        let names = plan.entries.map(\.name)
        #expect(names.contains("adam-xor") && names.contains("xor"))
        let compared = plan.entries.filter { $0.name.hasPrefix("optimizers-") }
        #expect(compared.map { $0.sweep.run.setup.optimizer.kind } == [.sgd, .momentum, .adam])
        // The same start, the same batches: only the rule differs.
        #expect(Set(compared.map { $0.sweep.run.initialParameters.weights }).count == 1)
        #expect(compared.allSatisfy { $0.sweep.run.setup.batchSize == 8 })
        let adam = try #require(plan.entries.first { $0.name == "adam-xor" }).sweep.run.setup
        #expect(adam.optimizer == .defaultAdam && adam.batchSize == 4)
    }
}
