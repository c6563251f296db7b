import Billing
import CostModel

extension Engine {
    /// Plan (the phase's expected monthly cost) against actual spend, per month and service.
    /// With `budget`, both sides are limited to that budget's scope: its service, and the lines
    /// and bill rows carrying its tags or tenant (see ``ScopedCost`` and ``Actuals/filtered(tags:)``).
    public mutating func variance(
        path: String, phase id: String, overrides: Overrides, actuals: Actuals, budget name: String? = nil
    ) throws -> [VarianceRow] {
        let (scenario, phase) = try pricedPhase(path: path, id: id, overrides: overrides)
        var bills = actuals
        var plannedServices = phase.byService
        var onlyService: String?
        if let name {
            let budget = try scenario.requireBudget(name)
            if let scoped = budget.phase, scoped != phase.id {
                throw UserError(
                    message: "budget '\(name)' is scoped to phase '\(scoped)', not '\(phase.id)'",
                    hint: "use --phase \(scoped), or another budget", status: .usage)
            }
            plannedServices = ScopedCost(budget, phase: phase, scenarioTags: scenario.tags).byService
            if !budget.tagFilter.isEmpty { bills = actuals.filtered(tags: budget.matches(tags:)) }
            onlyService = budget.service
        }
        let planned = Dictionary(plannedServices, uniquingKeysWith: { a, _ in a })
        var rows: [VarianceRow] = []
        for month in bills.months {
            var services = Set(planned.keys).union(bills.services(month: month))
            if let onlyService { services = services.filter { $0 == onlyService }.union([onlyService]) }
            for s in services.sorted() {
                rows.append(
                    VarianceRow(
                        month: month, service: s, plan: planned[s] ?? .zero, actual: bills.total(month: month, service: s)))
            }
        }
        return rows
    }

    /// Budgets of the scenario against a month of actual spend while running `phase`: ACTUAL
    /// notifications see month-to-date spend, FORECASTED ones the ``Forecast``. A budget longer
    /// than a month compares its monthly share. Returns the alarms and the forecast used.
    public mutating func checkBudgets(
        path: String, phase id: String, month: String?, overrides: Overrides, actuals: Actuals
    ) throws -> (alarms: [BudgetAlarm], forecasts: [String: Forecast]) {
        let (scenario, phase) = try pricedPhase(path: path, id: id, overrides: overrides)
        guard let month = month ?? actuals.months.last else {
            throw UserError(message: "the bills hold no spend", hint: "check the --actuals files", status: .dataError)
        }
        try actuals.requireMonth(month)
        var alarms: [BudgetAlarm] = []
        var forecasts: [String: Forecast] = [:]
        for budget in scenario.budgets {
            if !budget.covers(phase: phase.id) { continue }
            guard let periodLimit = budget.limit(phase: phase.id) else { continue }
            let limit = Money(micros: periodLimit.micros / budget.period.months)
            let scoped = ScopedCost(budget, phase: phase, scenarioTags: scenario.tags)
            let plan = scoped.expected
            let bills = budget.tagFilter.isEmpty ? actuals : actuals.filtered(tags: budget.matches(tags:))
            let actual = bills.total(month: month, service: budget.service)
            let forecast = Forecast(
                month: month, daysElapsed: actuals.lastDay[month] ?? 0, daysInMonth: Forecast.days(in: month),
                actualToDate: actual, plan: plan)
            forecasts[budget.name] = forecast
            for n in budget.notifications {
                let value = n.kind == .actual ? actual : forecast.forecast
                alarms.append(
                    BudgetAlarm(
                        budget: budget.name, phase: phase.id, notification: n, limit: limit,
                        threshold: BudgetAlarm.threshold(n, limit: limit), low: value, expected: value, high: value,
                        missingTenant: scoped.missingTenant))
            }
        }
        if alarms.isEmpty {
            throw UserError(
                path: path, "no budget of the scenario applies to phase '\(phase.id)'",
                hint: "add a 'budgets:' entry for it (see README, 'Budgets')", status: .dataError)
        }
        return (alarms, forecasts)
    }

    /// The scenario and one phase of it, priced (a usage error when there is no such phase).
    mutating func pricedPhase(path: String, id: String, overrides: Overrides) throws -> (Scenario, PhaseCost) {
        let (scenario, phases) = try validate(path: path)
        return (scenario, try plan(scenario, phases, overrides: overrides).requirePhase(id))
    }
}
