import CostModel
import Pricing

/// The monthly finance rows of a scenario: every month of the timeline × every line of the
/// phase running that month. The effective costs of a month add up exactly to that phase's plan
/// total; billed costs too, except in months where an upfront fee is paid (billed is cash).
public enum Finance {
    public static func rows(_ cost: ScenarioCost, _ timeline: Timeline) -> [FinanceRow] {
        let phases = Dictionary(cost.phases.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [FinanceRow] = []
        // Lines with an upfront fee, by resource and component: month their current term began.
        var termStart: [String: YearMonth] = [:]
        for (i, month) in timeline.months.enumerated() {
            guard let id = timeline.phases[i], let phase = phases[id] else { continue }
            var running: [String: YearMonth] = [:]
            for line in phase.lines {
                if let upfront = line.upfront {
                    let key = line.resource + "\u{1F}" + line.component
                    let commitment = CommitmentKey(line.priceKey)
                    let term = commitment?.termMonths ?? 12
                    var started = termStart[key] ?? month
                    if month.months(since: started) >= term { started = month }
                    running[key] = started
                    if started == month {
                        rows.append(
                            FinanceRow(
                                month: month, phase: id, line: line, kind: .purchase, tenant: nil, billed: upfront,
                                effective: .zero, quantity: Quantity(1), low: upfront, high: upfront,
                                commitment: commitment.map(kind)))
                    }
                }
                rows += usageRows(line, month: month, phase: id)
            }
            termStart = running
        }
        return rows
    }

    /// The month's rows of a line: one, or one per tenant when a per-tenant line covers a whole
    /// number of tenants (its cost split to the cent, the first tenants taking the odd cents).
    static func usageRows(_ line: CostLine, month: YearMonth, phase: String) -> [FinanceRow] {
        let key = CommitmentKey(line.priceKey)
        let commitment = key.map(kind)
        let prepaidShare = line.upfront.map { Money(micros: $0.micros / (key?.termMonths ?? 12)).roundedToCents } ?? .zero
        let billed = line.monthlyCost - prepaidShare
        guard let tenants = line.tenants else {
            return [
                FinanceRow(
                    month: month, phase: phase, line: line, kind: .usage, tenant: nil, billed: billed,
                    effective: line.monthlyCost, quantity: line.quantity, low: line.low, high: line.high,
                    commitment: commitment)
            ]
        }
        guard let n = wholeTenants(line) else {
            return [
                FinanceRow(
                    month: month, phase: phase, line: line, kind: .usage, tenant: "\(tenants) tenants", billed: billed,
                    effective: line.monthlyCost, quantity: line.quantity, low: line.low, high: line.high,
                    commitment: commitment)
            ]
        }
        func cents(_ m: Money) -> [Money] { split(m.micros / 10_000, n).map { Money(micros: $0 * 10_000) } }
        let (b, e, lo, hi) = (cents(billed), cents(line.monthlyCost), cents(line.low), cents(line.high))
        let q = split(line.quantity.millionths, n)
        return (0..<n).map { t in
            FinanceRow(
                month: month, phase: phase, line: line, kind: .usage, tenant: "tenant-\(t + 1)", billed: b[t], effective: e[t],
                quantity: Quantity(millionths: q[t]), low: lo[t], high: hi[t], commitment: commitment)
        }
    }

    /// The number of tenants a per-tenant line is split into (`tenant-1` ... `tenant-N`); nil for
    /// a shared line, or one whose tenant count is not a whole number from 1 to 10,000.
    static func wholeTenants(_ line: CostLine) -> Int? {
        guard let tenants = line.tenants, tenants.millionths % Quantity.one == 0 else { return nil }
        let whole = tenants.millionths / Quantity.one
        return whole >= 1 && whole <= 10_000 ? Int(whole) : nil
    }

    /// `total` in `n` whole parts that differ by at most one and add up to it exactly.
    static func split(_ total: Int64, _ n: Int) -> [Int64] {
        let base = total / Int64(n)
        let rest = Int(total - base * Int64(n))
        let step: Int64 = rest >= 0 ? 1 : -1
        return (0..<n).map { base + ($0 < abs(rest) ? step : 0) }
    }

    /// FOCUS `CommitmentDiscountType` of a commitment price.
    static func kind(_ key: CommitmentKey) -> String { key.savingsPlan ? "Savings Plan" : "Reserved Instance" }
}
