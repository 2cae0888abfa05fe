// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "NetFrames",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "netframes", targets: ["NetFramesCommand"]),
        .executable(name: "netframes-bench", targets: ["NetFramesBench"]),
        .executable(name: "netframes-fuzz", targets: ["NetFramesFuzz"]),
        .library(name: "NetFramesEngine", targets: ["NetFramesEngine"]),
        .library(name: "NetFramesRunFile", targets: ["NetFramesRunFile"]),
        // NetFrames as a Swift library: `import NetFrames` gives runs, training, frames and videos.
        .library(name: "NetFrames", targets: ["NetFrames"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // The C libraries, declared the standard way so SwiftPM finds them through pkg-config.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),

        // Training: Swift, knows nothing of files or drawing. It ships the data of its
        // built-in sets that are not generated (the digits, gzip-compressed, read with libdeflate).
        .target(name: "NetFramesEngine", dependencies: ["CDeflate", "CExponential"], resources: [.copy("Datasets")]),
        // The engine's exponentials four at a time on CPUs with AVX2 and FMA, bit for bit
        // glibc's: C, because Swift cannot build one function for a CPU feature picked at run time.
        .target(name: "CExponential", linkerSettings: [.linkedLibrary("m")]),
        // The run (what is trained: setup, data, sampling) and its settings (style, animation,
        // formats, limits) as plain values, which every later stage takes without a parser.
        .target(name: "NetFramesRun", dependencies: ["NetFramesEngine"]),
        // Run files (YAML/JSON, through Yams) and data sources, read into a checked `Run`.
        .target(
            name: "NetFramesRunFile",
            dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesFiles", .product(name: "Yams", package: "Yams")]
        ),
        // Writing files safely: atomic replacement, folders NetFrames may write into.
        .target(name: "NetFramesFiles", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // JSON Lines traces of a run's snapshots.
        .target(name: "NetFramesTrace", dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesFiles"]),
        // What a frame shows, as a list of shapes and texts: no drawing library involved.
        .target(name: "NetFramesScene"),
        // Snapshots drawn as scenes: layout, themes, labels, captions.
        .target(name: "NetFramesDiagram", dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesScene"]),
        // Snapshots to animation frames: motion between moments, chapters, holds.
        .target(name: "NetFramesTimeline", dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesDiagram"]),
        // ffmpeg, fed raw frames through a pipe: MP4, WebM, GIF, MOV.
        .target(name: "NetFramesVideo", dependencies: ["NetFramesRun"]),
        // Runs rendered to frame files: batches drawn across threads, written atomically.
        .target(
            name: "NetFramesRender",
            dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesDiagram", "NetFramesGraphics",
                           "NetFramesScene", "NetFramesFiles", "NetFramesTimeline", "NetFramesVideo"]
        ),
        // The only module that talks to Cairo and libpng: scenes to PNG, SVG, PDF and raw
        // pixels (PNGs are written with libdeflate, read back with libpng).
        .target(name: "NetFramesGraphics", dependencies: ["NetFramesScene", "CCairo", "CPNG", "CDeflate"]),
        // Batches of runs: finding run files, and the summary of what each run gave
        // (CSV, JSON, an HTML index and a contact sheet of final frames).
        .target(
            name: "NetFramesBatch",
            dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesRunFile", "NetFramesFiles", "NetFramesScene", "NetFramesGraphics",
                           "NetFramesRender", "NetFramesDiagram", "NetFramesTimeline", "NetFramesVideo"]
        ),

        // Worked examples: one training step derived in prose and equations from the engine's
        // record (Markdown, LaTeX or HTML with MathML), with that step's frames from the pipeline.
        .target(
            name: "NetFramesExplain",
            dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesFiles", "NetFramesScene", "NetFramesRender"]
        ),

        // The library's one module: re-exports the modules above as one documented API.
        .target(
            name: "NetFrames",
            dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesRunFile", "NetFramesScene", "NetFramesDiagram",
                           "NetFramesTimeline", "NetFramesGraphics", "NetFramesVideo", "NetFramesRender",
                           "NetFramesTrace", "NetFramesFiles", "NetFramesExplain"]
        ),

        .executableTarget(
            name: "NetFramesCommand",
            dependencies: [
                "NetFramesEngine", "NetFramesRun", "NetFramesRunFile", "NetFramesTrace", "NetFramesFiles", "NetFramesGraphics",
                "NetFramesDiagram", "NetFramesScene", "NetFramesRender", "NetFramesTimeline", "NetFramesVideo",
                "NetFramesBatch", "NetFramesExplain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "NetFramesBench",
            dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesRunFile", "NetFramesRender",
                           "NetFramesDiagram", "NetFramesGraphics", "NetFramesTimeline",
                           "NetFramesVideo", "NetFramesBatch", "NetFramesFiles", "NetFramesScene"],
            path: "Tools/NetFramesBench"
        ),
        // Mutated run files by the thousand, each run in a watched child process.
        .executableTarget(
            name: "NetFramesFuzz",
            dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesRunFile", "NetFramesDiagram", "NetFramesGraphics",
                           "NetFramesScene", "NetFramesTimeline", "NetFramesRender",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Yams", package: "Yams")],
            path: "Tools/NetFramesFuzz"
        ),

        // The benchmark's yardstick: a plain C loop drawing a comparable frame with Cairo.
        .executableTarget(
            name: "cairo-baseline",
            path: "Tools/CairoBaseline",
            linkerSettings: [.linkedLibrary("cairo"), .linkedLibrary("png16"), .linkedLibrary("m")]
        ),

        // A program that uses only `import NetFrames`, as a library user would.
        .executableTarget(
            name: "netframes-example",
            dependencies: ["NetFrames"],
            path: "Examples/NetFramesExample"
        ),

        // What the test targets share: temporary folders, running programs (the built
        // `netframes` among them), fixture run files, pixel comparison, rsvg-convert,
        // pdfinfo and ffprobe. A regular target, so every test target can depend on it.
        .target(
            name: "NetFramesTestSupport",
            dependencies: ["NetFramesEngine", "NetFramesRun", "NetFramesRunFile", "NetFramesDiagram", "NetFramesScene",
                           "NetFramesGraphics"],
            path: "Tests/NetFramesTestSupport"
        ),

        .testTarget(name: "NetFramesEngineTests", dependencies: ["NetFramesEngine", "CExponential", "NetFramesTestSupport"]),
        .testTarget(name: "NetFramesGraphicsTests", dependencies: ["NetFramesGraphics", "NetFramesScene", "NetFramesRun", "NetFramesTestSupport"]),
        .testTarget(name: "NetFramesRenderTests", dependencies: ["NetFramesRender", "NetFramesDiagram", "NetFramesGraphics", "NetFramesScene", "NetFramesRunFile", "NetFramesEngine", "NetFramesTestSupport"]),
        .testTarget(name: "NetFramesAnimationTests", dependencies: ["NetFramesRender", "NetFramesTimeline", "NetFramesVideo", "NetFramesDiagram", "NetFramesGraphics", "NetFramesScene", "NetFramesRunFile", "NetFramesEngine", "NetFramesRun", "NetFramesBatch", .product(name: "Yams", package: "Yams"), "NetFramesTestSupport"]),
        .testTarget(
            name: "NetFramesBatchTests",
            dependencies: ["NetFramesBatch", "NetFramesRunFile", "NetFramesEngine", "NetFramesRun", "NetFramesFiles",
                           "NetFramesGraphics", "NetFramesScene", "NetFramesRender", "NetFramesTestSupport"]
        ),
        // Spoilt input and real faults: the fuzzing suite, limits, disk, fonts, divergence.
        .testTarget(
            name: "NetFramesHardeningTests",
            dependencies: ["NetFramesRender", "NetFramesRunFile", "NetFramesEngine", "NetFramesRun", "NetFramesDiagram",
                           "NetFramesGraphics", "NetFramesScene", "NetFramesTimeline", "NetFramesFiles", "NetFramesVideo", "NetFramesTestSupport"]
        ),
        .testTarget(
            name: "NetFramesRunFileTests",
            dependencies: ["NetFramesRunFile", "NetFramesTrace", "NetFramesEngine", "NetFramesTestSupport"]
        ),
        // Worked examples: Mazur's figures, every format read back (pdflatex, headless Chromium).
        .testTarget(
            name: "NetFramesExplainTests",
            dependencies: ["NetFramesExplain", "NetFramesRunFile", "NetFramesRun", "NetFramesEngine", "NetFramesFiles",
                           "NetFramesTestSupport"]
        ),
        // The public library API, the example program and every command's --help.
        .testTarget(name: "NetFramesLibraryTests", dependencies: ["NetFrames", "NetFramesTestSupport"]),
        // The golden list: the SHA-256 of every file a fixed set of commands writes.
        .testTarget(name: "NetFramesGoldenTests", dependencies: ["NetFramesTestSupport"], exclude: ["golden.sha256"]),
    ]
)
