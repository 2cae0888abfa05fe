/// Makes cairo's SVG small enough to publish without changing what it shows.
///
/// cairo writes every number with six decimals, colours as `rgb(12.156863%,…)`, every
/// default style property, one `<symbol>` per glyph of each font size, and a group per
/// text run. This pass rewrites the document tag by tag:
///
/// - numbers in coordinates, path data and lengths are rounded to 0.01 px, opacities to
///   0.001; colours become `#rrggbb` (8 bits a channel, what a viewer shows anyway);
/// - path data loses the spaces and repeated command letters its grammar does not need,
///   and a moveto dangling at its end;
/// - properties equal to their defaults are dropped where nothing above the element
///   sets them otherwise (`fill-opacity:1`, `fill-rule:nonzero`, `stroke:none` when no
///   group ever sets a stroke, a miter limit on a round-joined line…);
/// - every id is renamed to a short one in order of appearance, ids nothing refers to are
///   dropped, and a glyph defined twice (same outline) is kept once and reused;
/// - a glyph `<symbol>` holding one outline becomes that `<path>`, referenced by `<use>`
///   as before; an unreferenced glyph (the `.notdef` box) is left out;
/// - consecutive text groups with the same style are merged into one;
/// - indentation goes; one element per line stays, so the file still reads and diffs.
///
/// The root `<svg>` tag and any text content are copied unchanged. The output is a
/// function of the input bytes alone: the same drawing always gives the same file.
enum SVGCompactor {
    static func compact(_ svg: [UInt8]) -> [UInt8] {
        var pass = Pass(svg)
        return pass.run()
    }

    /// One element as read: where its tag lies, its name and its attributes.
    struct Tag {
        var name: [UInt8]
        var attributes: [(name: [UInt8], value: [UInt8])]
        var selfClosing: Bool
    }

    /// An element still open, and what it passes on to its children.
    struct Open {
        var name: [UInt8]
        /// Inherited properties this element or an ancestor sets (see `Inherited`).
        var inherited: Inherited
        var inDefinitions: Bool
        /// For groups: their attributes as written, when another group with the same
        /// attributes right after may be merged into them.
        var mergeKey: [UInt8]?
    }

    /// Inherited properties whose default may be dropped only if no ancestor sets them.
    struct Inherited: OptionSet {
        let rawValue: Int
        static let fillOpacity = Inherited(rawValue: 1)
        static let strokeOpacity = Inherited(rawValue: 2)
        static let fillRule = Inherited(rawValue: 4)

        init(rawValue: Int) { self.rawValue = rawValue }

        init?(property: [UInt8]) {
            if equal(property, "fill-opacity") {
                self = .fillOpacity
            } else if equal(property, "stroke-opacity") {
                self = .strokeOpacity
            } else if equal(property, "fill-rule") {
                self = .fillRule
            } else {
                return nil
            }
        }
    }

    /// Whether an element's content is drawn only where something refers to it.
    static func isDefinitionContainer(_ name: [UInt8]) -> Bool {
        equal(name, "defs") || equal(name, "symbol") || equal(name, "clipPath") || equal(name, "mask")
            || equal(name, "pattern") || equal(name, "marker")
    }

    /// Whether an element draws one shape and has no children that could inherit.
    static func isShape(_ name: [UInt8]) -> Bool {
        equal(name, "path") || equal(name, "rect") || equal(name, "circle") || equal(name, "ellipse")
            || equal(name, "line") || equal(name, "polyline") || equal(name, "polygon")
    }
}

extension SVGCompactor {
    struct Pass {
        let input: [UInt8]
        var out: [UInt8] = []
        /// Ids something refers to (`href="#id"`, `url(#id)`), as written.
        var referenced: Set<[UInt8]> = []
        /// Whether any container (group, use, symbol) sets a stroke; if none does,
        /// `stroke:none` is the inherited value everywhere and need not be written.
        var containersSetStroke = false
        var newIDs: [[UInt8]: [UInt8]] = [:]
        var stack: [Open] = []
        /// A group closed but not yet written, in case the next group continues it.
        var pendingGroupClose: [UInt8]?
        /// A `<symbol>` being collected: its old id, its other attributes, where its
        /// content starts in `out`.
        var symbol: (id: [UInt8]?, attributes: [UInt8], start: Int)?
        /// Glyph outlines already defined, by content, with their new id.
        /// (Keyed by `String`, which hashes its bytes in bulk: an array of bytes hashes
        /// them one at a time, and outlines are long.)
        var definedSymbols: [String: [UInt8]] = [:]

        init(_ input: [UInt8]) {
            self.input = input
            out.reserveCapacity(input.count / 2)
        }

        mutating func run() -> [UInt8] {
            scanReferences()
            var i = 0
            while i < input.count {
                guard input[i] == UInt8(ascii: "<") else {
                    let end = input[i...].firstIndex(of: UInt8(ascii: "<")) ?? input.count
                    if input[i..<end].contains(where: { !isSpace($0) }) {
                        flushGroupClose()
                        out += input[i..<end]
                    }
                    i = end
                    continue
                }
                let end = tagEnd(from: i)
                let tag = input[i..<end]
                i = end
                if tag.starts(with: "<?".utf8) || tag.starts(with: "<!".utf8) {
                    out += tag
                    newline()
                } else if tag.starts(with: "</".utf8) {
                    close(name: Array(tag.dropFirst(2).dropLast().filter { !isSpace($0) }), tag: tag)
                } else if let parsed = parse(tag) {
                    open(parsed, original: tag)
                } else {
                    flushGroupClose()
                    out += tag
                    newline()
                }
            }
            flushGroupClose()
            return out
        }

        // MARK: Reading

        /// The index just past the `>` that ends the tag starting at `start`, skipping
        /// quoted attribute values.
        func tagEnd(from start: Int) -> Int {
            var i = start + 1
            var quote: UInt8?
            while i < input.count {
                let c = input[i]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == UInt8(ascii: ">") {
                    return i + 1
                }
                i += 1
            }
            return input.count
        }

        /// A start tag's name and attributes; `nil` if it is not well formed.
        func parse(_ tag: ArraySlice<UInt8>) -> Tag? {
            var i = tag.startIndex + 1
            let end = tag.endIndex - 1  // the ">"
            let selfClosing = end > i && tag[end - 1] == UInt8(ascii: "/")
            let limit = selfClosing ? end - 1 : end
            let nameStart = i
            while i < limit, !isSpace(tag[i]) { i += 1 }
            guard i > nameStart else { return nil }
            var parsed = Tag(name: Array(tag[nameStart..<i]), attributes: [], selfClosing: selfClosing)
            while true {
                while i < limit, isSpace(tag[i]) { i += 1 }
                if i >= limit { break }
                let attributeStart = i
                while i < limit, tag[i] != UInt8(ascii: "="), !isSpace(tag[i]) { i += 1 }
                let name = Array(tag[attributeStart..<i])
                guard i + 1 < limit, tag[i] == UInt8(ascii: "="),
                      tag[i + 1] == UInt8(ascii: "\"") || tag[i + 1] == UInt8(ascii: "'") else { return nil }
                let quote = tag[i + 1]
                let valueStart = i + 2
                guard let valueEnd = tag[valueStart..<limit].firstIndex(of: quote) else { return nil }
                parsed.attributes.append((name, Array(tag[valueStart..<valueEnd])))
                i = valueEnd + 1
            }
            return parsed
        }

        /// Collects every id referred to, and whether a container sets a stroke.
        mutating func scanReferences() {
            var i = 0
            while let hash = input[i...].firstIndex(of: UInt8(ascii: "#")) {
                let before = input[max(0, hash - 6)..<hash]
                if before.hasSuffix("href=\"") || before.hasSuffix("href='") || before.hasSuffix("url(") {
                    var end = hash + 1
                    while end < input.count, ![UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")")].contains(input[end]) {
                        end += 1
                    }
                    referenced.insert(Array(input[(hash + 1)..<end]))
                    i = end
                } else {
                    i = hash + 1
                }
            }
            i = 0
            while let start = input[i...].firstIndex(of: UInt8(ascii: "<")) {
                let end = tagEnd(from: start)
                let tag = input[start..<end]
                i = end
                if isContainerTag(tag), tag.index(of: "stroke") != nil { containersSetStroke = true }
            }
        }

        /// Whether a start tag opens an element whose children inherit its style.
        func isContainerTag(_ tag: ArraySlice<UInt8>) -> Bool {
            var end = tag.startIndex + 1
            while end < tag.endIndex, !isSpace(tag[end]), tag[end] != UInt8(ascii: ">"), tag[end] != UInt8(ascii: "/") {
                end += 1
            }
            let name = tag[(tag.startIndex + 1)..<end]
            return name.elementsEqual("g".utf8) || name.elementsEqual("use".utf8) || name.elementsEqual("symbol".utf8)
                || name.elementsEqual("svg".utf8) || name.elementsEqual("a".utf8)
        }

        // MARK: Writing

        mutating func newline() {
            out.append(UInt8(ascii: "\n"))
        }

        mutating func flushGroupClose() {
            if pendingGroupClose != nil {
                pendingGroupClose = nil
                out += Array("</g>".utf8)
                newline()
            }
        }

        mutating func close(name: [UInt8], tag: ArraySlice<UInt8>) {
            flushGroupClose()
            let closed = stack.popLast()
            if name.elementsEqual("symbol".utf8), let symbol {
                self.symbol = nil
                finishSymbol(symbol)
                return
            }
            if name.elementsEqual("g".utf8), let key = closed?.mergeKey {
                pendingGroupClose = key
                return
            }
            out += tag
            newline()
        }

        mutating func open(_ tag: Tag, original: ArraySlice<UInt8>) {
            let parent = stack.last
            let inDefinitions = (parent?.inDefinitions ?? false) || SVGCompactor.isDefinitionContainer(tag.name)
            if tag.name.elementsEqual("svg".utf8) && stack.isEmpty {
                out += original
                newline()
                if !tag.selfClosing {
                    stack.append(Open(name: tag.name, inherited: [], inDefinitions: false, mergeKey: nil))
                }
                return
            }
            var element = Element(tag: tag, inherited: parent?.inherited ?? [], inDefinitions: inDefinitions,
                                  containersSetStroke: containersSetStroke)
            var attributes = element.compactAttributes { id in self.mappedID(id) }
            let oldID = tag.attributes.first { $0.name.elementsEqual("id".utf8) }?.value
            let isGroup = tag.name.elementsEqual("g".utf8)
            let mergeKey = isGroup && element.mergeable && oldID == nil ? attributes : nil

            if let pending = pendingGroupClose {
                if let mergeKey, mergeKey == pending, !tag.selfClosing {
                    pendingGroupClose = nil
                    stack.append(Open(name: tag.name, inherited: element.inherited, inDefinitions: inDefinitions,
                                      mergeKey: mergeKey))
                    return
                }
                flushGroupClose()
            }

            if tag.name.elementsEqual("symbol".utf8), !tag.selfClosing, symbol == nil {
                symbol = (oldID, attributes, out.count)
                stack.append(Open(name: tag.name, inherited: element.inherited, inDefinitions: true, mergeKey: nil))
                return
            }

            if let oldID, referenced.contains(oldID) {
                attributes = Array(" id=\"".utf8) + mappedID(oldID) + [UInt8(ascii: "\"")] + attributes
            }
            out.append(UInt8(ascii: "<"))
            out += tag.name
            out += attributes
            out += Array((tag.selfClosing ? "/>" : ">").utf8)
            newline()
            if !tag.selfClosing {
                stack.append(Open(name: tag.name, inherited: element.inherited, inDefinitions: inDefinitions,
                                  mergeKey: mergeKey))
            }
        }

        /// Writes a collected `<symbol>`: dropped if nothing uses it, aliased if the same
        /// outline was defined before, as a bare `<path>` if it holds just one.
        mutating func finishSymbol(_ symbol: (id: [UInt8]?, attributes: [UInt8], start: Int)) {
            let content = Array(out[symbol.start...])
            out.removeSubrange(symbol.start...)
            guard let oldID = symbol.id else {
                out += Array("<symbol".utf8) + symbol.attributes + Array(">\n".utf8) + content + Array("</symbol>\n".utf8)
                return
            }
            guard referenced.contains(oldID) else { return }
            let key = String(decoding: symbol.attributes + [0] + content, as: UTF8.self)
            if newIDs[oldID] == nil, let existing = definedSymbols[key] {
                newIDs[oldID] = existing
                return
            }
            let id = mappedID(oldID)
            definedSymbols[key] = id
            let idAttribute = Array(" id=\"".utf8) + id + [UInt8(ascii: "\"")]
            let body = content.dropLast()  // the newline after the last child
            let singlePath = body.starts(with: "<path ".utf8) && body.hasSuffix("/>")
                && body.filter({ $0 == UInt8(ascii: "<") }).count == 1
            if singlePath && symbolAttributesAreIrrelevant(symbol.attributes) {
                out += Array("<path".utf8) + idAttribute + body.dropFirst(5)
                newline()
            } else if content.isEmpty {
                out += Array("<g".utf8) + idAttribute + Array("/>\n".utf8)
            } else {
                out += Array("<symbol".utf8) + symbol.attributes + idAttribute + Array(">\n".utf8) + content
                out += Array("</symbol>\n".utf8)
            }
        }

        /// A symbol's attributes other than its id matter once its content is a plain
        /// path only if they could clip or style it: cairo writes just `overflow="visible"`.
        func symbolAttributesAreIrrelevant(_ attributes: [UInt8]) -> Bool {
            attributes.isEmpty || attributes.elementsEqual(" overflow=\"visible\"".utf8)
        }

        /// The short id for an old one: "a" … "z", "A" … "Z", then two characters and so
        /// on, in order of first appearance.
        mutating func mappedID(_ old: [UInt8]) -> [UInt8] {
            if let id = newIDs[old] { return id }
            let first = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
            let rest = first + Array("0123456789".utf8)
            var n = newIDs.count
            var id: [UInt8] = [first[n % first.count]]
            n /= first.count
            while n > 0 {
                n -= 1
                id.append(rest[n % rest.count])
                n /= rest.count
            }
            newIDs[old] = id
            return id
        }
    }
}

/// One start tag's attributes being cut down, with what it inherits.
private struct Element {
    let tag: SVGCompactor.Tag
    var inherited: SVGCompactor.Inherited
    let inDefinitions: Bool
    let containersSetStroke: Bool
    /// Whether merging this group with an identical neighbour changes nothing: no
    /// opacity, mask, filter or clip that applies to the group as a whole.
    private(set) var mergeable = true

    init(tag: SVGCompactor.Tag, inherited: SVGCompactor.Inherited, inDefinitions: Bool, containersSetStroke: Bool) {
        self.tag = tag
        self.inherited = inherited
        self.inDefinitions = inDefinitions
        self.containersSetStroke = containersSetStroke
    }

    /// The attributes as they will be written (each with its leading space), all but
    /// the id, which the pass writes only if something refers to it.
    mutating func compactAttributes(mappedID: (([UInt8]) -> [UInt8])) -> [UInt8] {
        let parentInherited = inherited
        let isShape = SVGCompactor.isShape(tag.name)
        // The style's declarations, read once; the join decides whether a miter limit matters.
        let style = tag.attributes.first { equal($0.name, "style") }.map { declarations($0.value) } ?? []
        let join = style.last { equal($0.property, "stroke-linejoin") }?.value
            ?? tag.attributes.first { equal($0.name, "stroke-linejoin") }?.value
        let zeroDefaultsXY = equal(tag.name, "use") || equal(tag.name, "rect")
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for (name, value) in tag.attributes {
            if equal(name, "id") {
                continue
            } else if equal(name, "style") {
                let compacted = compactStyle(style, parentInherited: parentInherited, isShape: isShape, join: join,
                                             mappedID: mappedID)
                if !compacted.isEmpty { append(name, compacted, to: &out) }
            } else if equal(name, "d") {
                append(name, SVGValues.compactPath(value) ?? value, to: &out)
            } else if equal(name, "xlink:href") || equal(name, "href") {
                if value.first == UInt8(ascii: "#") {
                    append(name, [UInt8(ascii: "#")] + mappedID(Array(value.dropFirst())), to: &out)
                } else {
                    append(name, value, to: &out)
                }
            } else {
                if isGroupWide(name) { mergeable = false }
                if zeroDefaultsXY, equal(name, "x") || equal(name, "y"), equal(value, "0") { continue }
                if let kept = property(name, value, parentInherited: parentInherited, isShape: isShape, join: join) {
                    append(name, replacingReferences(kept, mappedID: mappedID), to: &out)
                }
            }
        }
        return out
    }

    private func append(_ name: [UInt8], _ value: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(ascii: " "))
        out += name
        out.append(UInt8(ascii: "="))
        out.append(UInt8(ascii: "\""))
        out += value
        out.append(UInt8(ascii: "\""))
    }

    /// Properties that apply to a group as a whole, so that two such groups are not one.
    private func isGroupWide(_ property: [UInt8]) -> Bool {
        equal(property, "opacity") || equal(property, "mask") || equal(property, "filter") || equal(property, "clip-path")
    }

    /// The style's declarations cut to what is visible; a `url(#id)` in one (a fill by a
    /// pattern, as a smooth raster has) points at the renamed id.
    private mutating func compactStyle(_ declarations: [(property: [UInt8], value: [UInt8])],
                                       parentInherited: SVGCompactor.Inherited, isShape: Bool,
                                       join: [UInt8]?, mappedID: (([UInt8]) -> [UInt8])) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96)
        for (property, value) in declarations {
            if isGroupWide(property) { mergeable = false }
            guard let kept = self.property(property, value, parentInherited: parentInherited, isShape: isShape,
                                           join: join) else { continue }
            if !out.isEmpty { out.append(UInt8(ascii: ";")) }
            out += property
            out.append(UInt8(ascii: ":"))
            out += replacingReferences(kept, mappedID: mappedID)
        }
        return out
    }

    /// A property's value cut to what is visible, or `nil` when it may be left out
    /// because it says what the element would have anyway.
    private mutating func property(_ property: [UInt8], _ value: [UInt8], parentInherited: SVGCompactor.Inherited,
                                   isShape: Bool, join: [UInt8]?) -> [UInt8]? {
        let shortened = SVGValues.shortened(value, kind: SVGValues.kind(of: property)) ?? value
        if let bit = SVGCompactor.Inherited(property: property) {
            let isDefault = bit == .fillRule ? equal(shortened, "nonzero") : equal(shortened, "1")
            if isDefault && !inDefinitions && !parentInherited.contains(bit) { return nil }
            inherited.insert(bit)
            return shortened
        }
        if equal(property, "opacity") && equal(shortened, "1") { return nil }
        if equal(property, "stroke") && equal(shortened, "none") && !containersSetStroke { return nil }
        if equal(property, "stroke-miterlimit"), isShape, let join, !equal(join, "miter") { return nil }
        return shortened
    }

    /// `url(#old)` inside a value, pointed at the new id.
    private func replacingReferences(_ value: [UInt8], mappedID: (([UInt8]) -> [UInt8])) -> [UInt8] {
        guard let start = value.index(of: "url(#") else { return value }
        let idStart = start + 5
        guard let close = value[idStart...].firstIndex(of: UInt8(ascii: ")")) else { return value }
        return Array(value[..<idStart]) + mappedID(Array(value[idStart..<close]))
            + replacingReferences(Array(value[close...]), mappedID: mappedID)
    }
}

/// Whether `bytes` spell exactly `text`.
func equal<Bytes: Collection>(_ bytes: Bytes, _ text: StaticString) -> Bool where Bytes.Element == UInt8 {
    text.withUTF8Buffer { bytes.elementsEqual($0) }
}

/// `property:value` pairs of a style attribute, trimmed.
private func declarations(_ style: [UInt8]) -> [(property: [UInt8], value: [UInt8])] {
    style.split(separator: UInt8(ascii: ";")).compactMap { declaration in
        guard let colon = declaration.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let property = trimmed(declaration[..<colon])
        let value = trimmed(declaration[(colon + 1)...])
        return property.isEmpty ? nil : (property, value)
    }
}

private func trimmed(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    Array(bytes.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
}

private func isSpace(_ c: UInt8) -> Bool {
    c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r")
}

/// Byte-string helpers that allocate nothing (Foundation's generic `firstRange(of:)` is
/// far slower on the short slices this pass searches thousands of times per frame).
extension Collection where Element == UInt8, Index == Int {
    /// Whether the collection ends with `suffix`.
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard count >= n else { return false }
        return suffix.withUTF8Buffer { s in
            var i = endIndex - n
            for c in s {
                if self[i] != c { return false }
                i += 1
            }
            return true
        }
    }

    /// The index where `needle` first starts, or `nil`.
    func index(of needle: StaticString) -> Int? {
        needle.withUTF8Buffer { n -> Int? in
            guard let first = n.first, count >= n.count else { return nil }
            var i = startIndex
            let last = endIndex - n.count
            while i <= last {
                if self[i] == first {
                    var k = 1
                    while k < n.count, self[i + k] == n[k] { k += 1 }
                    if k == n.count { return i }
                }
                i += 1
            }
            return nil
        }
    }
}
