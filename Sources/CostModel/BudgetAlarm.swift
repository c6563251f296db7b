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

    public init(
        budget: String, phase: String, notification: Budget.Notification, limit: Money, threshold: Money, low: Money,
        expected: Money, high: Money, missingTenant: String? = nil
    ) {
        self.budget = budget
        self.phase = phase
        self.notification = notification
        self.limit = limit
        self.threshold = threshold
        self.low = low
        self.expected = expected
        self.high = high
        self.missingTenant = missingTenant
    }

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
