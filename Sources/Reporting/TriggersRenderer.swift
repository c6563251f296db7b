import CostModel

/// `triggers`: for each phase, whether it is due, what it costs and each indicator's state.
public enum TriggersRenderer {
    static func m(_ v: Money) -> String { v.formatted(decimals: 2) }

    /// A measured value as text: whole numbers plainly, others with two decimals, `-` for none.
    static func value(_ v: Double?) -> String {
        guard let v else { return "" }
        return v.isFinite ? JSONWriter.numberText(v) : "-"
    }

    public static func table(_ phases: [PhaseDue]) -> String {
        var out = OutputBuffer()
        for p in phases {
            let fit = p.budgets.map { "\($0.fits ? "fits" : "exceeds") \($0.name) (\(m($0.limit))/month)" }
            let delta = p.delta.map { ($0.micros >= 0 ? "+" : "") + m($0) } ?? ""
            out.append(
                "\(p.phase): \(p.due ? "DUE" : "not due") (\(p.met) of \(p.required) required met); "
                    + "\(m(p.monthlyCost))/month, \(delta) from the phase it extends"
                    + (fit.isEmpty ? "" : "; " + fit.joined(separator: ", ")) + "\n")
            var t = TextTable(header: ["INDICATOR", "STATE", "VALUE", "EVIDENCE"], rightAligned: [2])
            for r in p.results { t.add([r.indicator.text, r.state.rawValue.uppercased(), value(r.value), r.evidence]) }
            t.render(into: &out)
            out.append(UInt8(ascii: "\n"))
        }
        return out.text
    }

    public static func json(_ phases: [PhaseDue]) -> String {
        JSONWriter.document(
            .array(
                phases.map { p in
                    .object(
                        [
                            ("phase", .string(p.phase)), ("due", .bool(p.due)), ("met", .int(p.met)),
                            ("required", .int(p.required)), ("monthly_cost", .money(p.monthlyCost)),
                            ("delta", .money(p.delta)),
                            (
                                "budgets",
                                .array(
                                    p.budgets.map {
                                        .object(
                                            [
                                                ("budget", .string($0.name)), ("monthly_limit", .money($0.limit)),
                                                ("fits", .bool($0.fits)),
                                            ], .inline)
                                    }, .inline)
                            ),
                            (
                                "indicators",
                                .array(
                                    p.results.map { r in
                                        .object(
                                            [
                                                ("indicator", .string(r.indicator.text)),
                                                ("state", .string(r.state.rawValue)),
                                                ("value", r.value.map { .number($0) } ?? .null),
                                                ("evidence", .string(r.evidence)),
                                            ], .inline)
                                    }, .block)
                            ),
                        ], .block)
                }, .block))
    }
}
