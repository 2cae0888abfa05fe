import Foundation

/// The engine's yardstick: benchmarks/jax_yardstick.py, the engine benchmark's network
/// and data trained by a `jax.jit` + `lax.scan` loop that keeps every step's arrays,
/// run as a child process when python3 can import jax.
enum JaxYardstick {
    /// The script, found from this source file: it lives in the same checkout.
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("benchmarks/jax_yardstick.py").path

    /// Why the yardstick cannot run here, or `nil` when it can.
    static func unavailability() -> String? {
        guard FileManager.default.fileExists(atPath: script) else { return "\(script) not found" }
        guard (try? runChild("/usr/bin/env", ["python3", "-c", "import jax"], quietly: true)) != nil else {
            return "python3 cannot import jax (pip install jax)"
        }
        return nil
    }

    /// Iterations per second of the JAX loop over `iterations` steps, best of `runs`.
    static func iterationsPerSecond(iterations: Int, runs: Int) throws -> Double {
        let text = try runChild("/usr/bin/env", ["python3", script, String(iterations), String(runs)], quietly: true)
        for line in text.split(separator: "\n") where line.hasPrefix("jax.iterations_per_s ") {
            if let rate = Double(line.split(separator: " ")[1]) { return rate }
        }
        throw BenchError("\(script) printed '\(text)'")
    }
}
