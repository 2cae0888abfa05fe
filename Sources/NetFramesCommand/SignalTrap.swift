import Dispatch
import Foundation
import NetFramesRender

/// Turns the first SIGINT or SIGTERM into a request to stop the render cleanly: frames
/// in progress are finished, the manifest records them, and the command exits with
/// 128 + the signal's number (130 or 143). A second signal stops at once.
final class SignalTrap {
    let cancellation = RenderCancellation()
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [cancellation] in
                guard cancellation.requested == nil else { return }
                cancellation.cancel(signal: number)
                signal(number, SIG_DFL)
                note("stopping after the frames in progress (send the signal again to stop at once)")
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
