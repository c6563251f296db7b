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

    /// Whether the notification fires for a period cost.
    public func fires(_ value: Money) -> Bool {
        switch notification.comparison {
        case .greaterThan: return value > threshold
        case .lessThan: return value < threshold
        case .equalTo: return value == threshold
        }
    }

    /// A notification's threshold in USD for a budget limit (a percentage rounded to the cent).
    public static func threshold(_ n: Budget.Notification, limit: Money) -> Money {
        n.thresholdType == .absoluteValue
            ? Money(micros: n.threshold.millionths)
            : Money(micros: Int64(Int128(limit.micros) * Int128(n.threshold.millionths) / 100_000_000)).roundedToCents
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
                let lines = phase.lines.filter { budget.service == nil || $0.service == budget.service }
                let months = budget.period.months
                func total(_ value: (CostLine) -> Money) -> Money {
                    Money(micros: lines.reduce(0) { $0 + value($1).micros } * months)
                }
                for n in budget.notifications {
                    alarms.append(
                        BudgetAlarm(
                            budget: budget.name, phase: phase.id, notification: n, limit: limit,
                            threshold: BudgetAlarm.threshold(n, limit: limit),
                            low: total(\.low), expected: total(\.monthlyCost), high: total(\.high)))
                }
            }
        }
        return alarms
    }
}
