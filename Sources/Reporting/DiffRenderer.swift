import CostModel

/// Renders phase comparisons as a table, JSON or Markdown.
public enum DiffRenderer {
    static func money(_ m: Money?) -> String { m.map { $0.formatted(decimals: 2) } ?? "" }
    static func signed(_ m: Money) -> String { (m.micros >= 0 ? "+" : "") + m.formatted(decimals: 2) }
    public static func percent(_ d: PhaseDiff) -> String { d.percent.map { signed($0) + "%" } ?? "new" }

    static func detail(_ l: CostLine?) -> String {
        guard let l else { return "" }
        return l.quantity.description + " " + l.unit + " × " + l.unitPrice.description
    }

    public static func table(_ diffs: [PhaseDiff], color: Bool) -> String {
        func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        var out = ""
        for (n, d) in diffs.enumerated() {
            if n > 0 { out += "\n" }
            out += bold("\(d.beforeLabel) -> \(d.afterLabel)") + "\n"
            var t = TextTable(
                header: ["RESOURCE", "COMPONENT", "BEFORE", "AFTER", "CHANGE", "", "DETAIL"], rightAligned: [2, 3, 4])
            for l in d.lines where l.status != "same" {
                let detail = l.status == "changed" ? detail(l.before) + " -> " + detail(l.after) : detail(l.after ?? l.before)
                t.add([
                    l.resource, l.component, money(l.before?.monthlyCost), money(l.after?.monthlyCost), signed(l.change),
                    l.status, detail,
                ])
            }
            out += t.rows.isEmpty ? "  no line changed\n" : t.render(indent: "  ")
            var s = TextTable(header: ["SERVICE", "BEFORE", "AFTER", "CHANGE"], rightAligned: [1, 2, 3])
            for (service, before, after) in d.services where before != after {
                s.add([service, money(before), money(after), signed(after - before)])
            }
            if !s.rows.isEmpty { out += "\n" + s.render(indent: "  ") }
            let unchanged = d.lines.filter { $0.status == "same" }.count
            out +=
                bold(
                    "total \(money(d.before.monthlyCost)) -> \(money(d.after.monthlyCost)): \(signed(d.change)) (\(percent(d)))")
                + "\n"
            if unchanged > 0 { out += "\(unchanged) line\(unchanged == 1 ? "" : "s") unchanged\n" }
        }
        return out
    }

    public static func json(_ diffs: [PhaseDiff]) -> String {
        func q(_ s: String) -> String { JSON.quote(s) }
        func m(_ v: Money?) -> String { v.map { q($0.formatted(decimals: 2)) } ?? "null" }
        let items = diffs.map { d -> String in
            let lines = d.lines.map { l in
                "      {\"resource\": \(q(l.resource)), \"component\": \(q(l.component)), \"service\": \(q(l.service)), "
                    + "\"status\": \(q(l.status)), \"before\": \(m(l.before?.monthlyCost)), \"after\": \(m(l.after?.monthlyCost)), "
                    + "\"change\": \(m(l.change)), \"before_unit_price\": \(l.before.map { q($0.unitPrice.description) } ?? "null"), "
                    + "\"after_unit_price\": \(l.after.map { q($0.unitPrice.description) } ?? "null"), "
                    + "\"before_quantity\": \(l.before.map { q($0.quantity.description) } ?? "null"), "
                    + "\"after_quantity\": \(l.after.map { q($0.quantity.description) } ?? "null")}"
            }
            let services = d.services.map { s in
                "{\"service\": \(q(s.service)), \"before\": \(m(s.before)), \"after\": \(m(s.after)), \"change\": \(m(s.after - s.before))}"
            }
            return """
                  {
                    "before": \(q(d.beforeLabel)),
                    "after": \(q(d.afterLabel)),
                    "before_total": \(m(d.before.monthlyCost)),
                    "after_total": \(m(d.after.monthlyCost)),
                    "change": \(m(d.change)),
                    "percent": \(m(d.percent)),
                    "services": [\(services.joined(separator: ", "))],
                    "lines": [
                \(lines.joined(separator: ",\n"))
                    ]
                  }
                """
        }
        return "[\n" + items.joined(separator: ",\n") + "\n]\n"
    }

    public static func markdown(_ diffs: [PhaseDiff]) -> String {
        func usd(_ m: Money?) -> String {
            guard let m else { return "" }
            return (m.micros < 0 ? "-$" : "$") + Money(micros: abs(m.micros)).formatted(decimals: 2)
        }
        func signedUSD(_ m: Money) -> String { (m.micros >= 0 ? "+" : "") + usd(m) }
        var out = ""
        for d in diffs {
            out += "### \(PlanRenderer.md(d.beforeLabel)) → \(PlanRenderer.md(d.afterLabel))\n\n"
            out += "| Resource | Component | Before | After | Change |\n|---|---|---:|---:|---:|\n"
            for l in d.lines where l.status != "same" {
                out +=
                    "| \(PlanRenderer.md(l.resource)) | \(PlanRenderer.md(l.component)) | \(usd(l.before?.monthlyCost)) | "
                    + "\(usd(l.after?.monthlyCost)) | \(signedUSD(l.change)) |\n"
            }
            out +=
                "| **Total** | | **\(usd(d.before.monthlyCost))** | **\(usd(d.after.monthlyCost))** | **\(signedUSD(d.change))** |\n\n"
        }
        return out
    }
}
