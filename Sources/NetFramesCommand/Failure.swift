import ArgumentParser
import Foundation
import NetFramesFiles

/// Runs a command's work; any error is printed as one clear line and becomes the exit
/// status it carries (`ExitStatusError`), or 1.
func reporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ExitStatusError {
        note("error: \(error.description)")
        throw ExitCode(error.exitStatus)
    } catch {
        note("error: \(error)")
        throw ExitCode.failure
    }
}

/// Prints a line of progress or summary to standard error.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
