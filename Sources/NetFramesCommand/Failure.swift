import ArgumentParser
import Foundation
import NetFramesEngine
import NetFramesBatch
import NetFramesFiles
import NetFramesRender
import NetFramesRunFile
import NetFramesVideo
import NetFramesRun

/// Prints one clear message for an error and returns the exit code it maps to.
func report(_ error: Error) -> ExitCode {
    let (message, code): (String, ExitCode)
    switch error {
    case let e as RunFileError: (message, code) = (e.description, ExitStatus.badInput)
    case let e as LimitError: (message, code) = (e.description, ExitStatus.badInput)
    case let e as TrainingError: (message, code) = (e.description, ExitStatus.diverged)
    case let e as FileError: (message, code) = (e.description, ExitStatus.cannotWrite)
    case let e as RenderInterrupted: (message, code) = (e.description, ExitCode(128 + e.signal))
    case let e as ManifestError: (message, code) = (e.description, ExitStatus.badInput)
    case let e as ManifestAssembly.Missing: (message, code) = (e.description, ExitStatus.incomplete)
    case let e as BatchAssembly.MissingRuns: (message, code) = (e.description, ExitStatus.incomplete)
    case let e as BatchError: (message, code) = (e.description, ExitStatus.badInput)
    case let e as ShardError: (message, code) = (e.description, ExitCode.validationFailure)
    case let e as VideoError where e.isOutputFailure: (message, code) = (e.description, ExitStatus.cannotWrite)
    default: (message, code) = ("\(error)", ExitCode.failure)
    }
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return code
}

/// Prints a line of progress or summary to standard error.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
