import NetFramesScene

extension Frame {
    // MARK: Title cards

    /// A card between chapters: the run's name and the chapter's title, centred.
    mutating func drawTitleCard(_ title: String) {
        let f = style.resolvedFontSize
        let centre = Point(style.width / 2, style.height / 2)
        text(state.runName, at: Point(centre.x, centre.y - f * 2.2), font: Font(family: style.fontFamily, size: f * 1.6),
             color: theme.mutedText, width: style.width * 0.9)
        text(title, at: centre, font: Font(family: style.fontFamily, size: f * 2.6, bold: true), color: theme.text,
             width: style.width * 0.9)
        text("from iteration \(state.iteration)", at: Point(centre.x, centre.y + f * 2.4),
             font: Font(family: style.fontFamily, size: f * 1.2), color: theme.mutedText, width: style.width * 0.9)
    }

    // MARK: Bands

    func layerTitle(_ l: Int) -> String {
        if l == 0 { return "Input" }
        let act = state.setup.activation(layer: l).rawValue
        if l == shape.outputLayer { return "Output (\(act))" }
        return shape.layerCount > 3 ? "Hidden \(l) (\(act))" : "Hidden (\(act))"
    }

    mutating func drawTitles() {
        guard let band = layout.titleBox else { return }
        let xs = layout.layerX
        let gap = layout.titleFont.size
        // The targets title first: the output title must end before it.
        var rightLimit = band.maxX
        if let box = layout.targetBoxes.compactMap({ $0 }).first {
            let width = min(max(box.width, builder.measurer.measure("Targets", font: layout.titleFont).width), band.maxX - box.minX + box.width)
            let centre = min(box.center.x, band.maxX - width / 2)
            text("Targets", at: Point(centre, band.center.y), font: layout.titleFont,
                 color: state.phase == .loss ? theme.forward : theme.text, width: width)
            rightLimit = centre - width / 2 - gap
        }
        for l in 0..<shape.layerCount {
            let left = l == 0 ? band.minX : (xs[l - 1] + xs[l]) / 2 + gap / 2
            let right = l == shape.outputLayer ? rightLimit : (xs[l] + xs[l + 1]) / 2 - gap / 2
            // Centred on its column when it fits; otherwise slid sideways within its
            // room; shrunk only when the room itself is too small.
            let title = layerTitle(l)
            let width = builder.measurer.measure(title, font: layout.titleFont).width
            let room = max(1, right - left)
            let centre = width >= room ? (left + right) / 2 : min(max(xs[l], left + width / 2), right - width / 2)
            let highlighted = (state.phase == .forward || state.phase == .backward) && state.layer == l
            text(title, at: Point(centre, band.center.y), font: layout.titleFont,
                 color: highlighted ? phaseColor : theme.text, width: room)
        }
    }

    mutating func drawHeader() {
        guard let band = layout.headerBox else { return }
        let status = builder.status(of: state)
        let nameWidth = builder.measurer.measure(state.runName, font: layout.headerFont).width
        let available = band.width * 0.98
        let nameRoom = min(nameWidth, available * 0.4)
        text(state.runName, at: Point(band.minX, band.center.y), font: layout.headerFont, color: theme.text,
             width: nameRoom, horizontal: .left)
        let statusRoom = available - nameRoom - layout.statusFont.size
        text(status, at: Point(band.maxX, band.center.y), font: layout.statusFont, color: phaseColor,
             width: statusRoom, horizontal: .right)
    }

    mutating func drawCaption() {
        guard let band = layout.captionBox else { return }
        let lines = builder.captionLines(of: settled)
        let lineHeight = band.height / 2
        for (i, line) in lines.prefix(2).enumerated() {
            text(line, at: Point(band.minX, band.minY + lineHeight * (Double(i) + 0.5)), font: layout.captionFont,
                 color: i == 0 ? theme.text : theme.mutedText, width: band.width, horizontal: .left)
        }
    }
}
