/// How hard PNG frames are compressed, as `--png-compression` and `render.pngCompression`
/// name it. Every choice gives the same pixels; they trade time for size.
public enum PNGCompressionChoice: String, Sendable, Hashable, CaseIterable, Codable {
    /// Speed first (the default): about 300 KB for a 1280x720 diagram frame.
    case fast
    /// About 7% smaller than `fast`, for several times the encoding time.
    case small
    /// The smallest files (about 11% smaller than `fast`), for about 100 times its
    /// encoding time: for the few frames that go into a post or a slide deck.
    case best
}
