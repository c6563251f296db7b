import Billing
import CostModel

/// Plan against actual spend for one service in one month.
public struct VarianceRow: Sendable {
    public var month: String
    /// AWS offer code, or `Fixed` for non-AWS lines (never on an AWS bill).
    public var service: String
    public var plan: Money
    public var actual: Money

    public init(month: String, service: String, plan: Money, actual: Money) {
        self.month = month
        self.service = service
        self.plan = plan
        self.actual = actual
    }

    public var variance: Money { actual - plan }
    /// Variance in percent of the plan, one decimal (nil when the plan is zero).
    public var percent: String? {
        guard plan.micros != 0 else { return nil }
        let num = Int128(variance.micros) * 1000
        let den = Int128(plan.micros)
        var tenths = num / den
        if 2 * (num % den).magnitude >= den.magnitude { tenths += (num < 0) != (den < 0) ? -1 : 1 }
        let sign = tenths < 0 ? "-" : "+"
        let m = tenths.magnitude
        return "\(sign)\(m / 10).\(m % 10)%"
    }
}

/// How a FORECASTED value was computed from month-to-date spend.
public struct Forecast: Sendable {
    public var month: String
    public var daysElapsed: Int
    public var daysInMonth: Int
    public var actualToDate: Money
    public var plan: Money
    public var forecast: Money

    /// `MTD + remaining days × (w × run rate + (1 − w) × plan rate)`, w = elapsed share of the
    /// month: early in a month the plan carries the forecast, late in it the bill does.
    public init(month: String, daysElapsed: Int, daysInMonth: Int, actualToDate: Money, plan: Money) {
        self.month = month
        self.daysElapsed = daysElapsed
        self.daysInMonth = daysInMonth
        self.actualToDate = actualToDate
        self.plan = plan
        let d = Int128(daysInMonth)
        let e = Int128(daysElapsed)
        let remaining = d - e
        // remaining × (e/d × mtd/e + (d−e)/d × plan/d) = remaining × (mtd + (d−e) × plan/d) / d
        let numerator = remaining * (Int128(actualToDate.micros) * d + (d - e) * Int128(plan.micros))
        let rest = (numerator + d * d / 2) / (d * d)
        forecast = Money(micros: actualToDate.micros + Int64(rest))
    }

    public var explanation: String {
        "\(actualToDate.formatted(decimals: 2)) to day \(daysElapsed) of \(daysInMonth) + \(daysInMonth - daysElapsed) days "
            + "at the run rate weighted \(daysElapsed)/\(daysInMonth) and the plan (\(plan.formatted(decimals: 2))/month) "
            + "weighted \(daysInMonth - daysElapsed)/\(daysInMonth)"
    }

    /// Days of a `YYYY-MM` month (Gregorian).
    public static func days(in month: String) -> Int {
        YearMonth(parsing: month)?.days ?? 30
    }
}

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
