/// How hard PNG frames are compressed, as `--png-compression` and `render.pngCompression`
/// name it. Every choice gives the same pixels; they trade time for size.
public enum PNGCompressionChoice: String, Sendable, Hashable, CaseIterable, Codable {
    /// Speed first (the default): NetFrames' own encoder, about 290 KB for a 1280x720
    /// diagram frame.
    case fast
    /// libdeflate at level 9: about 4% smaller than `fast`, for several times the time.
    case small
    /// libdeflate at level 12: the smallest files (about 9% smaller than `fast`), for
    /// about 100 times its encoding time; for the frames that go into a post or a deck.
    case best
}
