import Foundation
import NetFramesExplain
import NetFramesRun
import NetFramesTestSupport
import Testing

/// Matt Mazur's "A Step by Step Backpropagation Example" (2015) works the first step of
/// examples/two-two-two.yaml by hand. Every figure he prints for it must come out of
/// `netframes explain`, to the digits he prints.
///
/// NetFrames names a weight by its connection where Mazur numbers them:
/// w1 = w_{i1→h1}, w2 = w_{i2→h1}, w3 = w_{i1→h2}, w4 = w_{i2→h2},
/// w5 = w_{h1→o1}, w6 = w_{h2→o1}, w7 = w_{h1→o2}, w8 = w_{h2→o2}.
///
/// Two of the post's later figures are misprints, and the engine is trusted there:
/// ∂E_o2/∂out_h1 is printed as −0.019049119 but is −0.019049118 (−0.0190491182…:
/// δ_o2 · w7 = −0.0380982365 × 0.5), and the error after the first update, printed as
/// 0.291027924, is 0.291027774 (the forward pass with his own w1′ … w8′ gives it too).
@Suite("Mazur's worked example")
struct MazurExampleTests {
    /// Mazur's figures of step 1, by the name `explain` gives each in its Markdown.
    static let figures: [(lhs: String, printed: String)] = [
        ("\\mathrm{net}_{h 1}", "0.3775"),
        ("\\mathrm{out}_{h 1}", "0.593269992"),
        ("\\mathrm{out}_{h 2}", "0.596884378"),
        ("\\mathrm{net}_{o 1}", "1.105905967"),
        ("\\mathrm{out}_{o 1}", "0.75136507"),
        ("\\mathrm{out}_{o 2}", "0.772928465"),
        ("E_{o 1}", "0.274811083"),
        ("E_{o 2}", "0.023560026"),
        ("E", "0.298371109"),
        ("\\frac{\\partial E}{\\partial \\mathrm{out}_{o 1}}", "0.74136507"),
        ("\\frac{\\partial \\mathrm{out}_{o 1}}{\\partial \\mathrm{net}_{o 1}}", "0.186815602"),
        ("\\delta_{o 1}", "0.138498562"),
        ("\\frac{\\partial E}{\\partial w_{h 1 \\to o 1}}", "0.082167041"),                          // ∂E/∂w5
        ("w_{h 1 \\to o 1}^{\\prime}", "0.35891648"),                                                // w5′
        ("w_{h 2 \\to o 1}^{\\prime}", "0.408666186"),                                               // w6′
        ("w_{h 1 \\to o 2}^{\\prime}", "0.511301270"),                                               // w7′
        ("w_{h 2 \\to o 2}^{\\prime}", "0.561370121"),                                               // w8′
        ("\\frac{\\partial E}{\\partial \\mathrm{out}_{h 1}}", "0.036350306"),
        ("\\frac{\\partial \\mathrm{out}_{h 1}}{\\partial \\mathrm{net}_{h 1}}", "0.241300709"),
        ("\\frac{\\partial E}{\\partial w_{i 1 \\to h 1}}", "0.000438568"),                          // ∂E/∂w1
        ("w_{i 1 \\to h 1}^{\\prime}", "0.149780716"),                                               // w1′
        ("w_{i 2 \\to h 1}^{\\prime}", "0.19956143"),                                                // w2′
        ("w_{i 1 \\to h 2}^{\\prime}", "0.24975114"),                                                // w3′
        ("w_{i 2 \\to h 2}^{\\prime}", "0.29950229"),                                                // w4′
    ]

    @Test("the Markdown at 9 decimals works out every figure of Mazur's first step to his digits")
    func markdownFigures() throws {
        let step = try WorkedStep(run: try mazurRun(), step: 1)
        let all = derivations(inMarkdown: step.markdown(ExplainOptions(digits: 9)))
        for (lhs, printed) in Self.figures {
            let value = finalValue(of: lhs, in: all)
            #expect(matches(value, printed: printed), "\(lhs): explain gives \(value.map { "\($0)" } ?? "nothing"), Mazur \(printed)")
        }
        // ∂E/∂w5 as his three factors, and ∂E/∂w1 as his.
        let w5 = try #require(all.first { $0.lhs == "\\frac{\\partial E}{\\partial w_{h 1 \\to o 1}}" })
        #expect(numbers(in: w5.lines[1]) == [0.741365070, 0.186815602, 0.593269992, 0.082167041], "\(w5.lines)")
        let w1 = try #require(all.first { $0.lhs == "\\frac{\\partial E}{\\partial w_{i 1 \\to h 1}}" })
        #expect(numbers(in: w1.lines[1]) == [0.036350306, 0.241300709, 0.05, 0.000438568], "\(w1.lines)")
        // ∂E_total/∂out_h1 as the sum of ∂E_o1/∂out_h1 = 0.055399425 and ∂E_o2/∂out_h1 (his
        // −0.019049119 is a misprint: the product is −0.0190491182…).
        let hidden = try #require(all.first { $0.lhs == "\\frac{\\partial E}{\\partial \\mathrm{out}_{h 1}}" })
        #expect(hidden.lines.contains { numbers(in: $0).prefix(2) == [0.055399425, -0.019049118] }, "\(hidden.lines)")
        // The error after the step: the engine's 0.291027774, not the post's misprinted 0.291027924.
        #expect(matches(finalValue(of: "E^{\\prime}", in: all), printed: "0.291027774"))
    }

    @Test("the worked step's own numbers round to Mazur's figures")
    func recordedFigures() throws {
        let step = try WorkedStep(run: try mazurRun(), step: 1)
        let pass = step.examples[0]
        #expect(matches(pass.net[1][0], printed: "0.3775"))
        #expect(matches(pass.out[1][0], printed: "0.593269992") && matches(pass.out[1][1], printed: "0.596884378"))
        #expect(matches(pass.net[2][0], printed: "1.105905967"))
        #expect(matches(pass.out[2][0], printed: "0.75136507") && matches(pass.out[2][1], printed: "0.772928465"))
        #expect(matches(pass.loss, printed: "0.298371109"))
        #expect(matches(pass.weightGradient(2, to: 0, from: 0), printed: "0.082167041"))
        #expect(matches(pass.weightGradient(1, to: 0, from: 0), printed: "0.000438568"))
        let new = step.newParameters
        let printed = ["0.149780716", "0.19956143", "0.24975114", "0.29950229",     // w1′ … w4′: [to][from] into the hidden layer
                       "0.35891648", "0.408666186", "0.511301270", "0.561370121"]   // w5′ … w8′
        for (weight, figure) in zip(new.weights, printed) {
            #expect(matches(weight, printed: figure), "\(weight) ≠ \(figure)")
        }
        #expect(new.biases == step.parameters.biases, "trainBiases: false keeps the biases")
        #expect(matches(step.lossAfter, printed: "0.291027774"))
    }
}
