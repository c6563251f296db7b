import CostModel

extension HTMLReport {
    /// Headline figures as cards.
    @Sendable public static func overview(_ model: ReportModel) -> HTMLSection? {
        let phases = model.cost.phases
        guard let first = phases.first, let last = phases.last else { return nil }
        var cards: [(String, String, String)] = []
        func money(_ p: PhaseCost) -> String {
            "<span class=\"id\">\(escape(p.id))</span> per month" + (p.hasRange ? ", \(range(p.low, p.high))" : "")
        }
        if phases.count == 1 || descends(last, from: first.id, in: phases) {
            cards.append(("First phase", usd(first.monthlyCost), money(first)))
        }
        if phases.count > 1 && descends(last, from: first.id, in: phases) {
            cards.append(
                (
                    "Last phase", usd(last.monthlyCost),
                    "<span class=\"id\">\(escape(last.id))</span> per month, \(delta(last.monthlyCost - first.monthlyCost)) over "
                        + "<span class=\"id\">\(escape(first.id))</span>"
                ))
        } else if phases.count > 1 {
            // Alternatives rather than one roadmap: the cheapest and the dearest.
            let sorted = phases.sorted { $0.monthlyCost < $1.monthlyCost }
            cards.append(("Cheapest phase", usd(sorted[0].monthlyCost), money(sorted[0])))
            cards.append(("Dearest phase", usd(sorted[sorted.count - 1].monthlyCost), money(sorted[sorted.count - 1])))
        }
        if model.alarms.isEmpty {
            cards.append(("Budget alarms", "none", "the scenario sets no budgets"))
        } else {
            let firing = model.alarms.filter(\.firesExpected).count
            let atRisk = model.alarms.filter { !$0.firesExpected && ($0.firesLow || $0.firesHigh) }.count
            cards.append(
                (
                    "Budget alarms", "\(firing) of \(model.alarms.count)",
                    "notifications fire at expected usage" + (atRisk > 0 ? "; \(atRisk) more within the ranges" : "")
                ))
        }
        if let t = model.triggers {
            if t.evaluatedAt == nil {
                cards.append(
                    ("Triggers", "\(t.phases.count)", "phase\(t.phases.count == 1 ? "" : "s") with indicators, not evaluated"))
            } else {
                let due = t.phases.filter(\.due)
                cards.append(
                    (
                        "Phases due", "\(due.count) of \(t.phases.count)",
                        due.isEmpty
                            ? "by their indicators"
                            : due.map { "<span class=\"id\">\(escape($0.phase))</span>" }.joined(separator: ", ")
                    ))
            }
        }
        if let a = model.actuals {
            let rows = a.rows.filter { $0.month == a.month }
            let actual = rows.reduce(Money.zero) { $0 + $1.actual }
            let plan = rows.reduce(Money.zero) { $0 + $1.plan }
            cards.append(
                (
                    "Bills, \(escape(a.month))", usd(actual),
                    "against \(usd(plan)) planned for <span class=\"id\">\(escape(a.phase))</span>"
                ))
        }
        var body = "<div class=\"cards\">\n"
        for (label, value, note) in cards {
            body += "<div class=\"card\"><div class=\"label\">\(escape(label))</div><div class=\"value\">\(value)</div>"
            body += "<div class=\"note\">\(note)</div></div>\n"
        }
        return HTMLSection(id: "overview", title: "Overview", body: body + "</div>\n")
    }

    /// Each phase: total, change from the phase it extends, low..high.
    @Sendable public static func phaseTable(_ model: ReportModel) -> HTMLSection? {
        let cost = model.cost
        guard !cost.phases.isEmpty else { return nil }
        let upfront = cost.phases.contains { $0.upfront != .zero }
        var rows: [[String]] = []
        for p in cost.phases {
            var row = [
                phaseCell(p), "<strong>\(usd(p.monthlyCost))</strong>", delta(p.delta),
                p.extends.map { "<span class=\"id\">\(escape($0))</span>" } ?? "<span class=\"muted\">—</span>", usd(p.low),
                usd(p.high),
            ]
            if upfront { row.append(p.upfront == .zero ? "" : usd(p.upfront)) }
            rows.append(row)
        }
        var header: [(String, numeric: Bool)] = [
            ("Phase", false), ("Monthly", true), ("Change", true), ("Extends", false), ("Low", true), ("High", true),
        ]
        if upfront { header.append(("Upfront", true)) }
        var body =
            "<p class=\"hint\">The change is a phase's total minus that of the phase it extends. Low and high put every "
            + "uncertain input at its low or high end.</p>\n"
        body += table(caption: "Phases", header: header, rows: rows, className: "phases")
        if upfront {
            body +=
                "<p class=\"hint\">Upfront: commitment fees paid at the start of their terms (their monthly share is in the total).</p>\n"
        }
        return HTMLSection(id: "phases", title: "Phases", body: body)
    }

    /// The stacked bar chart of the monthly cost per service, with budget lines and a legend.
    @Sendable public static func costChart(_ model: ReportModel) -> HTMLSection? {
        guard !model.cost.phases.isEmpty else { return nil }
        let services = HTMLCharts.services(model.cost)
        var body = "<figure class=\"chart\">\n" + HTMLCharts.both { HTMLCharts.stackedBars(model, services: services, width: $0) }
        body += "<figcaption>\n<ul class=\"legend\">\n"
        for (i, s) in services.enumerated() {
            body +=
                "<li><span class=\"swatch\" style=\"background:\(HTMLCharts.color(i))\"></span><span>\(escape(s))</span></li>\n"
        }
        let top = HTMLCharts.stackedScale(model).top
        for (i, b) in model.budgetLines.enumerated() where !b.monthly.isEmpty {
            let amounts = Set(b.monthly.values)
            let amount = amounts.count == 1 ? usd(amounts.first!) + " a month" : "planned per phase"
            let above = b.monthly.values.contains { Double($0.micros) / 1e6 > top } ? ", above the chart where not drawn" : ""
            body +=
                "<li><span class=\"swatch line\" style=\"border-top-style:\(HTMLCharts.dashStyle(i))\"></span><span>budget "
                + "<strong>\(escape(b.name))</strong> (\(amount)\(above))</span></li>\n"
        }
        body += "</ul>\n</figcaption>\n</figure>\n"
        // The numbers behind the bars.
        let phases = model.cost.phases
        let sums = phases.map { Dictionary($0.byService, uniquingKeysWith: { a, _ in a }) }
        let rows = services.enumerated().map { i, s in
            ["<span class=\"swatch\" style=\"background:\(HTMLCharts.color(i))\"></span>\(escape(s))"]
                + sums.map { $0[s].map(usd) ?? "<span class=\"muted\">—</span>" }
        }
        body += "<details class=\"numbers\"><summary>Monthly cost per service and phase</summary>\n"
        body += table(
            caption: "Monthly cost per service", header: [("Service", false)] + phases.map { ($0.id, true) }, rows: rows,
            footer: [["<strong>Total</strong>"] + phases.map { "<strong>\(usd($0.monthlyCost))</strong>" }])
        body += "</details>\n"
        return HTMLSection(id: "cost-by-service", title: "Monthly cost by service", body: body)
    }

    /// Low, expected and high cost of each phase, and P10..P90 by simulation.
    @Sendable public static func costRanges(_ model: ReportModel) -> HTMLSection? {
        guard !model.ranges.isEmpty else { return nil }
        let sim = model.simulation
        var body = "<p class=\"hint\">"
        if sim.inputs.isEmpty {
            body += "No input of this scenario is uncertain: every phase costs exactly its expected amount."
        } else {
            body +=
                "Low and high put all \(sim.inputs.count) uncertain input\(sim.inputs.count == 1 ? "" : "s") at their ends at once; "
                + "P10–P90 is where 80% of \(grouped(sim.samples)) simulated months fall (seed \(sim.seed)), drawing each input "
                + "from its range: <span class=\"inputs\">\(sim.inputs.map { "<code>\(escape($0))</code>" }.joined(separator: ", "))</span>."
        }
        body += "</p>\n<figure class=\"chart\">\n" + HTMLCharts.both { HTMLCharts.ranges(model, width: $0) }
        body += """
            <figcaption><ul class="legend">
            <li><span class="swatch line range"></span><span>low–high</span></li>
            <li><span class="swatch band"></span><span>P10–P90</span></li>
            <li><span class="swatch dot"></span><span>expected</span></li>
            </ul></figcaption>
            </figure>

            """
        let rows = model.ranges.map { r in
            [
                "<span class=\"id\">\(escape(r.phase))</span>", "<strong>\(usd(r.expected))</strong>",
                "\(usd(r.p10))–\(usd(r.p90))",
                range(r.low, r.high), usd(r.p50), usd(r.mean),
            ]
        }
        body += table(
            caption: "Cost ranges",
            header: [("Phase", false), ("Expected", true), ("P10–P90", true), ("Low–high", true), ("P50", true), ("Mean", true)],
            rows: rows, className: "ranges")
        return HTMLSection(id: "ranges", title: "Cost ranges", body: body)
    }
}
