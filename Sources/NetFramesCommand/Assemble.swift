import ArgumentParser
import Foundation
import NetFramesRender

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
        do {
            try Assembly(folder: folder, verify: !noVerify).perform()
        } catch let error as ExitCode {
            throw error
        } catch {
            throw report(error)
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
        if ManifestAssembly.hasParts(folder) {
            let manifest = try ManifestAssembly.join(folder, verify: verify)
            note("joined \(manifest.entries.count) frames of \(manifest.runName) into \(folder)/manifest.json")
        } else if FileManager.default.fileExists(atPath: folder + "/manifest.json") {
            note("\(folder)/manifest.json is already whole; nothing to assemble")
        } else {
            throw ValidationError("\(folder) holds no shard parts (manifest.part-K-of-N.json) to assemble")
        }
    }
}
