import Foundation

/// Guards a user's files: NetFrames writes into a folder only if it is new, empty,
/// or one NetFrames made (it holds NetFrames' marker file), unless forced.
public enum OutputFolder {
    /// The file NetFrames leaves in every folder it makes.
    public static let markerName = ".netframes"

    /// Makes sure `path` is a folder NetFrames may write into, creating it if needed.
    ///
    /// - Parameter force: write even into a non-empty folder NetFrames did not make.
    /// - Throws: `NetFramesError` if the path is a file, cannot be created, or holds someone else's files.
    public static func prepare(_ path: String, force: Bool) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw NetFramesError(.cannotWrite, path: path, message: "is a file, not a folder; choose another --out")
            }
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            let ours = contents.contains(markerName)
            if !contents.isEmpty && !ours && !force {
                throw NetFramesError(.cannotWrite, path: path, message: "is not empty and was not made by NetFrames; "
                    + "choose another --out, or add --force to write into it anyway")
            }
        } else if let code = makeFolders(path) {
            throw NetFramesError(.cannotWrite, path: path, message: "cannot create the folder (\(String(cString: strerror(code))))")
        }
        let marker = path + "/" + markerName
        if !manager.fileExists(atPath: marker) {
            let text = Array("This folder was made by NetFrames; it may overwrite the files in it.\n".utf8)
            do {
                try AtomicFileWriter.write(text, to: marker)
            } catch let error as NetFramesError {
                throw NetFramesError(.cannotWrite, path: path, message: "cannot write into the folder (\(error.message))")
            }
        }
    }

    /// Makes `path` and any missing folders above it; the `errno` of the first failure.
    /// (Foundation's error for a read-only disk reads "The volume is read only.", with no
    /// system reason to repeat.)
    private static func makeFolders(_ path: String) -> Int32? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { return errno }
        }
        var status = stat()
        guard stat(path, &status) == 0 else { return errno }
        return (status.st_mode & S_IFMT) == S_IFDIR ? nil : ENOTDIR
    }
}
