import NetFramesDiagram
import NetFramesEngine

/// The in-between frames of one moment of a step: the state at its end, with the
/// motion that leads into it. The diagram draws the motion; the numbers stay settled.
enum Tween {
    /// The frame at eased progress `t` (0 → 1) of the motion that ends in `state`.
    static func frame(of state: DiagramState, at t: Double) -> DiagramState {
        var s = state
        guard t < 1 else {
            s.motion = nil
            return s
        }
        switch state.phase {
        case .forward: s.motion = .forwardPulse(layer: state.layer ?? 1, progress: t)
        case .loss: s.motion = .lossReveal(progress: t)
        case .backward: s.motion = .backwardPulse(layer: state.layer ?? state.shape.outputLayer, progress: t)
        case .update: s.motion = .morph(progress: t)
        }
        return s
    }
}
