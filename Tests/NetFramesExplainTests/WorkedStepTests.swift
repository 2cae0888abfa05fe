import Foundation
import NetFramesEngine
import NetFramesExplain
import NetFramesRun
import NetFramesRunFile
import NetFramesTestSupport
import Testing

/// The worked step's numbers and the Markdown built from them, for every optimizer and
/// pairing of activation and loss.
@Suite("worked steps")
struct WorkedStepTests {
    func step(_ combination: ExplainCombination, _ n: Int = 2) throws -> WorkedStep {
        try WorkedStep(run: Fixture.run(combination.yaml, file: combination.name + ".yaml"), step: n)
    }

    @Test("the optimizer's rule, from the state the step before left, gives the engine's new parameters",
          arguments: ExplainCombination.all)
    func updateFromState(_ combination: ExplainCombination) throws {
        let worked = try step(combination)
        let setup = worked.setup
        let all = worked.parameters.weights.indices.map { (true, $0) } + worked.parameters.biases.indices.map { (false, $0) }
        for (isWeight, i) in all {
            let p = isWeight ? worked.parameters.weights[i] : worked.parameters.biases[i]
            let new = isWeight ? worked.newParameters.weights[i] : worked.newParameters.biases[i]
            let gradient = isWeight ? worked.gradients.weights[i] : worked.gradients.biases[i]
            func state(_ name: String, after: Bool) -> Double {
                let s = (after ? worked.stateAfter : worked.stateBefore)[name]!
                return isWeight ? s.weights[i] : s.biases[i]
            }
            let eta = isWeight ? setup.learningRate : setup.biasLearningRate
            let lambda = setup.weightDecay
            var expected: Double
            switch setup.optimizer {
            case .sgd:
                expected = p - eta * (gradient + lambda * p)
            case let .momentum(mu, nesterov):
                let g = gradient + lambda * p
                let v = mu * state("velocity", after: false) + g
                #expect(abs(v - state("velocity", after: true)) < 1e-12)
                expected = p - eta * (nesterov ? g + mu * v : v)
            case let .rmsprop(alpha, epsilon):
                let g = gradient + lambda * p
                let s = alpha * state("meanSquare", after: false) + (1 - alpha) * g * g
                #expect(abs(s - state("meanSquare", after: true)) < 1e-12)
                expected = p - eta * g / (s.squareRoot() + epsilon)
            case let .adam(beta1, beta2, epsilon, decoupled):
                let g = gradient + (decoupled ? 0 : lambda * p)
                let m = beta1 * state("m", after: false) + (1 - beta1) * g
                let v = beta2 * state("v", after: false) + (1 - beta2) * g * g
                #expect(abs(m - state("m", after: true)) < 1e-12 && abs(v - state("v", after: true)) < 1e-12)
                let t = Double(worked.step)
                expected = p * (decoupled ? 1 - eta * lambda : 1)
                    - eta * (m / (1 - pow(beta1, t))) / ((v / (1 - pow(beta2, t))).squareRoot() + epsilon)
            }
            #expect(abs(expected - new) < 1e-12, "\(combination.name) \(isWeight ? "weight" : "bias") \(i): \(expected) ≠ \(new)")
        }
        if setup.batchSize > 1 {
            #expect(worked.examples.count == setup.batchSize)
            let mean = worked.examples.map(\.loss).reduce(0, +) / Double(worked.examples.count)
            #expect(abs(mean - worked.loss) < 1e-12)
        }
    }

    @Test("the Markdown uses only standard LaTeX commands, balanced delimiters and no NaN",
          arguments: ExplainCombination.all)
    func standardMarkdown(_ combination: ExplainCombination) throws {
        let text = try step(combination).markdown()
        let allowed: Set<String> = ["frac", "partial", "sigma", "cdot", "sum", "left", "right", "mathrm", "to", "prime",
                                    "eta", "delta", "epsilon", "alpha", "beta", "mu", "lambda", "tanh", "log", "max",
                                    "sqrt", "times", "cdots", "hat"]
        let commands = Set(text.matches(of: /\\([a-zA-Z]+)/).map { String($0.output.1) })
        #expect(commands.isSubset(of: allowed), "not standard: \(commands.subtracting(allowed))")
        #expect(text.components(separatedBy: "$$\n").count % 2 == 1, "unbalanced $$")
        for line in text.split(separator: "\n") where !line.hasPrefix("$$") {
            let dollars = line.filter { $0 == "$" }.count - line.components(separatedBy: "\\$").count + 1
            #expect(dollars % 2 == 0, "unbalanced $ in: \(line)")
        }
        #expect(!text.contains("NaN") && !text.contains("infty"))
        #expect(text.contains("## Forward pass") && text.contains("## Error") && text.contains("## Backward pass")
                && text.contains("## Update") && text.contains("## Result") && text.contains("## All the numbers"))
    }

    @Test("softmax with cross-entropy is explained as δ = out − t")
    func softmaxCrossEntropy() throws {
        let combination = ExplainCombination.all.first { $0.name == "tanh-softmax" }!
        let worked = try step(combination)
        let text = worked.markdown(ExplainOptions(digits: 6))
        #expect(text.contains("which is simply $\\mathrm{out} - t$"))
        let all = derivations(inMarkdown: text)
        let delta = try #require(all.first { $0.lhs == "\\delta_{o 1}" })
        let pass = worked.examples[0]
        #expect(matches(numbers(in: delta.lines.joined()).last, printed: String(format: "%.6f", pass.out[2][0] - pass.target[0])))
    }

    @Test("wide layers are worked for their followed neuron unless all are asked for")
    func followedNeurons() throws {
        let yaml = """
            name: wide
            network: {layers: [3, 12, 2], hidden: relu, output: softmax, seed: 4}
            training: {loss: crossEntropy, learningRate: 0.1, iterations: 1}
            data: [{input: [1, 0, 0.5], target: [1, 0]}]
            """
        let worked = try WorkedStep(run: Fixture.run(yaml, file: "wide.yaml"), step: 1)
        let summary = worked.markdown()
        #expect(summary.contains("\\mathrm{net}_{h 1} =") && !summary.contains("\\mathrm{net}_{h 2} ="))
        #expect(summary.contains("Only neuron 1 of each layer"))
        #expect(summary.contains("| $h 12$ |"), "the tables still list every neuron")
        let full = worked.markdown(ExplainOptions(neurons: .all))
        #expect(full.contains("\\mathrm{net}_{h 12} ="))
    }
}
