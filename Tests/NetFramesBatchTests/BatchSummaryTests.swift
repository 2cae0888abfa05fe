import Foundation
import NetFramesBatch
import NetFramesRunFile
import Testing

/// The batch summary as CSV, JSON and a web page.
@Suite struct BatchSummaryTests {
    @Test func csvHasOneRowPerRunAndAColumnPerSweptField() {
        let first = sampleOutcome("xor-lr0.5-seed2")
        let second = sampleOutcome("xor-lr2.0-seed1") {
            $0.settings = [SweepSetting(key: "training.learningRate", value: "2.0"), SweepSetting(key: "network.seed", value: "1")]
            $0.learningRate = 2
            $0.seed = 1
            $0.finalLoss = nil
            $0.accuracy = nil
            $0.diverged = "training diverged at iteration 12: the loss is not a finite number, \"inf\""
            $0.frames = 6
        }
        let third = sampleOutcome("plain") {
            $0.runFile = "two, two.yaml"
            $0.settings = []
            $0.layers = [2, 2]
            $0.finalLoss = 0.1 + 0.2
            $0.accuracy = 0.75
            $0.seed = nil
        }
        let rows = [
            "name,runFile,training.learningRate,network.seed,layers,hidden,output,loss,learningRate,iterations,seed,"
                + "finalLoss,accuracy,diverged,frames",
            "xor-lr0.5-seed2,examples/xor-sweep.yaml,0.5,2,\"[2, 3, 1]\",tanh,sigmoid,crossEntropy,0.5,4000,2,0.0123,1.0,,18",
            "xor-lr2.0-seed1,examples/xor-sweep.yaml,2.0,1,\"[2, 3, 1]\",tanh,sigmoid,crossEntropy,2.0,4000,1,,,"
                + "\"training diverged at iteration 12: the loss is not a finite number, \"\"inf\"\"\",6",
            "plain,\"two, two.yaml\",,,\"[2, 2]\",tanh,sigmoid,crossEntropy,0.5,4000,,0.30000000000000004,0.75,,18",
        ]
        #expect(BatchSummary.csv([first, second, third]) == rows.map { $0 + "\r\n" }.joined())
        #expect(BatchSummary.csv([]) == "name,runFile,layers,hidden,output,loss,learningRate,iterations,seed,finalLoss,"
            + "accuracy,diverged,frames\r\n")
    }

    @Test func jsonListsEveryOutcomeAsItsFileWould() throws {
        let outcomes = [sampleOutcome("a"), sampleOutcome("b") { $0.finalLoss = nil; $0.thumbnail = nil }]
        let text = BatchSummary.json(outcomes)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "netframes-batch-summary")
        #expect(object["version"] as? Int == 1)
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.map { $0["name"] as? String } == ["a", "b"])
        // Each entry is an outcome file's object without its header: it reads back as one.
        for (entry, outcome) in zip(runs, outcomes) {
            var header = entry
            header["format"] = "netframes-outcome"
            header["version"] = 1
            let data = try JSONSerialization.data(withJSONObject: header)
            #expect(try RunOutcome(json: String(decoding: data, as: UTF8.self), file: "x") == outcome)
        }
        #expect(BatchSummary.json([]) == "{\n  \"format\":\"netframes-batch-summary\",\n  \"version\":1,\n  \"runs\":[]\n}\n")
    }

    @Test func theIndexPageEscapesEverythingAndLinksEveryFile() {
        let hostile = sampleOutcome("a<b>&\"c'") {
            $0.runFile = "<script>alert(1)</script>.yaml"
            $0.settings = [SweepSetting(key: "render.font", value: "<i>x</i>")]
            $0.files = ["a<b>/frame 1.png", "a<b>/run.mp4", "a<b>/manifest.json"]
            $0.thumbnail = "a<b>/final.png"
        }
        let diverged = sampleOutcome("gone") { $0.diverged = "diverged at <1>"; $0.thumbnail = nil; $0.finalLoss = nil }
        let page = BatchSummary.indexHTML([hostile, diverged], title: "Sweep & <friends>")
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<title>Sweep &amp; &lt;friends&gt;</title>"))
        #expect(page.contains("<strong>a&lt;b&gt;&amp;&quot;c&apos;</strong>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;.yaml"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<i>x</i>"))
        #expect(page.contains("<th>render.font</th>"))
        #expect(page.contains("<img src=\"a%3Cb%3E/final.png\" alt=\"Final frame of a&lt;b&gt;&amp;&quot;c&apos;\""))
        #expect(page.contains("<a href=\"a%3Cb%3E/frame%201.png\">frame 1.png</a>"))
        #expect(page.contains("<a href=\"a%3Cb%3E/run.mp4\">run.mp4</a>"))
        #expect(page.contains("<a href=\"a%3Cb%3E/manifest.json\">manifest.json</a>"))
        #expect(page.contains("<a href=\"contact-sheet.png\">contact sheet</a>"))
        #expect(page.contains("<a href=\"summary.csv\">summary.csv</a>"))
        #expect(page.contains("2 runs from 2 run files · 1 diverged"))
        #expect(page.contains("<td class=\"thumb none\">no final frame</td>"))
        #expect(page.contains("<td class=\"bad\" data-sort=\"\">diverged at &lt;1&gt;</td>"))
        // Numbers sort by their exact value and show rounded.
        #expect(page.contains("<td data-sort=\"0.0123\">0.0123</td><td data-sort=\"1.0\">100%</td>"))
        // Nothing is loaded from elsewhere.
        #expect(!page.contains("http"))
    }
}
