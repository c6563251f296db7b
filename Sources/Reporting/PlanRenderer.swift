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
                let id = line.priceOrigin == "fixed" ? "fixed\u{0}\(line.priceSource)" : "\(line.region)\u{0}\(line.priceKey)"
                if ids[id] == nil {
                    ids[id] = list.count + 1
                    list.append((list.count + 1, line))
                }
            }
        }
        return (ids, list)
    }

    static func sourceID(_ line: CostLine) -> String {
        line.priceOrigin == "fixed" ? "fixed\u{0}\(line.priceSource)" : "\(line.region)\u{0}\(line.priceKey)"
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
            if line.priceOrigin == "fixed" {
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
        line.priceOrigin == "fixed" ? "fixed" : line.priceQuality.isOfficial ? "official" : line.priceQuality.rawValue
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
        func q(_ s: String) -> String { JSON.quote(s) }
        var phases: [String] = []
        for phase in cost.phases {
            let lines = phase.lines.map { l in
                """
                        {"resource": \(q(l.resource)), "type": \(q(l.type)), "service": \(q(l.service)), \
                "component": \(q(l.component)), "quantity": \(q(l.quantity.description)), "unit": \(q(l.unit)), \
                "unit_price": \(q(l.unitPrice.description)), "tiered": \(l.tiered), "monthly_cost": \(q(money(l.monthlyCost))), \
                "low": \(q(money(l.low))), "high": \(q(money(l.high))), "price_key": \(q(l.priceKey)), \
                "price_source": \(q(l.priceSource)), "price_origin": \(q(l.priceOrigin)), \
                "price_quality": \(q(l.priceQuality.rawValue)), "region": \(q(l.region)), \
                "tenants": \(l.tenants.map { q($0.description) } ?? "null"), "upfront": \(l.upfront.map { q(money($0)) } ?? "null")}
                """
            }
            let services = phase.byService.map { "\(q($0.service)): \(q(money($0.cost)))" }.joined(separator: ", ")
            phases.append(
                """
                    {
                      "id": \(q(phase.id)),
                      "name": \(q(phase.name)),
                      "extends": \(phase.extends.map(q) ?? "null"),
                      "monthly_cost": \(q(money(phase.monthlyCost))),
                      "delta": \(cost.delta(of: phase).map { q(money($0)) } ?? "null"),
                      "low": \(q(money(phase.low))),
                      "high": \(q(money(phase.high))),
                      "tenants": \(phase.tenants.map { q($0.description) } ?? "null"),
                      "upfront": \(q(money(phase.upfront))),
                      "by_service": {\(services)},
                      "lines": [
                \(lines.joined(separator: ",\n"))
                      ]
                    }
                """)
        }
        return """
            {
              "scenario": \(q(cost.scenario)),
              "path": \(q(cost.path)),
              "region": \(q(cost.region)),
              "currency": \(q(cost.currency)),
              "hours_per_month": \(q(cost.hoursPerMonth.description)),
              "price_quality": \(qualityJSON(cost.priceQuality)),
              "phases": [
            \(phases.joined(separator: ",\n"))
              ]
            }

            """
    }

    static func qualityJSON(_ s: PriceQualitySummary) -> String {
        let counts = PriceQuality.allCases.map { "\(JSON.quote($0.rawValue)): \(s.counts[$0] ?? 0)" }
        return "{" + counts.joined(separator: ", ") + ", \"fixed\": \(s.fixed), \"update_command\": "
            + (s.updateCommand.map(JSON.quote) ?? "null") + "}"
    }

    // MARK: - CSV

    public static let csvHeader = [
        "scenario", "phase", "phase_name", "resource", "type", "service", "component", "quantity", "unit", "unit_price",
        "monthly_cost", "low", "high", "price_key", "price_origin", "price_quality", "price_source", "region", "tenants",
        "upfront",
    ]

    public static func csv(_ cost: ScenarioCost) -> String {
        var out = CSVWriter.line(csvHeader)
        for phase in cost.phases {
            for l in phase.lines {
                out += CSVWriter.line([
                    cost.scenario, phase.id, phase.name, l.resource, l.type, l.service, l.component, l.quantity.description,
                    l.unit, l.unitPrice.description, money(l.monthlyCost), money(l.low), money(l.high), l.priceKey,
                    l.priceOrigin, l.priceQuality.rawValue, l.priceSource, l.region, l.tenants?.description ?? "",
                    l.upfront.map(money) ?? "",
                ])
            }
        }
        return out
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
