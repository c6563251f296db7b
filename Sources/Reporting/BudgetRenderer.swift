import CostModel

/// `budget check` and `budget variance` as tables and JSON.
public enum BudgetRenderer {
    /// Which cost of an alarm decides its state.
    public enum UsagePoint: String, Sendable, CaseIterable {
        case low, expected, high
    }

    static func m(_ v: Money) -> String { v.formatted(decimals: 2) }

    /// The cost of `a` at `point`.
    public static func value(_ a: BudgetAlarm, at point: UsagePoint) -> Money {
        point == .low ? a.low : point == .high ? a.high : a.expected
    }

    /// A notification as `ACTUAL > 80%` or `FORECASTED > $120`.
    public static func describe(_ n: Budget.Notification) -> String {
        let op = n.comparison == .greaterThan ? ">" : n.comparison == .lessThan ? "<" : "="
        let amount = n.thresholdType == .percentage ? "\(n.threshold)%" : "$\(n.threshold)"
        return "\(n.kind.rawValue) \(op) \(amount)"
    }

    /// The alarms as a table: on the plan with the cost at `point` and the low..high range, on
    /// the bills with the spend; then `notes` (forecast explanations), one a line.
    public static func checkTable(_ alarms: [BudgetAlarm], at point: UsagePoint, onBills: Bool, notes: [String]) -> String {
        var t = TextTable(
            header: ["BUDGET", "PHASE", "ALARM", "THRESHOLD"]
                + (onBills ? ["SPEND"] : ["COST (\(point.rawValue))", "LOW..HIGH"]) + ["MARGIN", "STATE"],
            rightAligned: onBills ? [3, 4, 5] : [3, 4, 5, 6])
        for a in alarms {
            let v = value(a, at: point)
            t.add(
                [a.budget, a.phase, describe(a.notification), m(a.threshold), m(v)]
                    + (onBills ? [] : ["\(m(a.low))..\(m(a.high))"])
                    + [m(a.threshold - v), a.fires(v) ? "ALARM" : "OK"])
        }
        var out = OutputBuffer()
        t.render(into: &out)
        for n in notes {
            out.append(n)
            out.append(UInt8(ascii: "\n"))
        }
        return out.text
    }

    /// How each FORECASTED value on the bills was computed, by budget name.
    public static func notes(_ forecasts: [String: Forecast]) -> [String] {
        forecasts.sorted { $0.key < $1.key }.map {
            "forecast \($0.key) \($0.value.month): \($0.value.forecast.formatted(decimals: 2)) = \($0.value.explanation)"
        }
    }

    public static func checkJSON(_ alarms: [BudgetAlarm], at point: UsagePoint) -> String {
        JSONWriter.document(
            .array(
                alarms.map { a in
                    let v = value(a, at: point)
                    return .object(
                        [
                            ("budget", .string(a.budget)), ("phase", .string(a.phase)),
                            ("notification", .string(describe(a.notification))), ("limit", .money(a.limit)),
                            ("threshold", .money(a.threshold)), ("low", .money(a.low)), ("expected", .money(a.expected)),
                            ("high", .money(a.high)), ("margin", .money(a.threshold - v)),
                            ("state", .string(a.fires(v) ? "ALARM" : "OK")),
                        ], .inline)
                }, .block))
    }

    /// Plan against actual spend, month by month, with a TOTAL row per month.
    public static func varianceTable(_ rows: [VarianceRow]) -> String {
        var t = TextTable(header: ["MONTH", "SERVICE", "PLAN", "ACTUAL", "VARIANCE", "%"], rightAligned: [2, 3, 4, 5])
        for month in Set(rows.map(\.month)).sorted() {
            let inMonth = rows.filter { $0.month == month }
            for r in inMonth { t.add([r.month, r.service, m(r.plan), m(r.actual), m(r.variance), r.percent ?? "-"]) }
            let total = VarianceRow(
                month: month, service: "total", plan: inMonth.reduce(.zero) { $0 + $1.plan },
                actual: inMonth.reduce(.zero) { $0 + $1.actual })
            t.add([month, "TOTAL", m(total.plan), m(total.actual), m(total.variance), total.percent ?? "-"])
        }
        return t.render()
    }

    public static func varianceJSON(_ rows: [VarianceRow]) -> String {
        JSONWriter.document(
            .array(
                rows.map { r in
                    .object(
                        [
                            ("month", .string(r.month)), ("service", .string(r.service)), ("plan", .money(r.plan)),
                            ("actual", .money(r.actual)), ("variance", .money(r.variance)), ("percent", .string(r.percent)),
                        ], .inline)
                }, .block))
    }
}
