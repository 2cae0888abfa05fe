/// Text made safe for the markup NetFrames writes: SVG titles, HTML pages.
public enum MarkupText {
    /// `text` made safe for XML or HTML character data and quoted attribute values:
    /// `& < > " '` become entities, and control characters other than tab and line breaks
    /// (which XML 1.0 does not allow) are dropped.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
