import CostModel

/// One budget notification evaluated against one phase of the plan.
public struct BudgetAlarm: Sendable {
    public var budget: String
    public var phase: String
    public var notification: Budget.Notification
    /// The budget's limit for the period.
    public var limit: Money
    /// The notification's threshold in USD for the period.
    public var threshold: Money
    /// The phase's cost for the period (lines in the budget's scope) at low, expected and high usage.
    public var low: Money
    public var expected: Money
    public var high: Money
    /// The tenant the budget is scoped to when the phase has no such tenant: the plan's cost in
    /// scope is then 0.00 (see ``ScopedCost``), and the commands warn.
    public var missingTenant: String? = nil

    /// Whether the notification fires for a period cost.
    public func fires(_ value: Money) -> Bool {
        switch notification.comparison {
        case .greaterThan: return value > threshold
        case .lessThan: return value < threshold
        case .equalTo: return value == threshold
        }
    }

    /// A notification's threshold in USD for a budget limit (a percentage rounded to the cent;
    /// the loader keeps it within ``Money/largest``, see ``Budget/limitProblem``).
    public static func threshold(_ n: Budget.Notification, limit: Money) -> Money {
        n.thresholdType == .absoluteValue
            ? Money(micros: n.threshold.millionths)
            : Money.checked(Int128(limit.micros) * Int128(n.threshold.millionths) / 100_000_000).roundedToCents
    }

    /// One warning per budget scoped to a tenant that some phases of `alarms` do not have.
    public static func tenantWarnings(_ alarms: [BudgetAlarm]) -> [String] {
        var order: [String] = []
        var phases: [String: [String]] = [:]
        var tenants: [String: String] = [:]
        for a in alarms {
            guard let tenant = a.missingTenant else { continue }
            if phases[a.budget] == nil { order.append(a.budget) }
            if !(phases[a.budget] ?? []).contains(a.phase) { phases[a.budget, default: []].append(a.phase) }
            tenants[a.budget] = tenant
        }
        return order.map { b in
            let list = phases[b]!
            return "budget '\(b)' is scoped to tenant '\(tenants[b]!)', which phase\(list.count == 1 ? "" : "s") "
                + "\(list.joined(separator: ", ")) \(list.count == 1 ? "does" : "do") not have: its planned spend there is 0.00"
        }
    }

    /// Threshold minus the expected cost (how much room is left before a GREATER_THAN fires).
    public var margin: Money { threshold - expected }
}

extension Engine {
    /// Every notification of every budget against every phase in its scope (or `phases` when
    /// given): would the plan breach it at low, expected or high usage? For a plan, actual and
    /// forecasted spend are both the planned cost.
    public mutating func checkBudgets(path: String, phases ids: [String], overrides: Overrides) throws -> [BudgetAlarm] {
        let (scenario, phases) = try validate(path: path)
        let cost = try plan(scenario, phases, overrides: overrides)
        for id in ids { _ = try cost.requirePhase(id) }
        if scenario.budgets.isEmpty {
            throw UserError(
                path: path, "the scenario has no budgets",
                hint: "add a 'budgets:' list (see README, 'Budgets')", status: .dataError)
        }
        var alarms: [BudgetAlarm] = []
        for budget in scenario.budgets {
            for phase in cost.phases {
                if !budget.covers(phase: phase.id) { continue }
                if !ids.isEmpty && !ids.contains(phase.id) { continue }
                guard let limit = budget.limit(phase: phase.id) else { continue }
                let scoped = ScopedCost(budget, phase: phase, scenarioTags: scenario.tags)
                let months = budget.period.months
                func total(_ value: Money) -> Money { Money(micros: value.micros * months) }
                for n in budget.notifications {
                    alarms.append(
                        BudgetAlarm(
                            budget: budget.name, phase: phase.id, notification: n, limit: limit,
                            threshold: BudgetAlarm.threshold(n, limit: limit), low: total(scoped.low),
                            expected: total(scoped.expected), high: total(scoped.high), missingTenant: scoped.missingTenant))
                }
            }
        }
        return alarms
    }
}
