import NetFramesRun

extension RunFileReader {
    /// Reads `animation:`, how a run becomes a video; every key may be left out.
    func readAnimation(_ node: RunFileNode?) throws -> (AnimationSettings, VideoQuality?) {
        var settings = AnimationSettings()
        guard let node else { return (settings, nil) }
        let f = try node.mapping(allowed: ["fps", "easing", "durations", "chapters", "finalHold", "titleCard", "quality", "batchDetail",
                                            "subtitles", "subtitleLanguage"])
        let seconds = "a number of seconds from 0 to 600"
        if let n = f["fps"] { settings.fps = try n.number(in: RenderLimits.fps, allowed: RenderLimits.fpsText) }
        if let n = f["easing"] { settings.easing = try n.choice(of: Easing.self) }
        if let n = f["durations"] {
            let d = try n.mapping(allowed: ["forward", "loss", "backward", "update", "hold", "accumulate"])
            if let v = d["forward"] { settings.durations.forward = try v.number(in: 0.01...600, allowed: seconds) }
            if let v = d["loss"] { settings.durations.loss = try v.number(in: 0.01...600, allowed: seconds) }
            if let v = d["backward"] { settings.durations.backward = try v.number(in: 0.01...600, allowed: seconds) }
            if let v = d["update"] { settings.durations.update = try v.number(in: 0.01...600, allowed: seconds) }
            if let v = d["hold"] { settings.durations.hold = try v.number(in: 0...600, allowed: seconds) }
            if let v = d["accumulate"] { settings.durations.accumulate = try v.number(in: 0.01...600, allowed: seconds) }
        }
        if let n = f["batchDetail"] { settings.batchDetail = try n.choice(of: BatchDetail.self) }
        if let n = f["subtitles"] { settings.subtitles = try n.boolean() }
        if let n = f["subtitleLanguage"] {
            let tag = try n.string()
            guard let language = SubtitleLanguage(tag) else {
                throw n.error("'\(tag)' is not a language tag; give an ISO 639 code such as en, de, fr or pt-BR")
            }
            settings.subtitleLanguage = language
        }
        if let n = f["finalHold"] { settings.finalHold = try n.number(in: 0...600, allowed: seconds) }
        if let n = f["titleCard"] { settings.titleCardDuration = try n.number(in: 0.01...600, allowed: seconds) }
        if let n = f["chapters"] {
            let items = try n.list()
            guard !items.isEmpty else { throw n.error("is empty; leave it out to show every step in full") }
            settings.chapters = try items.enumerated().map { index, item in
                let c = try item.mapping(allowed: ["iterations", "schedule", "every", "frames", "detail", "stepDuration",
                                                   "title"])
                var chapter = Chapter()
                if let v = c["iterations"] { chapter.iterations = try v.integer(in: 1...Int.max, allowed: "a whole number of steps, at least 1") }
                else if index < items.count - 1 {
                    throw item.error("needs `iterations` (how many steps it covers); only the last chapter may run to the end")
                }
                if let schedule = try readSchedule(c, in: item) { chapter.schedule = schedule }
                if let v = c["detail"] { chapter.detail = try v.choice(of: Chapter.Detail.self) }
                if let v = c["stepDuration"] { chapter.stepDuration = try v.number(in: 0.001...600, allowed: seconds) }
                if let v = c["title"] { chapter.title = try v.line(maxLength: 200, what: "a title") }
                return chapter
            }
        }
        let quality = try f["quality"]?.choice(of: VideoQuality.self)
        return (settings, quality)
    }
}
