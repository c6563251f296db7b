import CostModel

/// `simulate`: percentiles per phase and what drives the spread.
public enum SimulationRenderer {
    static func m(_ v: Money) -> String { v.formatted(decimals: 2) }

    public static func table(_ r: SimulationResult) -> String {
        var out = OutputBuffer()
        out.append(
            "\(r.samples) samples, seed \(r.seed), \(r.variables.count) uncertain inputs: \(r.variables.joined(separator: ", "))\n"
        )
        var t = TextTable(
            header: ["PHASE", "PLAN", "LOW..HIGH", "P10", "P50", "P90", "MEAN", "DRIVEN MOST BY"],
            rightAligned: [1, 2, 3, 4, 5, 6])
        for p in r.phases {
            let drivers = p.drivers.prefix(3).map { "\($0.label) \($0.swing.micros >= 0 ? "+" : "")\(m($0.swing))" }
            t.add([
                p.id, m(p.expected), "\(m(p.low))..\(m(p.high))", m(p.p10), m(p.p50), m(p.p90), m(p.mean),
                drivers.joined(separator: ", "),
            ])
        }
        t.render(into: &out)
        let differing = r.phases.filter { $0.mean != $0.expected }.map(\.id)
        if !differing.isEmpty {
            out.append(
                "note: MEAN differs from PLAN in \(differing.joined(separator: ", ")): the plan prices each uncertain input "
                    + "at its expected value (the middle of its range), while the mean averages the costs over the inputs' "
                    + "distributions (a skewed one, such as lognormal or triangular, or tiered prices, move it away; with uniform ranges the gap is sampling noise, smaller with more --samples)\n"
            )
        }
        return out.text
    }

    public static func json(_ r: SimulationResult) -> String {
        JSONWriter.document(
            .object(
                [
                    ("samples", .int(r.samples)), ("seed", .uint(r.seed)),
                    ("inputs", .strings(r.variables)),
                    (
                        "phases",
                        .array(
                            r.phases.map { p in
                                .object(
                                    [
                                        ("id", .string(p.id)), ("expected", .money(p.expected)), ("low", .money(p.low)),
                                        ("high", .money(p.high)), ("p10", .money(p.p10)), ("p50", .money(p.p50)),
                                        ("p90", .money(p.p90)), ("mean", .money(p.mean)),
                                        (
                                            "drivers",
                                            .array(
                                                p.drivers.map {
                                                    .object([("input", .string($0.label)), ("swing", .money($0.swing))], .inline)
                                                }, .inline)
                                        ),
                                    ], .inline)
                            }, .block)
                    ),
                ], .block))
    }
}
