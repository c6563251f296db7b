import CostModel
import Pricing

/// The limits of what the engine plans with: every quantity at most ``Quantity/largest`` and
/// every amount (a line, a phase's month, a fixed cost) at most ``Money/largest``. Numbers
/// beyond them are input errors pointing at the number that caused them, found by `check` as
/// well as `plan` (both evaluate every resource at its low, expected and high values).
extension Engine {
    static let limitHint =
        "orcha-cost plans up to 9000000000000 units and 900000000.00 USD a month per line and per phase: check the digits of that number"

    /// The number most likely to have made a resource's lines too large: its largest number
    /// parameter (or the usage input it refers to) at the high value, or the tenant count of a
    /// per-tenant resource when that is larger; with where it was written.
    static func culprit(_ resource: ResourceSpec, _ phase: ResolvedPhase, perTenant: Bool) -> (
        what: String, location: InputLocation
    ) {
        var best: (value: Quantity, what: String, location: InputLocation)?
        for (name, param) in resource.params.sorted(by: { $0.key < $1.key }) {
            let value: Quantity?
            switch param.value {
            case .number(let e): value = e.high
            case .usage(let u): value = phase.usage[u]?.high
            case .text, .flag: value = nil
            }
            if let value, best.map({ value > $0.value }) ?? true {
                best = (value, "'\(name)' \(value)", param.location)
            }
        }
        if perTenant, best.map({ phase.tenants.high > $0.value }) ?? true {
            return ("tenants \(phase.tenants.high)", phase.tenantsLocation ?? phase.location)
        }
        return best.map { ($0.what, $0.location) } ?? ("resource '\(resource.id)'", resource.location)
    }

    /// A quantity of the resource that is beyond ``Quantity/largest`` at some point (or a fixed
    /// amount beyond ``Money/largest``), as a diagnostic at the number that caused it.
    static func quantityProblem(
        _ resource: ResourceSpec, _ rule: any ServiceRule, _ points: [RuleInput], perTenant: Bool, _ phase: ResolvedPhase
    ) -> Diagnostic? {
        if rule.type == "fixed", let monthly = resource.params["monthly"] {
            let high = points.map { $0.number("monthly") }.max() ?? .zero
            if high.isOverflow || high.millionths > Money.largest.micros {
                return monthly.location.diagnostic(
                    "'monthly' \(high.isOverflow ? "" : "\(high) ")exceeds the largest amount orcha-cost can represent (\(Money.largest.formatted()) USD a month)",
                    hint: limitHint)
            }
        }
        for (i, input) in points.enumerated() {
            let n = phase.tenants.at(Estimate.Point.allCases[i])
            for component in rule.components(input) {
                let quantity = perTenant ? component.quantity * n : component.quantity
                let prepaid = component.prepaidMonths.map { quantity * Quantity($0) } ?? .zero
                if quantity.isOverflow || prepaid.isOverflow {
                    let (what, location) = culprit(resource, phase, perTenant: perTenant)
                    return location.diagnostic(
                        "\(what) gives resource '\(resource.id)' a quantity (\(component.name)) that exceeds the largest amount orcha-cost can represent (\(Quantity.largest) a month)",
                        hint: limitHint)
                }
            }
        }
        return nil
    }

    /// A priced line of the resource that costs more than ``Money/largest`` at some point.
    static func costProblem(_ lines: [CostLine], _ resource: ResourceSpec, perTenant: Bool, _ phase: ResolvedPhase)
        -> Diagnostic?
    {
        guard
            let line = lines.first(where: { l in
                l.quantity.isOverflow || [l.monthlyCost, l.low, l.high, l.upfront ?? .zero].contains(where: \.exceedsLargest)
            })
        else { return nil }
        let (what, location) = culprit(resource, phase, perTenant: perTenant)
        return location.diagnostic(
            "\(what) gives resource '\(resource.id)' a cost (\(line.component)) that exceeds the largest amount orcha-cost can represent (\(Money.largest.formatted()) USD a month)",
            hint: limitHint)
    }

    /// The phase's monthly total (at low, expected or high usage, or its upfront fees) when it is
    /// more than ``Money/largest``, as a diagnostic at the phase.
    static func totalProblem(_ lines: [CostLine], _ phase: ResolvedPhase) -> Diagnostic? {
        var sums = [Int128](repeating: 0, count: 4)
        for l in lines {
            sums[0] += Int128(l.monthlyCost.micros)
            sums[1] += Int128(l.low.micros)
            sums[2] += Int128(l.high.micros)
            sums[3] += Int128(l.upfront?.micros ?? 0)
        }
        guard sums.contains(where: { $0.magnitude > UInt128(Money.largest.micros) }) else { return nil }
        return phase.location.diagnostic(
            "phase '\(phase.id)' costs more in a month than the largest amount orcha-cost can represent (\(Money.largest.formatted()) USD)",
            hint: "the lines add up to more than that at high usage; " + limitHint)
    }
}
