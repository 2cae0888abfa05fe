import Foundation
import NetFramesTestSupport
import Testing

/// The LaTeX article `netframes explain --format tex` writes, compiled with pdflatex as
/// a reader would, with its PDF frames.
@Suite("explain --format tex with pdflatex", .enabled(if: which("pdflatex") != nil,
                                                       "pdflatex is not installed (apt-get install texlive-latex-base texlive-latex-recommended)"))
struct LaTeXDocumentTests {
    /// Compiles `tex` (in its folder) and returns the PDF's text.
    func compile(_ tex: String, in folder: String) throws -> String {
        let name = (tex as NSString).lastPathComponent
        let pdflatex = try #require(which("pdflatex"))
        // Twice, as people do: longtable settles its column widths on the second run.
        for _ in 0..<2 {
            let result = try runProcess(pdflatex, ["-interaction=nonstopmode", "-halt-on-error", name], in: folder, timeout: 180)
            try #require(result.status == 0, "pdflatex failed on \(name): \(result.stdout.suffix(3000))")
        }
        let pdf = folder + "/" + (name as NSString).deletingPathExtension + ".pdf"
        let text = try runProcess(try #require(which("pdftotext"), "pdftotext (poppler-utils) is not installed"), [pdf, "-"])
        try #require(text.status == 0, "pdftotext failed: \(text.stderr)")
        return text.stdout
    }

    @Test("Mazur's step compiles with its PDF frames, and the PDF holds the derivation's words and numbers")
    func mazur() throws {
        try withTemporaryFolder("explain-tex") { folder in
            let result = try netframes(["explain", examplePath("two-two-two.yaml"), "--format", "tex", "--digits", "9",
                                        "--out", folder.file("mazur.tex")], in: folder)
            try #require(result.status == 0, "exit \(result.status): \(result.stderr)")
            let frames = try fileNames(in: folder.file("mazur-frames")).filter { $0.hasSuffix(".pdf") }
            #expect(frames.count == 6, "\(frames)")
            let tex = String(decoding: try readBytes(folder.file("mazur.tex")), as: UTF8.self)
            #expect(tex.contains("\\includegraphics[width=0.8\\linewidth]{mazur-frames/forward-layer1.pdf}"))
            let text = try compile(folder.file("mazur.tex"), in: folder.path)
            for words in ["Forward pass", "Backward pass", "Update", "Result", "All the numbers"] {
                #expect(text.contains(words), "the PDF has no \"\(words)\"")
            }
            for figure in ["0.593269992", "0.298371109", "0.082167041", "0.358916480", "0.149780716"] {
                #expect(text.contains(figure), "the PDF has no \(figure)")
            }
            #expect(try pdfPageCount(folder.file("mazur.pdf")) >= 5)
        }
    }

    @Test("every optimizer and pairing of activation and loss compiles",
          arguments: ExplainCombination.all)
    func combination(_ combination: ExplainCombination) throws {
        try withTemporaryFolder("explain-tex-\(combination.name)") { folder in
            let run = try folder.write("\(combination.name).yaml", combination.yaml)
            let result = try netframes(["explain", run, "--step", "2", "--format", "tex", "--frames", "none",
                                        "--out", folder.file("\(combination.name).tex")], in: folder)
            try #require(result.status == 0, "exit \(result.status): \(result.stderr)")
            let text = try compile(folder.file("\(combination.name).tex"), in: folder.path)
            #expect(text.contains("Backward pass") && text.contains("Update"))
            #expect(!text.contains("?"), "a character pdflatex cannot set was replaced: \(text.prefix(2000))")
        }
    }
}
