import Foundation
import Testing

/// Debian's headless Chromium, as CI installs it: for tests that open NetFrames' HTML
/// pages in a real browser.
public enum Chromium {
    /// The browser's path, or `nil` when none is installed.
    public static let path: String? = {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") { return "/usr/bin/chromium" }
        return ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(which).first
    }()

    /// Runs headless Chromium with its own profile folder (tests run in parallel) and
    /// the flags it needs as root in a container.
    public static func run(_ arguments: [String], profile: String) throws -> ProcessResult {
        let chromium = try #require(path)
        return try runProcess("/usr/bin/timeout", ["120", chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                                   "--no-first-run", "--hide-scrollbars", "--user-data-dir=\(profile)"]
                                                  + arguments)
    }
}
