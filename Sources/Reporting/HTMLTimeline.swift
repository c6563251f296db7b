import CostModel

extension HTMLReport {
    /// The finance months: a bar per month coloured by the phase running it, the phase
    /// boundaries, and a table of when each phase starts and what it costs over the timeline.
    @Sendable public static func timeline(_ model: ReportModel) -> HTMLSection? {
        guard let t = model.timeline, let first = t.months.first, let last = t.months.last else { return nil }
        let phases = phaseOrder(t)
        var body =
            "<p class=\"hint\">\(t.months.count) months, \(first.month)–\(last.month): each month runs the latest phase "
            + "started by then (<code>starts:</code> in the scenario), at its plan total for a 730-hour month; the "
            + "finance file (<code>orcha-cost finance</code>) has the same months line by line. A phase marked "
            + "<em>when triggered</em> starts when its triggers are due; its month here is the one assumed for planning.</p>\n"
        body += "<figure class=\"chart\">\n" + HTMLCharts.both { HTMLCharts.timeline(t, phases: phases, width: $0) }
        body += "<figcaption>\n<ul class=\"legend\">\n"
        for (i, p) in phases.enumerated() {
            body +=
                "<li><span class=\"swatch\" style=\"background:\(HTMLCharts.color(i))\"></span><span>\(escape(p))</span></li>\n"
        }
        body += "</ul>\n</figcaption>\n</figure>\n"
        let rows = t.starts.compactMap { s -> [String]? in
            let months = t.months.filter { $0.phase == s.phase }
            guard let perMonth = months.first?.effective else { return nil }
            let total = months.reduce(Money.zero) { $0 + $1.effective }
            let when = s.triggered ? "\(s.month) <span class=\"muted\">(assumed; when triggered)</span>" : "\(s.month)"
            return [escape(s.phase), when, "\(months.count)", usd(perMonth), usd(total)]
        }
        let effective = t.months.reduce(Money.zero) { $0 + $1.effective }
        let billed = t.months.reduce(Money.zero) { $0 + $1.billed }
        body += table(
            caption: "Phases on the timeline",
            header: [("Phase", false), ("Starts", false), ("Months", true), ("Per month", true), ("Over the timeline", true)],
            rows: rows, footer: [["<strong>Total</strong>", "", "\(t.months.count)", "", "<strong>\(usd(effective))</strong>"]],
            className: "timeline")
        if billed != effective {
            body +=
                "<p class=\"hint\">Billed in all: \(usd(billed)); upfront commitment fees are paid in the month their term "
                + "starts, their monthly share is in the totals above.</p>\n"
        }
        return HTMLSection(id: "timeline", title: "Timeline", body: body)
    }

    /// Phases in the order they start on the timeline (their colours).
    static func phaseOrder(_ t: ReportModel.TimelineReport) -> [String] {
        var seen: Set<String> = []
        return t.months.map(\.phase).filter { seen.insert($0).inserted }
    }
}

extension HTMLCharts {
    /// One bar per month, coloured by its phase, with a line and the phase's name where a phase
    /// starts; `width` is the drawing's own width (its viewBox).
    static func timeline(_ t: ReportModel.TimelineReport, phases: [String], width: Double) -> String {
        let font = 13.0
        let plotHeight = width < 600 ? 200.0 : 240.0
        let tag = width < 600 ? "narrow" : "wide"
        let index = Dictionary(uniqueKeysWithValues: phases.enumerated().map { ($1, $0) })
        let (yMax, step) = scale(t.months.map { dollars($0.effective) }.max() ?? 0)
        let (ticks, left) = yTicks(top: yMax, step: step, font: font)
        let slot = (width - left - 16) / Double(max(t.months.count, 1))
        // Phase names above the bars, in up to three rows so that they do not overlap.
        let rowHeight = font + 5
        var rowEnds = [Double](repeating: -Double.infinity, count: 3)
        var labels: [(x: Double, row: Int, text: String, phase: String)] = []
        for s in t.starts {
            guard let i = t.months.firstIndex(where: { $0.month == s.month }) else { continue }
            let x = left + slot * Double(i)
            let text = short(s.phase, 14)
            guard let row = rowEnds.firstIndex(where: { $0 < x - 2 }), x + textWidth(text, size: font) < width - 4 else {
                continue
            }
            rowEnds[row] = x + textWidth(text, size: font) + 6
            labels.append((x, row, text, s.phase))
        }
        let rows = Double((labels.map(\.row).max() ?? -1) + 1)
        let top = 26 + rows * rowHeight
        let baseline = top + plotHeight
        func y(_ v: Double) -> Double { baseline - v / yMax * plotHeight }
        // Month labels: every k-th month, so that they fit.
        let labelWidth = textWidth("2027-01", size: font) + 14
        let every = max(1, Int((labelWidth / slot).rounded(.up)))
        // The first label whose left half stays clear of the axis labels.
        let firstLabel = max(0, Int((labelWidth / 2 / slot - 0.5).rounded(.up)))
        let height = (baseline + 30).rounded(.up)
        var out = """
            <svg class="chart-svg timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" \
            width="\(n(width))" height="\(n(height))" font-size="\(n(font))" role="img" aria-labelledby="timeline-title-\(tag) timeline-desc-\(tag)">
            <title id="timeline-title-\(tag)">Monthly cost over the roadmap timeline</title>
            <desc id="timeline-desc-\(tag)">One bar per month, coloured by the phase running that month; lines mark where phases start.</desc>
            <text x="0" y="14" class="axis-title">USD per month</text>

            """
        out += yGrid(ticks, left: left, width: width, font: font, y: y)
        let barWidth = max(1, slot * 0.78)
        for (i, m) in t.months.enumerated() {
            let x = left + slot * Double(i) + (slot - barWidth) / 2
            let v = dollars(m.effective)
            out +=
                "<rect class=\"mark seg\" x=\"\(n(x))\" y=\"\(n(y(v)))\" width=\"\(n(barWidth))\" height=\"\(n(v / yMax * plotHeight))\" "
                + "fill=\"\(color(index[m.phase] ?? 0))\"><title>\(m.month) · \(HTMLReport.escape(m.phase)): "
                + "\(HTMLReport.usd(m.effective))</title></rect>\n"
            let center = left + slot * (Double(i) + 0.5)
            if i >= firstLabel, (i - firstLabel) % every == 0, center + labelWidth / 2 <= width {
                out +=
                    "<text class=\"tick\" x=\"\(n(center))\" y=\"\(n(baseline + 18))\" "
                    + "text-anchor=\"middle\">\(m.month)</text>\n"
            }
        }
        for l in labels {
            let ly = 26 + Double(l.row) * rowHeight + font
            out +=
                "<line class=\"boundary\" x1=\"\(n(l.x))\" y1=\"\(n(ly + 3))\" x2=\"\(n(l.x))\" y2=\"\(n(baseline))\"/>"
                + "<text class=\"label\" x=\"\(n(l.x + 2))\" y=\"\(n(ly))\">\(HTMLReport.escape(l.text))"
                + "<title>\(HTMLReport.escape(l.phase))</title></text>\n"
        }
        out += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(baseline))\" x2=\"\(n(width - 8))\" y2=\"\(n(baseline))\"/>\n"
        return out + "</svg>\n"
    }
}
