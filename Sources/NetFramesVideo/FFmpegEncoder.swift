import Foundation

/// One running ffmpeg, fed raw frames through a pipe, writing one file atomically.
///
/// ffmpeg writes to a temporary name beside the output; `finish()` waits for it and
/// moves the file into place only if ffmpeg succeeded. If ffmpeg dies early, the next
/// `write` fails with its status and last message instead of hanging or killing us
/// with SIGPIPE. Dropping an unfinished encoder stops ffmpeg and removes its file.
public final class FFmpegEncoder {
    /// The encode's settings.
    public let command: FFmpegCommand
    /// The file the video is moved to when `finish()` succeeds.
    public let output: String
    private let temporary: String
    private let process = Process()
    private let input: FileHandle
    private let errors = ErrorCollector()
    private var finished = false
    /// Frames written so far.
    public private(set) var framesSent = 0

    /// Starts ffmpeg for `command`, writing `output`.
    ///
    /// - Parameter paletteOnly: run the GIF palette pass instead, writing a palette image.
    public init(command: FFmpegCommand, output: String,
                environment: [String: String] = ProcessInfo.processInfo.environment, paletteOnly: Bool = false) throws {
        self.command = command
        self.output = output
        let ffmpeg = try FFmpegEncoder.locate(environment: environment)
        let url = URL(fileURLWithPath: output)
        temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.deletingPathExtension().lastPathComponent).partial-\(getpid()).\(url.pathExtension)").path
        signal(SIGPIPE, SIG_IGN)  // a dead ffmpeg must give an error, not end NetFrames
        // Find out now, not after every frame is drawn, if nothing can be written there.
        let probe = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if probe < 0 { throw VideoError.cannotWrite(output: output, reason: String(cString: strerror(errno))) }
        close(probe)
        unlink(temporary)  // ffmpeg makes its own; one it never makes must not pass for a video

        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = paletteOnly ? command.paletteArguments(output: temporary) : command.arguments(output: temporary)
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        input = stdin.fileHandleForWriting
        do {
            try process.run()
        } catch {
            unlink(temporary)
            throw VideoError.cannotStart(path: ffmpeg, reason: "\(error.localizedDescription)")
        }
        errors.start(reading: stderr.fileHandleForReading)
    }

    deinit {
        if !finished { abandon() }
    }

    /// Sends one raw frame (`command.frameBytes` bytes in `command.inputPixelFormat`).
    public func write(_ frame: UnsafeRawBufferPointer) throws {
        precondition(frame.count == command.frameBytes, "frame of \(frame.count) bytes, expected \(command.frameBytes)")
        var offset = 0
        let fd = input.fileDescriptor
        while offset < frame.count {
            let n = Foundation.write(fd, frame.baseAddress! + offset, frame.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            offset += n
        }
        framesSent += 1
    }

    /// Closes the pipe, waits for ffmpeg and moves the file into place.
    ///
    /// - Parameter tracks: subtitles and chapters to add before the file goes into place,
    ///   by a second, copying ffmpeg pass; a failure there leaves nothing under the name.
    public func finish(tracks: VideoTracks? = nil) throws {
        guard !finished else { return }
        finished = true
        try? input.close()
        process.waitUntilExit()
        errors.wait()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            unlink(temporary)
            throw VideoError.encoderFailed(output: output, status: exitStatus, framesSent: framesSent,
                                           message: errors.lastLines)
        }
        if let tracks, !tracks.isEmpty, command.carriesTracks {
            // An encoder that exited well but wrote nothing has nothing to add tracks to.
            guard access(temporary, F_OK) == 0 else {
                throw VideoError.cannotSave(output: output, reason: String(cString: strerror(ENOENT)))
            }
            do {
                try addTracks(tracks)
            } catch {
                unlink(temporary)
                throw error
            }
        }
        if rename(temporary, output) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw VideoError.cannotSave(output: output, reason: reason)
        }
    }

    /// Rewrites the temporary video with `tracks` added, by a copying ffmpeg pass.
    private func addTracks(_ tracks: VideoTracks) throws {
        let url = URL(fileURLWithPath: temporary)
        let withTracks = url.deletingLastPathComponent().appendingPathComponent(
            ".tracks-" + url.lastPathComponent.drop { $0 == "." }).path
        let pass = Process()
        pass.executableURL = process.executableURL
        pass.arguments = command.trackArguments(video: temporary, tracks: tracks, output: withTracks)
        let stderr = Pipe()
        pass.standardInput = FileHandle.nullDevice
        pass.standardOutput = FileHandle.nullDevice
        pass.standardError = stderr
        let collector = ErrorCollector()
        do {
            try pass.run()
        } catch {
            throw VideoError.cannotStart(path: pass.executableURL?.path ?? "ffmpeg", reason: error.localizedDescription)
        }
        collector.start(reading: stderr.fileHandleForReading)
        pass.waitUntilExit()
        collector.wait()
        guard pass.terminationReason == .exit, pass.terminationStatus == 0, rename(withTracks, temporary) == 0 else {
            unlink(withTracks)
            throw VideoError.encoderFailed(output: output, status: pass.terminationStatus, framesSent: framesSent,
                                           message: "while adding the subtitles and chapters: " + collector.lastLines)
        }
    }

    /// Stops ffmpeg and removes its partial file.
    public func abandon() {
        finished = true
        try? input.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        errors.wait()
        unlink(temporary)
    }

    /// The error for a pipe that stopped taking frames: ffmpeg's own status and words.
    private func failure() -> VideoError {
        finished = true
        try? input.close()
        process.waitUntilExit()
        errors.wait()
        unlink(temporary)
        return .encoderFailed(output: output, status: exitStatus, framesSent: framesSent,
                              message: errors.lastLines.isEmpty ? "it closed its input early" : errors.lastLines)
    }

    /// ffmpeg's exit status, or minus the signal that killed it.
    private var exitStatus: Int32 {
        process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }

    /// The ffmpeg to run: NETFRAMES_FFMPEG if set, else the first on the PATH.
    public static func locate(environment: [String: String]) throws -> String {
        if let path = environment["NETFRAMES_FFMPEG"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw VideoError.ffmpegMissing(searched: "NETFRAMES_FFMPEG=\(path)")
            }
            return path
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/ffmpeg"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw VideoError.ffmpegMissing(searched: "PATH")
    }
}

/// Reads a child's standard error on a thread of its own, keeping the last lines.
private final class ErrorCollector: @unchecked Sendable {
    private var text = ""
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var started = false

    func start(reading handle: FileHandle) {
        started = true
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                lock.lock()
                text += String(decoding: data, as: UTF8.self)
                if text.count > 8000 { text = String(text.suffix(4000)) }
                lock.unlock()
            }
            done.signal()
        }
    }

    func wait() {
        guard started else { return }
        started = false
        done.wait()
    }

    var lastLines: String {
        lock.lock()
        defer { lock.unlock() }
        return text.split(separator: "\n").suffix(3).joined(separator: " / ")
    }
}
