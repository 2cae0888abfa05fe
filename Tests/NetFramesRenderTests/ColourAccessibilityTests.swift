import Foundation
import Testing
import NetFramesDiagram
import NetFramesScene
import NetFramesRun

/// Every theme's colours measured as viewers see them: WCAG 2.1 contrast of text and
/// connections against the background, and whether positive and negative weights stay
/// apart for viewers with each kind of dichromacy.
///
/// The colour science is written out here, independent of NetFrames' own code: sRGB
/// linearisation, WCAG relative luminance, straight-alpha compositing, CIELAB (D65)
/// and the Machado, Oliveira and Fernandes (2009) simulation of colour vision deficiency.
@Suite("Colour accessibility")
struct ColourAccessibilityTests {
    // MARK: Measures

    /// sRGB component (0...1) to linear light.
    static func linear(_ c: Double) -> Double {
        c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }

    /// Linear light (clamped to 0...1) to an sRGB component.
    static func encoded(_ c: Double) -> Double {
        let c = min(1, max(0, c))
        return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
    }

    /// WCAG 2.1 relative luminance.
    static func luminance(_ c: Color) -> Double {
        0.2126 * linear(c.red) + 0.7152 * linear(c.green) + 0.0722 * linear(c.blue)
    }

    /// WCAG 2.1 contrast ratio, 1...21.
    static func contrast(_ a: Color, _ b: Color) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// `top` (straight alpha) over an opaque `bottom`, as the renderers composite it.
    static func over(_ top: Color, _ bottom: Color) -> Color {
        let a = top.alpha
        return Color(red: top.red * a + bottom.red * (1 - a), green: top.green * a + bottom.green * (1 - a),
                     blue: top.blue * a + bottom.blue * (1 - a))
    }

    /// CIELAB (D65 white) of an opaque sRGB colour.
    static func lab(_ c: Color) -> (l: Double, a: Double, b: Double) {
        let (r, g, b) = (linear(c.red), linear(c.green), linear(c.blue))
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > pow(6.0 / 29, 3) ? cbrt(t) : t / (3 * pow(6.0 / 29, 2)) + 4.0 / 29 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    /// CIE 1976 colour difference: the Euclidean distance in CIELAB.
    static func deltaE(_ p: Color, _ q: Color) -> Double {
        let (a, b) = (lab(p), lab(q))
        return ((a.l - b.l) * (a.l - b.l) + (a.a - b.a) * (a.a - b.a) + (a.b - b.b) * (a.b - b.b)).squareRoot()
    }

    // MARK: Colour vision deficiency

    /// Dichromacies, simulated at severity 1.0 with the matrices of G. M. Machado,
    /// M. M. Oliveira and L. A. F. Fernandes, "A Physiologically-based Model for
    /// Simulation of Color Vision Deficiency", IEEE Transactions on Visualization and
    /// Computer Graphics 15(6), 2009, 1291–1298 (their table for severity 1.0), applied
    /// to linear RGB.
    enum Deficiency: String, CaseIterable, CustomStringConvertible {
        case protanopia, deuteranopia, tritanopia

        var matrix: [[Double]] {
            switch self {
            case .protanopia:
                return [[0.152286, 1.052583, -0.204868],
                        [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]
            case .deuteranopia:
                return [[0.367322, 0.860646, -0.227968],
                        [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]
            case .tritanopia:
                return [[1.255528, -0.076749, -0.178779],
                        [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]
            }
        }

        /// `c` as a viewer with this deficiency sees it.
        func simulate(_ c: Color) -> Color {
            let rgb = [linear(c.red), linear(c.green), linear(c.blue)]
            let out = matrix.map { row in zip(row, rgb).map { $0 * $1 }.reduce(0, +) }
            return Color(red: encoded(out[0]), green: encoded(out[1]), blue: encoded(out[2]))
        }

        var description: String { rawValue }
    }

    // MARK: What each theme must meet

    /// One pair of colours and the contrast it needs.
    struct Requirement: CustomStringConvertible {
        var name: String
        var foreground: Color
        var background: Color
        var minimum: Double
        var ratio: Double { ColourAccessibilityTests.contrast(foreground, background) }
        var description: String { String(format: "%@ %.2f:1 (needs %.1f)", name, ratio, minimum) }
    }

    /// The background the colours are seen on: the theme's own, or white for transparent
    /// (its frames are made to be placed on slides, which are mostly white).
    static func background(of theme: Theme) -> Color { theme.background ?? .white }

    /// WCAG 2.1 AA: 4.5:1 for text (no text of a frame is large enough for the 3:1 of
    /// large text), 3:1 for the graphics a frame is read by (the connections). The phase
    /// colours are drawn as text: the header's status, the layer title being computed and
    /// "Targets" at the cost. Label text sits on the label backdrop (composited over the
    /// background), and on the backdrop tinted by a gradient's sign (22% of the hue, 95%
    /// opaque) in backprop frames; "?" and the ellipsis are muted text on a backdrop.
    static func requirements(_ name: ThemeName) -> [Requirement] {
        let t = Theme.named(name)
        let bg = background(of: t)
        let backdrop = over(t.labelBackdrop, bg)
        func tinted(_ hue: Color) -> Color { over(t.labelBackdrop.mixed(with: hue, 0.22).withAlpha(0.95), bg) }
        return [
            Requirement(name: "text", foreground: t.text, background: bg, minimum: 4.5),
            Requirement(name: "mutedText", foreground: t.mutedText, background: bg, minimum: 4.5),
            Requirement(name: "text on labelBackdrop", foreground: t.text, background: backdrop, minimum: 4.5),
            Requirement(name: "mutedText on labelBackdrop", foreground: t.mutedText, background: backdrop, minimum: 4.5),
            Requirement(name: "text on a positive tint", foreground: t.text, background: tinted(t.positive), minimum: 4.5),
            Requirement(name: "text on a negative tint", foreground: t.text, background: tinted(t.negative), minimum: 4.5),
            Requirement(name: "forward as text", foreground: t.forward, background: bg, minimum: 4.5),
            Requirement(name: "backward as text", foreground: t.backward, background: bg, minimum: 4.5),
            Requirement(name: "update as text", foreground: t.update, background: bg, minimum: 4.5),
            Requirement(name: "positive", foreground: t.positive, background: bg, minimum: 3),
            Requirement(name: "negative", foreground: t.negative, background: bg, minimum: 3),
            Requirement(name: "lineColor(+1)", foreground: t.lineColor(1), background: bg, minimum: 3),
            Requirement(name: "lineColor(−1)", foreground: t.lineColor(-1), background: bg, minimum: 3),
        ]
    }

    @Test("text, phase colours and connections meet WCAG 2.1 AA contrast", arguments: ThemeName.allCases)
    func contrast(theme: ThemeName) {
        for requirement in Self.requirements(theme) {
            #expect(requirement.ratio >= requirement.minimum, "\(theme): \(requirement)")
        }
    }

    @Test("the projector palette has the contrast a lecture hall needs, with room to spare")
    func projectorContrast() throws {
        let byName = Dictionary(uniqueKeysWithValues: Self.requirements(.projector).map { ($0.name, $0.ratio) })
        // Near-black on pure white, and no text colour below 5.5:1 (AA is 4.5).
        #expect(Theme.named(.projector).background == Color.white)
        #expect(try #require(byName["text"]) >= 19)
        for name in ["mutedText", "forward as text", "backward as text", "update as text"] {
            #expect(try #require(byName[name]) >= 5.5, "\(name)")
        }
        // Connections: 4:1 and more, above the 3:1 graphics need.
        for name in ["positive", "negative", "lineColor(+1)", "lineColor(−1)"] {
            #expect(try #require(byName[name]) >= 4, "\(name)")
        }
    }

    /// ΔE76 of 20 is far beyond a just-noticeable difference (about 2.3) and about the
    /// distance between clearly different named colours, so two lines of the pair are
    /// told apart at a glance, thin and antialiased as they are.
    static let distinguishable = 20.0

    @Test("positive and negative weights stay apart under protanopia, deuteranopia and tritanopia",
          arguments: ThemeName.allCases)
    func colourBlindSeparation(theme name: ThemeName) {
        let t = Theme.named(name)
        let pairs = [("positive/negative", t.positive, t.negative),
                     ("lineColor(+1)/lineColor(−1)", t.lineColor(1), t.lineColor(-1))]
        for (label, p, n) in pairs {
            print(String(format: "ΔE76, %@, %@: normal %.1f", "\(name)", label, Self.deltaE(p, n)))
            for deficiency in Deficiency.allCases {
                let d = Self.deltaE(deficiency.simulate(p), deficiency.simulate(n))
                print(String(format: "ΔE76, %@, %@, %@: %.1f", "\(name)", label, "\(deficiency)", d))
                #expect(d >= Self.distinguishable, "\(name) \(label) under \(deficiency): ΔE76 \(d)")
            }
        }
    }

    @Test("the simulation does what the paper's matrices do: red and green merge for deuteranopes, blue and yellow do not")
    func simulationSanity() {
        let white = Color.white
        for deficiency in Deficiency.allCases {
            // Each row sums to 1 in the paper: white (and every grey) is seen unchanged.
            let w = deficiency.simulate(white)
            #expect(abs(w.red - 1) < 1e-4 && abs(w.green - 1) < 1e-4 && abs(w.blue - 1) < 1e-4, "\(deficiency): \(w)")
        }
        let red = Color(hex: 0xFF0000), green = Color(hex: 0x00FF00)
        // A green as luminous as pure red: the pair differs in hue alone.
        let equalGreen = Color(hex: 0x009400)
        let blue = Color(hex: 0x0000FF), yellow = Color(hex: 0xFFFF00)
        let normal = Self.deltaE(red, green), seen = Self.deltaE(Deficiency.deuteranopia.simulate(red),
                                                                  Deficiency.deuteranopia.simulate(green))
        // 170.6 apart for normal vision, 27.8 for a deuteranope: what is left is lightness.
        #expect(normal > 150)
        #expect(seen < 0.2 * normal, "red/green under deuteranopia: \(seen) of \(normal)")
        for deficiency in [Deficiency.protanopia, .deuteranopia] {
            let d = Self.deltaE(deficiency.simulate(red), deficiency.simulate(equalGreen))
            #expect(d < 0.15 * Self.deltaE(red, equalGreen), "red against an equally bright green, \(deficiency): \(d)")
            #expect(d < Self.distinguishable, "red against an equally bright green, \(deficiency): \(d)")
        }
        // Blue against yellow is the contrast red-green dichromats keep.
        let by = Self.deltaE(Deficiency.deuteranopia.simulate(blue), Deficiency.deuteranopia.simulate(yellow))
        #expect(by > 0.6 * Self.deltaE(blue, yellow), "blue/yellow under deuteranopia: \(by)")
        // And the pair a tritanope loses: blue against green is much closer than it was.
        let tritan = Self.deltaE(Deficiency.tritanopia.simulate(Color(hex: 0x0000FF)),
                                 Deficiency.tritanopia.simulate(Color(hex: 0x00FFFF)))
        #expect(tritan < 0.7 * Self.deltaE(Color(hex: 0x0000FF), Color(hex: 0x00FFFF)), "blue/cyan under tritanopia: \(tritan)")
    }

    @Test("the contrast formula gives WCAG's own reference values")
    func contrastReference() {
        // Black on white is 21:1; the same colour 1:1; #767676 on white is the familiar 4.54:1.
        #expect(abs(Self.contrast(.black, .white) - 21) < 1e-9)
        #expect(abs(Self.contrast(Color(hex: 0x5B6472), Color(hex: 0x5B6472)) - 1) < 1e-12)
        #expect(abs(Self.contrast(Color(hex: 0x767676), .white) - 4.54) < 0.01)
    }
}
