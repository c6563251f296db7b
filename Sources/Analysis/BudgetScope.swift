import CostModel

/// What a budget's scope covers of one priced phase of the plan.
///
/// Every line carries the scenario's `tags:`; each tenant's share of a per-tenant line (the
/// finance file's split, ``Finance/usageRows(_:month:phase:)``: the cost divided to the cent,
/// the first tenants taking the odd cents) also carries `Tenant: tenant-N`. A scope covers the
/// lines of its service (if any) whose tags include all of its tags; a scope that names a tenant
/// covers that tenant's shares only.
public struct ScopedCost: Sendable {
    /// Monthly cost in scope at low, expected and high usage.
    public var low: Money = .zero
    public var expected: Money = .zero
    public var high: Money = .zero
    /// Expected monthly cost in scope per AWS service, in first-seen order.
    public var byService: [(service: String, cost: Money)] = []
    /// The tenant the scope names when the phase has no such tenant (fewer tenants, or no
    /// per-tenant lines): the budget then sees 0.00 of the plan there.
    public var missingTenant: String?

    /// The part of `phase` that `budget` covers; `scenarioTags` are the tags every line carries.
    public init(_ budget: Budget, phase: PhaseCost, scenarioTags: [(String, String)]) {
        let lines = phase.lines.filter { budget.service == nil || $0.service == budget.service }
        var expectedByService: [(String, Money)] = []
        func add(_ service: String, low: Money, expected: Money, high: Money) {
            self.low += low
            self.expected += expected
            self.high += high
            expectedByService.append((service, expected))
        }
        let filter = budget.tagFilter
        if filter.isEmpty {
            for l in lines { add(l.service, low: l.low, expected: l.monthlyCost, high: l.high) }
        } else {
            var base: [String: String] = [:]
            for (k, v) in scenarioTags { base[k.lowercased()] = v }
            let tenantKey = Budget.tenantTagKey.lowercased()
            if let tenant = budget.scopedTenant {
                // Shares of per-tenant lines carry their tenant; shared lines the scenario's tags.
                for l in lines {
                    for row in Finance.usageRows(l, month: YearMonth(year: 2000, month: 1), phase: phase.id) {
                        var tags = base
                        if Finance.wholeTenants(l) != nil { tags[tenantKey] = row.tenant }
                        if budget.matches(tags: tags) { add(l.service, low: row.low, expected: row.effective, high: row.high) }
                    }
                }
                let most = phase.lines.compactMap(Finance.wholeTenants).max() ?? 0
                let named = most > 0 && (1...most).contains { "tenant-\($0)" == tenant }
                if !named && base[tenantKey] != tenant { missingTenant = tenant }
            } else if budget.matches(tags: base) {
                for l in lines { add(l.service, low: l.low, expected: l.monthlyCost, high: l.high) }
            }
        }
        byService = expectedByService.sums(by: \.0, \.1).map { (service: $0.0, cost: $0.1) }
    }
}
