import CCairo
import NetFramesScene

/// How `.raster` items become drawing operations.
enum RasterStyle {
    /// One small image scaled up with nearest-neighbour sampling: fastest for pixels.
    case pixels
    /// Filled rectangles, one per run of equal colour in a row: stays vector in SVG/PDF.
    /// (A `.bilinear` raster is an image in every style: it has no runs to keep.)
    case rectangles
}

/// Draws a scene's items onto a cairo context, in order, in scene units.
///
/// Keeps the stroke and font state it last set so consecutive items that share a font or
/// a dash pattern do not repeat the cairo calls. One drawing per context; not shared.
struct SceneDrawing {
    private let cr: OpaquePointer
    private let rasterStyle: RasterStyle
    private var font = FontState()
    private var dash: [Double] = []

    /// Prepares `context` for drawing a scene at `scale` (scene units to device units).
    init(context: CairoContext, scale: Double, rasterStyle: RasterStyle) {
        cr = context.pointer
        self.rasterStyle = rasterStyle
        cairo_scale(cr, scale, scale)
        TextSetup.applyOptions(to: cr)
    }

    /// Draws the background and every item. With `clearFirst`, whatever the surface held
    /// before is erased (for a reused pixel buffer); a fresh surface is already clear.
    mutating func draw(_ scene: Scene, clearFirst: Bool) {
        let background = scene.background.flatMap { $0.alpha > 0 ? $0 : nil }
        if clearFirst {
            // A reused buffer: replace every pixel, in one pass when the ground is opaque.
            if let background, background.alpha >= 1 {
                cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE)
                setSource(background)
                cairo_paint(cr)
                cairo_set_operator(cr, CAIRO_OPERATOR_OVER)
            } else {
                cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR)
                cairo_paint(cr)
                cairo_set_operator(cr, CAIRO_OPERATOR_OVER)
                if let background {
                    setSource(background)
                    cairo_paint(cr)
                }
            }
        } else if let background {
            // A fresh surface is transparent, so plain OVER gives exactly the background
            // (and keeps vector surfaces to operators SVG and PDF have).
            setSource(background)
            cairo_paint(cr)
        }
        for item in scene.items {
            draw(item)
        }
    }

    private mutating func draw(_ item: SceneItem) {
        switch item {
        case let .line(from, to, stroke):
            cairo_move_to(cr, from.x, from.y)
            cairo_line_to(cr, to.x, to.y)
            self.stroke(stroke, join: CAIRO_LINE_JOIN_ROUND)

        case let .polyline(points, stroke):
            guard let first = points.first else { return }
            cairo_move_to(cr, first.x, first.y)
            for point in points.dropFirst() {
                cairo_line_to(cr, point.x, point.y)
            }
            self.stroke(stroke, join: CAIRO_LINE_JOIN_ROUND)

        case let .polygon(points, fill):
            guard points.count >= 3 else { return }
            cairo_move_to(cr, points[0].x, points[0].y)
            for point in points.dropFirst() {
                cairo_line_to(cr, point.x, point.y)
            }
            cairo_close_path(cr)
            setSource(fill)
            cairo_fill(cr)

        case let .circle(center, radius, fill, stroke):
            guard radius > 0 else { return }
            cairo_new_path(cr)
            cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
            cairo_close_path(cr)
            fillThenStroke(fill, stroke)

        case let .rect(rect, cornerRadius, fill, stroke):
            addRectPath(rect, cornerRadius: cornerRadius)
            fillThenStroke(fill, stroke)

        case let .text(text):
            draw(text)

        case let .raster(rect, columns, rows, colors, interpolation):
            guard columns > 0, rows > 0, rect.width > 0, rect.height > 0 else { return }
            switch (rasterStyle, interpolation) {
            case (.pixels, .nearest):
                drawRasterAsImage(rect, columns: columns, rows: rows, colors: colors, filter: CAIRO_FILTER_NEAREST)
            case (.rectangles, .nearest):
                drawRasterAsRectangles(rect, columns: columns, rows: rows, colors: colors)
            case (_, .bilinear):
                // An image in SVG (embedded PNG) and PDF (an image that asks to be
                // interpolated) too: a smooth field has no rectangles to keep.
                drawRasterAsImage(rect, columns: columns, rows: rows, colors: colors, filter: CAIRO_FILTER_BILINEAR)
            }
        }
    }

    // MARK: Paint

    private func setSource(_ color: Color) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
    }

    /// Strokes the current path (and clears it). Lines and outlines end in round caps.
    private mutating func stroke(_ stroke: Stroke, join: cairo_line_join_t) {
        guard stroke.width > 0, stroke.color.alpha > 0 else {
            cairo_new_path(cr)
            return
        }
        setSource(stroke.color)
        cairo_set_line_width(cr, stroke.width)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(cr, join)
        // cairo rejects (with a sticky error) dashes that are negative, not finite or all
        // zero; such a pattern draws solid instead.
        let wanted = stroke.dash.allSatisfy { $0.isFinite && $0 >= 0 } && stroke.dash.contains { $0 > 0 }
            ? stroke.dash : []
        if wanted != dash {
            wanted.withUnsafeBufferPointer { lengths in
                cairo_set_dash(cr, lengths.baseAddress, Int32(lengths.count), 0)
            }
            dash = wanted
        }
        cairo_stroke(cr)
    }

    /// Fills the current path, then strokes it, whichever of the two is given.
    private mutating func fillThenStroke(_ fill: Color?, _ outline: Stroke?) {
        if let fill, fill.alpha > 0 {
            setSource(fill)
            if outline != nil {
                cairo_fill_preserve(cr)
            } else {
                cairo_fill(cr)
            }
        }
        if let outline {
            // Outlines of shapes keep sharp corners; round joins are for polylines.
            stroke(outline, join: CAIRO_LINE_JOIN_MITER)
        } else {
            cairo_new_path(cr)
        }
    }

    private func addRectPath(_ rect: Rect, cornerRadius: Double) {
        cairo_new_path(cr)
        let radius = min(cornerRadius, rect.width / 2, rect.height / 2)
        guard radius > 0 else {
            cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
            return
        }
        let quarter = Double.pi / 2
        cairo_arc(cr, rect.maxX - radius, rect.minY + radius, radius, -quarter, 0)
        cairo_arc(cr, rect.maxX - radius, rect.maxY - radius, radius, 0, quarter)
        cairo_arc(cr, rect.minX + radius, rect.maxY - radius, radius, quarter, 2 * quarter)
        cairo_arc(cr, rect.minX + radius, rect.minY + radius, radius, 2 * quarter, 3 * quarter)
        cairo_close_path(cr)
    }

    // MARK: Text

    private mutating func draw(_ text: TextItem) {
        guard !text.string.isEmpty, text.color.alpha > 0, isUsable(text.font) else { return }
        font.select(text.font, on: cr)
        let ascent = font.ascent
        let descent = font.descent
        let fontState = font
        // Native Swift strings are NUL-terminated UTF-8 already: no copy for long labels,
        // a stack copy for short ones.
        text.string.withCString { utf8 in
            // The width matters only when the anchor is not the left edge.
            let width = text.horizontal == .left ? 0 : fontState.advance(of: utf8, on: cr)
            let origin = text.baselineOrigin(extent: TextExtent(width: width, ascent: ascent, descent: descent))
            cairo_move_to(cr, origin.x, origin.y)
            setSource(text.color)
            cairo_show_text(cr, utf8)
        }
        cairo_new_path(cr)
    }

    // MARK: Raster

    /// Paints the cells as a `columns`x`rows` image stretched over `rect`, sampled with
    /// `filter`: each cell a hard-edged block (nearest) or blended between cell centres
    /// (bilinear); either way the edges are padded rather than faded.
    /// A grid too big for an image surface is drawn as rectangles instead.
    private func drawRasterAsImage(_ rect: Rect, columns: Int, rows: Int, colors: [Color], filter: cairo_filter_t) {
        guard columns <= 32767, rows <= 32767,
              let image = try? CairoSurface.image(width: columns, height: rows),
              let data = cairo_image_surface_get_data(image.pointer) else {
            drawRasterAsRectangles(rect, columns: columns, rows: rows, colors: colors)
            return
        }
        let stride = Int(cairo_image_surface_get_stride(image.pointer))
        let count = min(colors.count, columns * rows)
        for index in 0..<count {
            let pixel = PremultipliedPixel(colors[index]).argb32
            let row = data.advanced(by: (index / columns) * stride)
            UnsafeMutableRawPointer(row).storeBytes(of: pixel, toByteOffset: (index % columns) * 4,
                                                    as: UInt32.self)
        }
        cairo_surface_mark_dirty(image.pointer)

        guard let pattern = cairo_pattern_create_for_surface(image.pointer) else { return }
        defer { cairo_pattern_destroy(pattern) }
        cairo_pattern_set_filter(pattern, filter)
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        // The pattern matrix maps scene units to cell coordinates.
        let sx = Double(columns) / rect.width
        let sy = Double(rows) / rect.height
        var matrix = cairo_matrix_t(xx: sx, yx: 0, xy: 0, yy: sy, x0: -rect.x * sx, y0: -rect.y * sy)
        cairo_pattern_set_matrix(pattern, &matrix)
        cairo_set_source(cr, pattern)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    /// Fills one rectangle per run of equal colour in each row. When every cell is
    /// opaque, each run reaches a little into its right and lower neighbours (which are
    /// painted later and cover the overlap), so antialiased shared edges leave no
    /// hairline seams in a viewer.
    private func drawRasterAsRectangles(_ rect: Rect, columns: Int, rows: Int, colors: [Color]) {
        let cellWidth = rect.width / Double(columns)
        let cellHeight = rect.height / Double(rows)
        let opaque = colors.allSatisfy { $0.alpha >= 1 }
        let overlapX = opaque ? min(cellWidth, 0.5) : 0
        let overlapY = opaque ? min(cellHeight, 0.5) : 0
        for row in 0..<rows {
            let y = rect.y + Double(row) * cellHeight
            let height = cellHeight + (row < rows - 1 ? overlapY : 0)
            var column = 0
            while column < columns {
                let index = row * columns + column
                guard index < colors.count else { return }
                let color = colors[index]
                var end = column + 1
                while end < columns, row * columns + end < colors.count, colors[row * columns + end] == color {
                    end += 1
                }
                if color.alpha > 0 {
                    let x = rect.x + Double(column) * cellWidth
                    let width = Double(end - column) * cellWidth + (end < columns ? overlapX : 0)
                    cairo_rectangle(cr, x, y, width, height)
                    setSource(color)
                    cairo_fill(cr)
                }
                column = end
            }
        }
    }
}
