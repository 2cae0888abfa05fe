import Foundation
import NetFramesFiles

/// Finds the run files a batch is asked to render.
public enum RunDiscovery {
    /// The extensions of run files, compared without regard to case.
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// The run files among `paths`: files as given; folders searched recursively for .yaml, .yml and .json,
    /// sorted by path, skipping hidden folders and NetFrames output folders (those holding a `.netframes` marker),
    /// and JSON files NetFrames writes itself (manifest.json, summary.json, traces).
    ///
    /// Paths come back in the order given, each folder's files sorted by their path within
    /// it (folder by folder, names compared as Unicode text), each written as the folder
    /// was given followed by the relative path (`runs/xor/a.yaml`). A file reached twice is
    /// listed once, where it was first met. Hidden files are skipped like hidden folders;
    /// links to files are followed, links to folders are not (they could loop).
    ///
    /// - Throws: `NetFramesError` naming a path that does not exist or cannot be read, or a
    ///   folder holding no run files.
    public static func runFiles(in paths: [String]) throws -> [String] {
        guard !paths.isEmpty else {
            throw NetFramesError(.badInput, path: ".", message: "no run files or folders given; name at least one")
        }
        var found: [String] = []
        var seen = Set<String>()
        func add(_ path: String) {
            if seen.insert(URL(fileURLWithPath: path).resolvingSymlinksInPath().path).inserted { found.append(path) }
        }
        for path in paths {
            var isFolder: ObjCBool = false
            guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw NetFramesError(.badInput, path: path, message: "no such file or folder")
            }
            guard isFolder.boolValue else {
                add(path)
                continue
            }
            if isOutputFolder(path) {
                throw NetFramesError(.badInput, path: path, message: "is a folder of NetFrames output (it holds \(OutputFolder.markerName)), "
                    + "not of run files; name the run files or the folder that holds them")
            }
            let inside = try search(path)
            guard !inside.isEmpty else {
                throw NetFramesError(.badInput, path: path, message: "holds no run files (.yaml, .yml or .json); hidden folders, "
                    + "NetFrames output folders and files NetFrames wrote are skipped")
            }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            for relative in inside { add(prefix + relative) }
        }
        return found
    }

    /// The run files under `folder`, as paths relative to it, in order.
    private static func search(_ folder: String) throws -> [String] {
        var result: [[String]] = []
        try collect(folder, relative: [], into: &result)
        return result.sorted { $0.lexicographicallyPrecedes($1) }.map { $0.joined(separator: "/") }
    }

    private static func collect(_ folder: String, relative: [String], into result: inout [[String]]) throws {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: folder)
        } catch {
            throw NetFramesError(.badInput, path: folder, message: "cannot list the folder (permission denied?)")
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let type = (try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType) ?? nil
            if type == .typeDirectory {
                if !isOutputFolder(path) { try collect(path, relative: relative + [name], into: &result) }
                continue
            }
            guard extensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
            var isFolder: ObjCBool = false
            // A regular file, or a link to one (a link to a folder is not followed).
            guard type == .typeRegular || (type == .typeSymbolicLink
                && manager.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue) else { continue }
            if (name as NSString).pathExtension.lowercased() == "json" && isNetFramesOutput(path) { continue }
            result.append(relative + [name])
        }
    }

    /// Whether `folder` is one NetFrames made for its output.
    private static func isOutputFolder(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: folder + "/" + OutputFolder.markerName)
    }

    /// Whether the JSON file at `path` is one NetFrames wrote (a manifest, a trace, a batch
    /// summary or a run's outcome): those all begin `{"format": "netframes-…"`.
    static func isNetFramesOutput(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 256)) ?? Data()
        var rest = Substring(decoding: start, as: UTF8.self)
        func skip(_ token: String) -> Bool {
            rest = rest.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
            guard rest.hasPrefix(token) else { return false }
            rest = rest.dropFirst(token.count)
            return true
        }
        return skip("{") && skip("\"format\"") && skip(":") && skip("\"netframes-")
    }
}
