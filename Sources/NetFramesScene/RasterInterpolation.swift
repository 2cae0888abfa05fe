/// How a `.raster` item fills the space between its cells' centres.
public enum RasterInterpolation: Sendable, Hashable {
    /// Each cell a hard-edged block of its colour: pixel images stay crisp.
    case nearest
    /// Colours blend linearly between neighbouring cells' centres (in both directions),
    /// and the outermost half cell keeps its cell's colour: a smooth field sampled on a grid.
    case bilinear
}
