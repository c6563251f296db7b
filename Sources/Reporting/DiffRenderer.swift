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
        func price(_ l: CostLine?) -> JSONValue { .string(l?.unitPrice.description) }
        func quantity(_ l: CostLine?) -> JSONValue { .string(l?.quantity.description) }
        return JSONWriter.document(
            .array(
                diffs.map { d in
                    .object(
                        [
                            ("before", .string(d.beforeLabel)), ("after", .string(d.afterLabel)),
                            ("before_total", .money(d.before.monthlyCost)), ("after_total", .money(d.after.monthlyCost)),
                            ("change", .money(d.change)), ("percent", .money(d.percent)),
                            (
                                "services",
                                .array(
                                    d.services.map { s in
                                        .object(
                                            [
                                                ("service", .string(s.service)), ("before", .money(s.before)),
                                                ("after", .money(s.after)), ("change", .money(s.after - s.before)),
                                            ], .inline)
                                    }, .inline)
                            ),
                            (
                                "lines",
                                .array(
                                    d.lines.map { l in
                                        .object(
                                            [
                                                ("resource", .string(l.resource)), ("component", .string(l.component)),
                                                ("service", .string(l.service)), ("status", .string(l.status)),
                                                ("before", .money(l.before?.monthlyCost)),
                                                ("after", .money(l.after?.monthlyCost)), ("change", .money(l.change)),
                                                ("before_unit_price", price(l.before)), ("after_unit_price", price(l.after)),
                                                ("before_quantity", quantity(l.before)), ("after_quantity", quantity(l.after)),
                                            ], .inline)
                                    }, .block)
                            ),
                        ], .block)
                }, .block))
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
