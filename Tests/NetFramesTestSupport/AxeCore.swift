import Foundation

/// axe-core, the accessibility rules engine, as the PyPI package `axe-selenium-python`
/// ships it (`pip install axe-selenium-python`).
///
/// That package drives axe-core through Selenium and a WebDriver. The HTML player's
/// tests need neither: they inline the package's own copy of `axe.min.js` into a copy of
/// the page, which headless Chromium opens with `--dump-dom` as every other player
/// test does. So the one browser the tests already use runs the checks, offline, with
/// an axe-core that pip installs and pins, and no Node.js, driver or second browser.
public enum AxeCore {
    /// The package's `axe.min.js`; `nil` when python3 or the package is missing.
    public static let path: String? = locate()

    /// The text of `axe.min.js`, checked to be safe to put inside a `<script>` element.
    public static func script() throws -> String {
        guard let path else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: missing]) }
        let script = try String(contentsOfFile: path, encoding: .utf8)
        guard script.range(of: "</script", options: .caseInsensitive) == nil else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [
                NSLocalizedDescriptionKey: "\(path) holds </script and cannot be inlined into a page"])
        }
        return script
    }

    /// What is missing when `path` is `nil`, and how to install it.
    public static let missing = "axe-core is missing: pip install axe-selenium-python (its bundled axe.min.js runs the checks)"

    /// Asks python3 where the package is, without importing it (its Selenium is not
    /// needed), and finds `axe.min.js` in it: `node_modules/axe-core/` in the versions
    /// published so far, searched for otherwise.
    private static func locate() -> String? {
        guard let python = which("python3") else { return nil }
        let ask = """
            import importlib.util, os
            spec = importlib.util.find_spec("axe_selenium_python")
            print(os.path.dirname(spec.origin) if spec and spec.origin else "")
            """
        guard let result = try? runProcess(python, ["-c", ask], timeout: 60), result.status == 0 else { return nil }
        let folder = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !folder.isEmpty else { return nil }
        let usual = folder + "/node_modules/axe-core/axe.min.js"
        if FileManager.default.fileExists(atPath: usual) { return usual }
        let found = FileManager.default.enumerator(atPath: folder)?
            .compactMap { $0 as? String }
            .filter { ($0 as NSString).lastPathComponent == "axe.min.js" }
            .sorted()
            .first
        return found.map { folder + "/" + $0 }
    }
}
