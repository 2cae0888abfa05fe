import Foundation

/// A fresh empty folder under the system's temporary folder, for one test.
///
/// `withTemporaryFolder` removes it when its body returns or throws. A folder made with
/// `init` is removed by `remove()`, or at the latest when the last reference to it goes.
public final class TemporaryFolder: Sendable {
    public let path: String

    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// Makes `netframes-LABEL-UUID` under the temporary folder.
    public init(_ label: String = "tests") throws {
        path = NSTemporaryDirectory() + "netframes-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// The path of `name` (which may hold folders) inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Removes the folder and everything in it; nothing happens if it is already gone.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `data` to `name` in the folder, making the folders on the way, and
    /// returns the file's path.
    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let file = file(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String { try write(name, Data(bytes)) }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

    /// The names in the folder, or in `sub` below it, hidden ones included, sorted;
    /// none if there is no such folder.
    public func names(_ sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? path : file(sub))) ?? []).sorted()
    }
}

/// Runs `body` with a fresh temporary folder and removes the folder afterwards, whether
/// `body` returns or throws.
public func withTemporaryFolder<T>(_ label: String = "tests", _ body: (TemporaryFolder) throws -> T) throws -> T {
    let folder = try TemporaryFolder(label)
    defer { folder.remove() }
    return try body(folder)
}
