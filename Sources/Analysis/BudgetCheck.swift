import CostModel

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
