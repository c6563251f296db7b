import CostModel

/// Renders a priced scenario as a terminal table, JSON, CSV or Markdown.
public enum PlanRenderer {
    static func money(_ m: Money) -> String { m.formatted(decimals: 2) }

    static func signed(_ m: Money) -> String { (m.micros >= 0 ? "+" : "") + money(m) }

    static func range(_ low: Money, _ high: Money) -> String { "\(money(low))..\(money(high))" }

    /// Numbered price sources (key + region → source text), in first-use order.
    static func sources(_ cost: ScenarioCost) -> (ids: [String: Int], list: [(Int, CostLine)]) {
        var ids: [String: Int] = [:]
        var list: [(Int, CostLine)] = []
        for phase in cost.phases {
            for line in phase.lines {
                let id = line.priceOrigin == .fixed ? "fixed\u{0}\(line.priceSource)" : "\(line.region)\u{0}\(line.priceKey)"
                if ids[id] == nil {
                    ids[id] = list.count + 1
                    list.append((list.count + 1, line))
                }
            }
        }
        return (ids, list)
    }

    static func sourceID(_ line: CostLine) -> String {
        line.priceOrigin == .fixed ? "fixed\u{0}\(line.priceSource)" : "\(line.region)\u{0}\(line.priceKey)"
    }

    static func quantity(_ line: CostLine) -> String {
        var q = line.quantity.description + " " + line.unit
        if let t = line.tenants { q += " (" + t.description + " tenants)" }
        return q
    }

    static func unitPrice(_ line: CostLine) -> String {
        (line.tiered ? "tiered, " : "") + line.unitPrice.description + "/" + line.unit
    }

    // MARK: - table

    /// The plan as terminal tables; `sources: false` leaves out the numbered price sources (the
    /// SRC column and the list after the summary), keeping the PRICE column and quality line.
    public static func table(_ cost: ScenarioCost, color: Bool, sources showSources: Bool = true) -> String {
        func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func tint(_ m: Money, _ s: String) -> String {
            guard color, m.micros != 0 else { return s }
            return (m.micros > 0 ? "\u{1B}[31m" : "\u{1B}[32m") + s + "\u{1B}[0m"
        }
        let (ids, list) = sources(cost)
        var out = bold("\(cost.scenario)") + "  (\(cost.path))\n"
        out +=
            "region \(cost.region), \(cost.currency), \(cost.hoursPerMonth.description) hours per month; all amounts per month\n"
        for phase in cost.phases {
            out += "\n" + bold("\(phase.id): \(phase.name)") + (phase.extends.map { "  (extends \($0))" } ?? "") + "\n"
            var t = TextTable(
                header: ["RESOURCE", "COMPONENT", "QUANTITY", "UNIT PRICE", "MONTHLY", "RANGE"]
                    + (showSources ? ["SRC"] : []) + ["PRICE"],
                rightAligned: [2, 3, 4])
            for line in phase.lines {
                t.add(
                    [
                        line.resource, line.component, quantity(line), unitPrice(line), money(line.monthlyCost),
                        line.low == line.high ? "" : range(line.low, line.high),
                    ] + (showSources ? ["[\(ids[sourceID(line)]!)]"] : []) + [qualityMark(line)])
            }
            out += t.render(indent: "  ")
            out += "by service: " + phase.byService.map { "\($0.service) \(money($0.cost))" }.joined(separator: ", ") + "\n"
            var total = "total \(money(phase.monthlyCost))"
            if phase.hasRange { total += "  (range \(range(phase.low, phase.high)))" }
            if let d = cost.delta(of: phase) { total += "  " + tint(d, "\(signed(d)) vs \(phase.extends!)") }
            out += bold(total) + "\n"
            if phase.upfront != .zero {
                out += "upfront commitment fees: \(money(phase.upfront)), paid at the start of their terms (amortised above)\n"
            }
        }
        if cost.phases.count > 1 {
            out += "\n" + bold("Summary") + "\n"
            var t = TextTable(header: ["PHASE", "MONTHLY", "CHANGE", "RANGE", "NAME"], rightAligned: [1, 2, 3])
            for phase in cost.phases {
                t.add([
                    phase.id, money(phase.monthlyCost), cost.delta(of: phase).map(signed) ?? "",
                    phase.hasRange ? range(phase.low, phase.high) : "", phase.name,
                ])
            }
            out += t.render()
        }
        out += "\n" + cost.priceQuality.sentence + "\n"
        guard showSources else { return out }
        out += "\n" + bold("Sources") + "\n"
        for (n, line) in list {
            if line.priceOrigin == .fixed {
                out += "[\(n)] \(line.resource) (fixed amount): \(line.priceSource)\n"
            } else {
                out +=
                    "[\(n)] \(line.priceKey) in \(line.region), \(originText(line)), effective \(line.priceEffectiveDate): \(line.priceSource)\n"
            }
        }
        return out
    }

    /// The table's PRICE column: `official` for AWS's own price of the region, else what it is.
    static func qualityMark(_ line: CostLine) -> String {
        line.priceOrigin == .fixed ? "fixed" : line.priceQuality.isOfficial ? "official" : line.priceQuality.rawValue
    }

    static func originText(_ line: CostLine) -> String {
        switch line.priceQuality {
        case .priceList: return "AWS Price List"
        case .sheet: return "price sheet"
        case .proxy: return "price sheet, PROXY (another region's price)"
        case .estimate: return "price sheet, ESTIMATE (seed or hand figure)"
        }
    }

    // MARK: - JSON

    /// Stable JSON: every money value is a decimal string with two decimals ("28.03").
    public static func json(_ cost: ScenarioCost) -> String {
        var out = OutputBuffer(capacity: 1 << 16)
        json(cost, into: &out)
        return out.text
    }

    /// Appends the plan as JSON to `out`.
    public static func json(_ cost: ScenarioCost, into out: inout OutputBuffer) {
        out.json { w in
            w.beginObject()
            w.key("scenario")
            w.string(cost.scenario)
            w.key("path")
            w.string(cost.path)
            w.key("region")
            w.string(cost.region)
            w.key("currency")
            w.string(cost.currency)
            w.key("hours_per_month")
            w.string(cost.hoursPerMonth)
            w.key("price_quality")
            w.value(qualityJSON(cost.priceQuality))
            w.key("phases")
            w.beginArray()
            for phase in cost.phases {
                w.beginObject()
                w.key("id")
                w.string(phase.id)
                w.key("name")
                w.string(phase.name)
                w.key("extends")
                w.string(phase.extends)
                w.key("monthly_cost")
                w.money(phase.monthlyCost)
                w.key("delta")
                w.money(cost.delta(of: phase))
                w.key("low")
                w.money(phase.low)
                w.key("high")
                w.money(phase.high)
                w.key("tenants")
                w.string(phase.tenants)
                w.key("upfront")
                w.money(phase.upfront)
                w.key("by_service")
                w.beginObject(.inline)
                for s in phase.byService {
                    w.key(text: s.service)
                    w.money(s.cost)
                }
                w.endObject()
                w.key("lines")
                w.beginArray()
                for l in phase.lines { line(l, &w) }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    static func line(_ l: CostLine, _ w: inout JSONWriter) {
        w.beginObject(.inline)
        w.key("resource")
        w.string(l.resource)
        w.key("type")
        w.string(l.type)
        w.key("service")
        w.string(l.service)
        w.key("component")
        w.string(l.component)
        w.key("quantity")
        w.string(l.quantity)
        w.key("unit")
        w.string(l.unit)
        w.key("unit_price")
        w.string(l.unitPrice)
        w.key("tiered")
        w.bool(l.tiered)
        w.key("monthly_cost")
        w.money(l.monthlyCost)
        w.key("low")
        w.money(l.low)
        w.key("high")
        w.money(l.high)
        w.key("price_key")
        w.string(l.priceKey)
        w.key("price_source")
        w.string(l.priceSource)
        w.key("price_origin")
        w.string(l.priceOrigin.rawValue)
        w.key("price_quality")
        w.string(l.priceQuality.rawValue)
        w.key("region")
        w.string(l.region)
        w.key("tenants")
        w.string(l.tenants)
        w.key("upfront")
        w.money(l.upfront)
        w.endObject()
    }

    static func qualityJSON(_ s: PriceQualitySummary) -> JSONValue {
        .object(
            PriceQuality.allCases.map { ($0.rawValue, .int(s.counts[$0] ?? 0)) } + [
                ("fixed", .int(s.fixed)), ("update_command", .string(s.updateCommand)),
            ], .inline)
    }

    // MARK: - CSV

    public static let csvHeader = [
        "scenario", "phase", "phase_name", "resource", "type", "service", "component", "quantity", "unit", "unit_price",
        "monthly_cost", "low", "high", "price_key", "price_origin", "price_quality", "price_source", "region", "tenants",
        "upfront",
    ]

    public static func csv(_ cost: ScenarioCost) -> String {
        var out = OutputBuffer(capacity: 1 << 16)
        csv(cost, into: &out)
        return out.text
    }

    /// Appends the plan's lines as CSV to `out`.
    public static func csv(_ cost: ScenarioCost, into out: inout OutputBuffer) {
        out.csv { w in
            w.row(csvHeader)
            for phase in cost.phases {
                for l in phase.lines {
                    w.field(cost.scenario)
                    w.field(phase.id)
                    w.field(phase.name)
                    w.field(l.resource)
                    w.field(l.type)
                    w.field(l.service)
                    w.field(l.component)
                    w.field(l.quantity.description)
                    w.field(l.unit)
                    w.field(l.unitPrice.description)
                    w.field(money: l.monthlyCost)
                    w.field(money: l.low)
                    w.field(money: l.high)
                    w.field(l.priceKey)
                    w.field(l.priceOrigin.rawValue)
                    w.field(l.priceQuality.rawValue)
                    w.field(l.priceSource)
                    w.field(l.region)
                    w.field(l.tenants?.description ?? "")
                    if let u = l.upfront { w.field(money: u) } else { w.empty() }
                    w.endRow()
                }
            }
        }
    }

    // MARK: - Markdown

    static func md(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "|": out += "\\|"
            case "\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// Tables to paste into a roadmap document: a summary per phase, then each phase's lines.
    public static func markdown(_ cost: ScenarioCost) -> String {
        func usd(_ m: Money) -> String { (m.micros < 0 ? "-$" : "$") + Money(micros: abs(m.micros)).formatted(decimals: 2) }
        var out = "## \(md(cost.scenario)): monthly cost by phase\n\n"
        out +=
            "Region \(cost.region), \(cost.currency), \(cost.hoursPerMonth.description) hours per month. Generated by orcha-cost from `\(md(cost.path))`.\n\n"
        out += "| Phase | Monthly cost | Change | Range |\n|---|---:|---:|---:|\n"
        for phase in cost.phases {
            let change = cost.delta(of: phase).map { ($0.micros >= 0 ? "+" : "") + usd($0) } ?? ""
            out +=
                "| \(md(phase.name)) | \(usd(phase.monthlyCost)) | \(change) | \(phase.hasRange ? "\(usd(phase.low))–\(usd(phase.high))" : "") |\n"
        }
        for phase in cost.phases {
            out +=
                "\n### \(md(phase.name))\n\n| Resource | Component | Quantity | Unit price | Cost/month |\n|---|---|---:|---:|---:|\n"
            for l in phase.lines {
                let cell = l.low == l.high ? usd(l.monthlyCost) : "\(usd(l.monthlyCost)) (\(usd(l.low))–\(usd(l.high)))"
                out += "| \(md(l.resource)) | \(md(l.component)) | \(md(quantity(l))) | \(md(unitPrice(l))) | \(cell) |\n"
            }
            out += "| **Total** | | | | **\(usd(phase.monthlyCost))** |\n"
        }
        return out
    }
}
