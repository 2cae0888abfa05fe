import NetFramesScene
import NetFramesRun

extension DiagramLayout {
    /// The weight labels that found a place, and how many did not.
    ///
    /// They are placed last, greedily, around everything else: see `WeightLabelPlacer`.
    struct WeightLabels {
        /// The weight labels that found a place.
        let placed: [WeightLabelPlacement]
        /// Weight labels left out for want of room.
        let omitted: Int

        /// The labels `style` asks for, each `width` wide, placed inside `area` clear of
        /// `slots`' neurons of `radius`, of the neuron label `boxes` and of the images and
        /// heatmaps (`drawings`); none for the weights into `heatmapLayers`.
        init(style: DiagramStyle, width: Double, slots: [[Slot]], radius: Double, boxes: LabelBoxes,
             drawings: [Rect] = [], heatmapLayers: Set<Int> = [], area: Area, metrics: Metrics) {
            let placer = WeightLabelPlacer(obstacles: Self.obstacles(slots: slots, radius: radius, boxes: boxes) + drawings,
                                           bounds: area.box, size: (width, metrics.labelHeight),
                                           mode: style.labels.weights ? style.weightLabels : .none)
            (placed, omitted) = placer.place(slots: slots, highlighted: 0, skipping: heatmapLayers)
        }

        /// What a weight label must not touch: each drawn neuron (with a unit's margin)
        /// and every neuron label box.
        static func obstacles(slots: [[Slot]], radius r: Double, boxes: LabelBoxes) -> [Rect] {
            var obstacles: [Rect] = []
            for column in slots {
                for slot in column where slot.neuronIndex != nil {
                    let c = slot.center
                    obstacles.append(Rect(x: c.x - r - 1, y: c.y - r - 1, width: 2 * r + 2, height: 2 * r + 2))
                }
            }
            obstacles += boxes.ellipses.flatMap { $0.compactMap { $0 } }
            obstacles += boxes.activations.flatMap { $0.compactMap { $0 } }
            obstacles += boxes.biases.flatMap { $0.compactMap { $0 } }
            obstacles += boxes.inputs.compactMap { $0 }
            obstacles += boxes.targets.compactMap { $0 }
            return obstacles
        }
    }
}
