import NetFramesScene

extension Frame {
    // MARK: Title cards

    /// A card between chapters: the run's name and the chapter's title, centred.
    mutating func drawTitleCard(_ title: String) {
        // Under projector, the smallest of the three (1.2 of the base) at the minimum text size.
        let f = max(style.resolvedFontSize, (layout.minimumTextSize ?? 0) / 1.2)
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
        return "\(shortLayerTitle(l)) (\(act))"
    }

    /// The title without its activation, for a column too narrow for the whole title
    /// at the minimum text size.
    func shortLayerTitle(_ l: Int) -> String {
        if l == 0 { return "Input" }
        if l == shape.outputLayer { return "Output" }
        return shape.layerCount > 3 ? "Hidden \(l)" : "Hidden"
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
            text(firstFitting: [title, shortLayerTitle(l)], at: Point(centre, band.center.y), font: layout.titleFont,
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
        text(firstFitting: [status, builder.shortStatus(of: state)], at: Point(band.maxX, band.center.y),
             font: layout.statusFont, color: phaseColor, width: statusRoom, horizontal: .right)
    }

    /// The caption's two lines, typeset as maths where they fit, as plain text where they
    /// do not. The first line is prose, so its fractions stay inline (∂L/∂w); the worked
    /// line stacks them where there is room: its own slot, the space the first line
    /// leaves free below its text, and half the margin under the band.
    mutating func drawCaption() {
        guard let band = layout.captionBox else { return }
        // Under projector the caption is larger than any typeset line fits: plain text, wrapped.
        if layout.minimumTextSize != nil {
            drawWrappedCaption(in: band)
            return
        }
        let lines = builder.captionLines(of: settled)
        let maths = builder.captionMaths(of: settled)
        let lineHeight = band.height / 2
        let textHeight = builder.measurer.measure("Ag", font: layout.captionFont).height
        var above = band.minY
        for (i, line) in lines.prefix(2).enumerated() {
            let color = i == 0 ? theme.text : theme.mutedText
            let slot = Rect(x: band.minX, y: band.minY + lineHeight * Double(i), width: band.width, height: lineHeight)
            let room = i == 0 ? nil : above...(band.maxY + (style.height - band.maxY) / 2)
            if let maths, i < maths.count, let set = typesetCaptionLine(maths[i], in: slot, color: color, stackRoom: room) {
                items += set.items
                above = max(set.bottom, slot.center.y + textHeight / 2)
                continue
            }
            text(line, at: Point(band.minX, band.minY + lineHeight * (Double(i) + 0.5)), font: layout.captionFont,
                 color: color, width: band.width, horizontal: .left)
            above = slot.center.y + textHeight / 2
        }
    }

    /// The caption as plain lines wrapped to the band (the projector's larger text), each
    /// line shown whole or not at all: a sum cut off before its result would mislead.
    mutating func drawWrappedCaption(in band: Rect) {
        let count = layout.captionLineCount
        let lineHeight = band.height / Double(count)
        // The first line (what happens) in the text colour, the working after it muted.
        var lines: [(text: String, first: Bool)] = []
        for (i, line) in builder.captionLines(of: settled).enumerated() {
            let parts = wrapped(line, font: layout.captionFont, width: band.width)
            if lines.count + parts.count <= count { lines += parts.map { (text: $0, first: i == 0) } }
        }
        for (i, line) in lines.prefix(count).enumerated() {
            text(line.text, at: Point(band.minX, band.minY + lineHeight * (Double(i) + 0.5)), font: layout.captionFont,
                 color: line.first ? theme.text : theme.mutedText, width: band.width, horizontal: .left)
        }
    }

    /// `string` broken at spaces into lines no wider than `width` in `font`; a word
    /// wider than `width` on its own stays a line of its own (and is left out when drawn).
    func wrapped(_ string: String, font: Font, width: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in string.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if line.isEmpty || builder.measurer.measure(candidate, font: font).width <= width {
                line = candidate
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        lines.append(line)
        return lines
    }
}
