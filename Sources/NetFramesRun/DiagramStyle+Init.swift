extension DiagramStyle {
    /// A style with the common settings given at once; what is left out keeps its default.
    ///
    /// ```swift
    /// let style = DiagramStyle(width: 960, height: 540, theme: .dark, digits: 2)
    /// ```
    ///
    /// - Parameters:
    ///   - width: canvas width in scene units (pixels at scale 1).
    ///   - height: canvas height in scene units.
    ///   - scale: pixel density of raster output (2 for HiDPI).
    ///   - theme: light, dark, transparent or projector.
    ///   - digits: decimals printed for every number; `nil` for the theme's default
    ///     (3; 2 for projector).
    ///   - weightLabels: how many weight labels to print.
    ///   - signStyle: `dashed` to dash negative weights' connections.
    ///   - panels: panels beside the network.
    ///   - lossScale: the loss panel's vertical axis, linear or log.
    public init(width: Double = 1280, height: Double = 720, scale: Double = 1, theme: ThemeName = .light,
                digits: Int? = nil, weightLabels: WeightLabelMode = .auto, signStyle: SignStyle = .solid,
                panels: PanelSettings = PanelSettings(), lossScale: LossScale = .linear) {
        self.init()
        self.width = width
        self.height = height
        self.scale = scale
        self.theme = theme
        if let digits { self.digits = digits }
        self.weightLabels = weightLabels
        self.signStyle = signStyle
        self.panels = panels
        self.lossScale = lossScale
    }
}
