extension Color {
    /// The WCAG contrast ratio of this colour against `other`, from 1 (the same) to 21
    /// (black on white); both taken as opaque. Text wants at least 4.5.
    public func contrastRatio(with other: Color) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
