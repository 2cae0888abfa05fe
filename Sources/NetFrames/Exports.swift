// `import NetFrames` is all a program needs: these modules' public types come with it.
// See NetFrames.docc/NetFrames.md for an overview of the API and where to start.

// Networks, activations, losses, the SGD trainer and its snapshots.
@_exported import NetFramesEngine
// Runs and their settings (style, animation, formats, limits) as plain values.
@_exported import NetFramesRun
// Runs read from YAML/JSON run files, or built in code, checked either way.
@_exported import NetFramesRunFile
// Frames as display lists, and the still formats (png, svg, pdf).
@_exported import NetFramesScene
// How frames look: styles, themes, labels, panels.
@_exported import NetFramesDiagram
// Animations: timing, chapters, easing.
@_exported import NetFramesTimeline
// Scenes to PNG, SVG and PDF bytes or pixels.
@_exported import NetFramesGraphics
// Video formats and quality presets (ffmpeg).
@_exported import NetFramesVideo
// Whole runs to frame files, frame sinks or videos.
@_exported import NetFramesRender
// JSON Lines traces of a run's snapshots.
@_exported import NetFramesTrace
// The errors output folders and files report.
@_exported import NetFramesFiles
// Worked examples of one training step, as Markdown, LaTeX or HTML.
@_exported import NetFramesExplain
