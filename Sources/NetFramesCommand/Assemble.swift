import ArgumentParser
import Foundation
import NetFramesFiles
import NetFramesBatch
import NetFramesRender
import NetFramesScene
import NetFramesRun

/// `netframes assemble`: joins what shards rendered.
struct Assemble: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join what the shards of a render or batch wrote into one manifest, video and summary.",
        discussion: """
            Run it once every shard has finished, on the folder they shared. It checks that \
            every frame (or run) is there and intact, and otherwise names exactly which are \
            missing and which shard to run again, writing nothing.

            Examples:
              netframes render examples/xor.yaml --shard 1/2 -o Output/xor
              netframes render examples/xor.yaml --shard 2/2 -o Output/xor
              netframes assemble Output/xor
            """
    )

    @Argument(help: "The folder the shards wrote into.")
    var folder: String

    @Flag(help: "Skip re-reading every frame file to check its digest.")
    var noVerify = false

    func run() throws {
        try reporting {
            try Assembly(folder: folder, verify: !noVerify).perform()
        }
    }
}

/// The work of `assemble` on one folder.
struct Assembly {
    let folder: String
    let verify: Bool

    func perform() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(folder) is not a folder; give the folder the shards wrote into")
        }
        if BatchAssembly.isBatch(folder) {
            _ = try BatchAssembly.assemble(folder, verify: verify, log: note)
            return
        }
        var done = false
        if ManifestAssembly.hasParts(folder) {
            let manifest = try ManifestAssembly.join(folder, verify: verify)
            note("joined \(manifest.entries.count) frames of \(manifest.runName) into \(folder)/manifest.json")
            done = true
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where name.hasSuffix(".frames")
            && FileManager.default.fileExists(atPath: "\(folder)/\(name)/\(VideoPlan.fileName)") {
            try encodeVideo(frames: "\(folder)/\(name)")
            done = true
        }
        if !done {
            if FileManager.default.fileExists(atPath: folder + "/manifest.json") {
                note("\(folder)/manifest.json is already whole; nothing to assemble")
            } else {
                throw ValidationError("\(folder) holds no shard parts (manifest.part-K-of-N.json or a video's "
                    + "<name>.frames folder) to assemble")
            }
        }
    }

    /// Joins a video's frame parts and encodes them.
    private func encodeVideo(frames: String) throws {
        let plan = try VideoPlan(contentsOf: "\(frames)/\(VideoPlan.fileName)")
        let manifest = ManifestAssembly.hasParts(frames)
            ? try ManifestAssembly.join(frames, verify: verify)
            : try FrameManifest(contentsOf: "\(frames)/manifest.json")
        guard manifest.isWhole, manifest.entries.count == manifest.totalFrames else {
            throw NetFramesError(.badInput, path: "\(frames)/manifest.json", message: "lists \(manifest.entries.count) of the "
                + "video's \(manifest.totalFrames) frames; render the missing shards again")
        }
        let path = try plan.encode(framesFolder: frames, manifest: manifest)
        note(String(format: "encoded %d frames into %@ (%.1f s at %g fps); the frames stay in %@/",
                    manifest.entries.count, path, Double(manifest.entries.count) / plan.fps, plan.fps, frames))
    }
}
