import CostModel

/// `break-even`: where two phases cost the same as one input varies.
public enum BreakEvenRenderer {
    /// `nameA` and `nameB` label the two sides (phase, file, overrides).
    public static func text(_ r: BreakEven, nameA: String, nameB: String) -> String {
        func usd(_ m: Money) -> String { "$" + m.formatted(decimals: 2) }
        var out = "\(nameA) vs \(nameB), \(r.key) from \(r.from) to \(r.to):\n"
        out += "  at \(r.from): \(nameA) \(usd(r.atFrom.0)), \(nameB) \(usd(r.atFrom.1))\n"
        if r.points.isEmpty {
            let cheaper = r.atFrom.0 < r.atFrom.1 ? nameA : nameB
            out += "  no break-even in this range: \(cheaper) is cheaper throughout\n"
        }
        for p in r.points {
            switch p.kind {
            case .crossing:
                out += "  break-even at \(r.key) = \(p.value): \(usd(p.costA)) per month each\n"
            case .equal(let end):
                out += "  equal from \(r.key) = \(p.value) to \(end): \(usd(p.costA)) per month each at \(p.value)\n"
            }
        }
        out += "  at \(r.to): \(nameA) \(usd(r.atTo.0)), \(nameB) \(usd(r.atTo.1))\n"
        return out
    }
}
