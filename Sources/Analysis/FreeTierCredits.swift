import CostModel
import Pricing

extension Engine {
    /// One credit line per always-free allowance the phase uses: the allowance is consumed by the
    /// covered lines in their order, at each of the low, expected and high usage points, and the
    /// credit is what those free units cost at the lines' own (tiered) prices. Never more than the
    /// covered lines cost; never per resource.
    mutating func freeTierCredits(_ lines: [CostLine], region: String) throws -> [CostLine] {
        var credits: [CostLine] = []
        for allowance in FreeTiers.alwaysFree {
            let covered = lines.filter { $0.priceOrigin != .fixed && allowance.covers($0.priceKey) }
            guard !covered.isEmpty else { continue }
            guard let free = try price(allowance.key, region), let amount = free.tiers.first?.end else {
                let missing = resolver.missingPrice(key: allowance.key, region: region)
                throw UserError(message: missing.message, hint: missing.hint, status: .dataError)
            }
            var exact: [Int128] = [0, 0, 0]
            var used = Quantity.zero
            for point in 0..<3 {
                var remaining = amount
                for line in covered {
                    guard let p = try price(line.priceKey, line.region) else { continue }
                    let q = [line.lowQuantity ?? line.quantity, line.quantity, line.highQuantity ?? line.quantity][point]
                    let freeUnits = Quantity.min(remaining, q)
                    remaining = remaining - freeUnits
                    exact[point] += Engine.exactCost(q, p.tiers) - Engine.exactCost(q - freeUnits, p.tiers)
                    if point == 1 { used = used + freeUnits }
                }
            }
            guard exact[1] > 0 || exact[2] > 0 else { continue }
            let first = covered[0]
            var name = resolver.registry.selector(for: allowance.key)?.description ?? allowance.key
            if let cut = name.range(of: " (allowance") { name = String(name[..<cut.lowerBound]) }
            if let cut = name.range(of: ", account-wide") { name = String(name[..<cut.lowerBound]) }
            // The unit price shown is what one free unit would have cost (the first covered
            // line's first tier); the credit is exact over tiers and lines.
            let saved = try price(first.priceKey, first.region)?.tiers.first?.price ?? .zero
            credits.append(
                CostLine(
                    resource: "free-tier", type: "free_tier", service: first.service, component: name, quantity: used,
                    unit: free.unit, unitPrice: saved, tiered: false,
                    monthlyCost: Money(micros: -Money.rounded(exact[1], scale: 16, toCents: true).micros),
                    low: Money(micros: -Money.rounded(exact[0], scale: 16, toCents: true).micros),
                    high: Money(micros: -Money.rounded(exact[2], scale: 16, toCents: true).micros), priceKey: allowance.key,
                    priceSource: free.source, priceOrigin: free.priceOrigin,
                    priceQuality: free.quality, priceEffectiveDate: free.effectiveDate, region: region, tenants: nil))
        }
        return credits
    }
}
