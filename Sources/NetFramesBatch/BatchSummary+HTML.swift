import Foundation
import NetFramesScene

extension BatchSummary {
    /// A self-contained web page for the batch folder: a table of every run (its final
    /// frame inline, its settings, final loss and accuracy, and links to all its files),
    /// sortable by clicking a column's heading, with links to the contact sheet and the
    /// CSV and JSON summaries.
    ///
    /// All links are relative, so the page works from the folder, a copy of it, or a web
    /// server. Every name and value is escaped, and the page loads nothing from elsewhere.
    public static func indexHTML(_ outcomes: [RunOutcome], title: String) -> String {
        let title = title.isEmpty ? "NetFrames batch" : title
        let keys = sweepKeys(outcomes)
        let runFiles = Set(outcomes.map(\.runFile)).count
        let diverged = outcomes.filter { $0.diverged != nil }.count
        var lead = "\(outcomes.count) run\(outcomes.count == 1 ? "" : "s") from \(runFiles) run file\(runFiles == 1 ? "" : "s")"
        if diverged > 0 { lead += " · \(diverged) diverged" }

        var h = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p>\(escape(lead)) · <a href="contact-sheet.png">contact sheet</a> · <a href="summary.csv">summary.csv</a> · \
            <a href="summary.json">summary.json</a></p>
            <p class="hint">Click a column's heading to sort by it.</p>
            <table id="runs">
            <thead><tr><th>final frame</th><th>name</th>
            """
        for key in keys { h += "<th>\(escape(key))</th>" }
        h += "<th>layers</th><th>hidden</th><th>output</th><th>loss</th><th>learning rate</th><th>iterations</th>"
        h += "<th>seed</th><th>final loss</th><th>accuracy</th><th>frames</th><th>files</th></tr></thead>\n<tbody>\n"
        for outcome in outcomes {
            h += row(outcome, keys: keys)
        }
        h += "</tbody>\n</table>\n<script>\(sortScript)</script>\n</body>\n</html>\n"
        return h
    }

    /// One run's row of the table.
    private static func row(_ o: RunOutcome, keys: [String]) -> String {
        var h = o.diverged == nil ? "<tr>" : "<tr class=\"diverged\">"
        if let thumbnail = o.thumbnail {
            let link = escape(relativeURL(thumbnail))
            h += "<td class=\"thumb\"><a href=\"\(link)\"><img src=\"\(link)\" alt=\"Final frame of \(escape(o.name))\" "
                + "loading=\"lazy\"></a></td>"
        } else {
            h += "<td class=\"thumb none\">no final frame</td>"
        }
        h += "<td><strong>\(escape(o.name))</strong><br><span class=\"file\">\(escape(o.runFile))</span></td>"
        let swept = Dictionary(o.settings.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        for key in keys { h += cell(swept[key] ?? "", sortKey: swept[key] ?? "") }
        h += cell(layersText(o.layers), sortKey: o.layers.map(String.init).joined(separator: " "))
        h += cell(o.hidden) + cell(o.output) + cell(o.loss)
        h += cell(o.learningRate.description, sortKey: o.learningRate.description)
        h += cell(String(o.iterations), sortKey: String(o.iterations))
        h += cell(o.seed.map(String.init) ?? "", sortKey: o.seed.map(String.init) ?? "")
        if let diverged = o.diverged {
            h += "<td class=\"bad\" data-sort=\"\">\(escape(diverged))</td><td data-sort=\"\"></td>"
        } else {
            h += cell(o.finalLoss.map(ContactSheet.lossText) ?? "", sortKey: o.finalLoss?.description ?? "")
            h += cell(o.accuracy.map(ContactSheet.percentText) ?? "", sortKey: o.accuracy?.description ?? "")
        }
        h += cell(String(o.frames), sortKey: String(o.frames))
        h += "<td>\(fileLinks(o.files))</td></tr>\n"
        return h
    }

    /// A table cell; `sortKey` (a number's exact text, say) orders the column when given.
    private static func cell(_ text: String, sortKey: String? = nil) -> String {
        guard let sortKey else { return "<td>\(escape(text))</td>" }
        return "<td data-sort=\"\(escape(sortKey))\">\(escape(text))</td>"
    }

    /// Links to a run's files: videos and the manifest in sight, frames folded away.
    private static func fileLinks(_ files: [String]) -> String {
        func link(_ file: String) -> String {
            "<a href=\"\(escape(relativeURL(file)))\">\(escape((file as NSString).lastPathComponent))</a>"
        }
        let shown = files.filter { ["mp4", "webm", "gif", "mov", "json", "pdf"].contains(($0 as NSString).pathExtension.lowercased()) }
        let folded = files.filter { !shown.contains($0) }
        var h = shown.map(link).joined(separator: " ")
        if !folded.isEmpty {
            h += "<details><summary>\(folded.count) frame file\(folded.count == 1 ? "" : "s")</summary>"
                + folded.map(link).joined(separator: "<br>") + "</details>"
        }
        return h
    }

    /// A relative path as a URL path: every byte but letters, digits, `-._~` and `/` percent-encoded.
    static func relativeURL(_ path: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        var url = ""
        for byte in path.utf8 {
            if unreserved.contains(byte) {
                url.append(Character(Unicode.Scalar(byte)))
            } else {
                url += String(format: "%%%02X", byte)
            }
        }
        return url
    }

    /// Text made safe for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        MarkupText.escaped(text)
    }

    private static let style = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:2em;color:#1d2430;background:#fafbfc}\
        h1{font-size:1.6em;margin:0 0 .3em}p{margin:.3em 0}.hint{color:#667}\
        table{border-collapse:collapse;margin-top:1em;font-size:.9em}\
        th,td{border-bottom:1px solid #dde1e6;padding:.4em .6em;text-align:left;vertical-align:top}\
        th{cursor:pointer;background:#eef1f4;position:sticky;top:0;user-select:none}\
        th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}\
        td{white-space:nowrap}td.bad{white-space:normal;min-width:16em}\
        td.thumb img{width:240px;height:auto;border:1px solid #ccd;display:block}\
        td.none{color:#667;font-style:italic;width:240px}.file{color:#667;font-size:.85em}\
        tr.diverged td{background:#fff4f2}td.bad{color:#b3261e}details summary{cursor:pointer;color:#456}
        """

    /// Sorts the table by a clicked heading: numbers as numbers, empty cells last.
    private static let sortScript = """
        (function(){var t=document.getElementById("runs"),hs=t.tHead.rows[0].cells;
        function key(r,i){var c=r.cells[i];if(!c)return"";var s=c.getAttribute("data-sort");return s===null?c.textContent:s;}
        for(var i=0;i<hs.length;i++){(function(i){hs[i].addEventListener("click",function(){
        var up=hs[i].getAttribute("aria-sort")!=="ascending";for(var k=0;k<hs.length;k++)hs[k].removeAttribute("aria-sort");
        hs[i].setAttribute("aria-sort",up?"ascending":"descending");var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows);
        rs.sort(function(x,y){var a=key(x,i),c=key(y,i);if(a===""||c==="")return a===c?0:(a===""?1:-1);
        var m=parseFloat(a),n=parseFloat(c),d=(!isNaN(m)&&!isNaN(n)&&isFinite(a)&&isFinite(c))?m-n:a.localeCompare(c);
        return up?d:-d;});rs.forEach(function(r){b.appendChild(r);});});})(i);}})();
        """
}
