import CostModel

extension HTMLReport {
    /// How a notification reads: `ACTUAL > 80%`, `FORECASTED > $350`.
    static func describe(_ n: Budget.Notification) -> String {
        let op = n.comparison == .greaterThan ? ">" : n.comparison == .lessThan ? "<" : "="
        let amount = n.thresholdType == .percentage ? "\(n.threshold)%" : "$\(n.threshold)"
        return "\(n.kind.rawValue) \(op) \(amount)"
    }

    static func alarmBadge(_ a: ReportModel.AlarmState) -> String {
        if a.firesExpected { return badge("ALARM", "alarm") }
        if a.firesLow || a.firesHigh { return badge("AT RISK", "risk") }
        return badge("OK", "ok")
    }

    /// A budget's heading: its name, scope and limit.
    static func budgetHeading(_ a: ReportModel.AlarmState, limits: [Money]) -> String {
        let period = a.period == .monthly ? "month" : a.period == .quarterly ? "quarter" : "year"
        let distinct = Set(limits)
        let limit =
            distinct.count == 1
            ? "\(usd(a.limit)) a \(period)"
            : "\(usd(limits.min() ?? a.limit))–\(usd(limits.max() ?? a.limit)) a \(period), planned per phase"
        return
            "<h3><span>\(escape(a.budget))</span> <span class=\"muted\">\(a.scope.map(escape) ?? "all services"), \(limit)</span></h3>\n"
    }

    /// The alarms grouped by budget, in the order the budgets come.
    static func byBudget(_ alarms: [ReportModel.AlarmState]) -> [[ReportModel.AlarmState]] {
        var order: [String] = []
        var groups: [String: [ReportModel.AlarmState]] = [:]
        for a in alarms {
            if groups[a.budget] == nil { order.append(a.budget) }
            groups[a.budget, default: []].append(a)
        }
        return order.map { groups[$0]! }
    }

    /// Every budget notification against every phase it covers.
    @Sendable public static func budgets(_ model: ReportModel) -> HTMLSection? {
        guard !model.alarms.isEmpty else {
            let body =
                "<p class=\"hint\">The scenario sets no budgets. Add a <code>budgets:</code> list (AWS Budgets semantics) to see "
                + "which phases would set off their alarms.</p>\n"
            return HTMLSection(id: "budgets", title: "Budgets and alarms", body: body)
        }
        let firing = model.alarms.filter(\.firesExpected).count
        var body = "<p class=\"hint\">Each notification against the phase's cost for the budget's period and scope: "
        body += "<strong>\(firing) of \(model.alarms.count)</strong> fire at expected usage. "
        body += "ALARM: fires at expected usage; AT RISK: fires only at the low or high end of the range.</p>\n"
        for group in byBudget(model.alarms) {
            body += budgetHeading(group[0], limits: group.map(\.limit))
            let rows = group.map { a in
                [
                    "<span class=\"id\">\(escape(a.phase))</span>", alarmBadge(a),
                    "<span class=\"nowrap\">\(escape(describe(a.notification)))</span>", usd(a.threshold), usd(a.expected),
                    range(a.low, a.high), signedUSD(a.margin),
                ]
            }
            body += table(
                caption: "Budget \(group[0].budget) on the plan",
                header: [
                    ("Phase", false), ("State", false), ("Alarm", false), ("Threshold", true), ("Expected", true),
                    ("Low–high", true), ("Margin", true),
                ], rows: rows, className: "alarms")
        }
        return HTMLSection(id: "budgets", title: "Budgets and alarms", body: body)
    }

    /// Each phase's trigger indicators and their state on the metrics.
    @Sendable public static func triggers(_ model: ReportModel) -> HTMLSection? {
        guard let t = model.triggers else { return nil }
        var body = "<p class=\"hint\">"
        if let at = t.evaluatedAt {
            body +=
                "Evaluated at \(escape(at)) on \(t.files.map { "<code>\(escape($0))</code>" }.joined(separator: ", ")). "
                + "Missing data is never met.</p>\n"
        } else {
            body +=
                "Not evaluated: give metrics with <code>--metrics FILE</code> (CSV or CloudWatch JSON) to see which phases are due.</p>\n"
        }
        for p in t.phases {
            let state =
                t.evaluatedAt == nil
                ? badge("NOT EVALUATED", "muted") : p.due ? badge("DUE", "due") : badge("NOT DUE", "muted")
            body += "<div class=\"trigger\">\n<h3><span class=\"id\">\(escape(p.phase))</span> \(state)</h3>\n<p class=\"facts\">"
            var facts = [
                t.evaluatedAt == nil
                    ? "needs \(p.required) of \(p.indicators.count) indicators"
                    : "\(p.met) of \(p.required) required indicators met",
                "\(usd(p.monthlyCost)) a month", "\(delta(p.delta)) from the phase it extends",
            ]
            for b in p.budgets {
                facts.append(
                    "\(b.fits ? "fits" : "exceeds") <strong>\(escape(b.name))</strong> (\(usd(b.limit)) a month)")
            }
            body += facts.map { "<span>\($0)</span>" }.joined(separator: "\n") + "</p>\n"
            let rows = p.indicators.map { i -> [String] in
                let kind = i.state == "met" ? "ok" : i.state == "unknown" ? "risk" : "muted"
                return [
                    "<code>\(escape(i.text))</code>", badge(i.state.uppercased(), kind), i.value.map(escape) ?? "",
                    "<span class=\"evidence\">\(escape(i.evidence))</span>",
                ]
            }
            body += table(
                caption: "Indicators of \(p.phase)",
                header: [("Indicator", false), ("State", false), ("Value", true), ("Evidence", false)], rows: rows,
                className: "indicators")
            body += "</div>\n"
        }
        return HTMLSection(id: "triggers", title: "Trigger indicators", body: body)
    }

    /// Bills against the plan of the phase being run.
    @Sendable public static func actuals(_ model: ReportModel) -> HTMLSection? {
        guard let a = model.actuals else { return nil }
        var body =
            "<p class=\"hint\">Actual spend from the bills against the plan of <span class=\"id\">\(escape(a.phase))</span>, "
        body += "per month and AWS service. A month still running shows its month-to-date spend.</p>\n<ul class=\"files\">\n"
        for f in a.files {
            body +=
                "<li><code>\(escape(f.path))</code>: \(escape(f.format)), \(grouped(f.rows)) rows, "
                + "\(f.months.map(escape).joined(separator: ", "))</li>\n"
        }
        body += "</ul>\n"
        for month in Set(a.rows.map(\.month)).sorted() {
            let rows = a.rows.filter { $0.month == month }
            let plan = rows.reduce(Money.zero) { $0 + $1.plan }
            let actual = rows.reduce(Money.zero) { $0 + $1.actual }
            let upTo = a.partial[month].map { " <span class=\"muted\">month to date, \($0.day) of \($0.of) days</span>" } ?? ""
            body += "<h3><span>\(escape(month))</span>\(upTo)</h3>\n"
            body += table(
                caption: "Plan and bills, \(month)",
                header: [("Service", false), ("Plan", true), ("Actual", true), ("Variance", true), ("%", true)],
                rows: rows.map {
                    [escape($0.service), usd($0.plan), usd($0.actual), delta($0.actual - $0.plan), escape($0.percent ?? "–")]
                },
                footer: [
                    [
                        "<strong>Total</strong>", "<strong>\(usd(plan))</strong>", "<strong>\(usd(actual))</strong>",
                        delta(actual - plan), "",
                    ]
                ], className: "variance")
        }
        if !a.alarms.isEmpty {
            body += "<h3>Budgets on the bills of \(escape(a.month))</h3>\n"
            let rows = a.alarms.map { x in
                [
                    "<strong>\(escape(x.budget))</strong>", alarmBadge(x), x.scope.map(escape) ?? "all services",
                    "<span class=\"nowrap\">\(escape(describe(x.notification)))</span>", usd(x.threshold), usd(x.expected),
                ]
            }
            body += table(
                caption: "Budget alarms on the bills",
                header: [
                    ("Budget", false), ("State", false), ("Scope", false), ("Alarm", false), ("Threshold", true), ("Spend", true),
                ],
                rows: rows, className: "alarms")
            body += "<ul class=\"notes\">\n"
            for f in a.forecasts { body += "<li>Forecast <strong>\(escape(f.budget))</strong>: \(escape(f.explanation))</li>\n" }
            body += "</ul>\n"
        }
        return HTMLSection(id: "actuals", title: "Actual bills", body: body)
    }
}
