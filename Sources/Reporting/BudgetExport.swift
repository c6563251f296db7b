import CostModel

/// AWS Budgets JSON for `aws budgets create-budget --account-id ID --budget file://NAME.budget.json
/// --notifications-with-subscribers file://NAME.notifications.json`.
public enum BudgetExport {
    /// The `--budget` document. `limit` is the amount per period (a planned budget passes the
    /// amount of the phase being exported).
    public static func budget(_ b: Budget, limit: Money, tags: [(String, String)]) -> String {
        var filters: [String] = []
        if let service = b.service {
            filters.append("\"Service\": [\(JSON.quote(AWSServiceNames.costExplorer[service] ?? service))]")
        }
        if !tags.isEmpty {
            filters.append("\"TagKeyValue\": [" + tags.map { JSON.quote("user:\($0.0)$\($0.1)") }.joined(separator: ", ") + "]")
        }
        return """
            {
              "BudgetName": \(JSON.quote(b.name)),
              "BudgetType": "COST",
              "TimeUnit": \(JSON.quote(b.period.rawValue.uppercased())),
              "BudgetLimit": {"Amount": \(JSON.quote(limit.formatted(decimals: 2))), "Unit": "USD"},
              "CostFilters": {\(filters.joined(separator: ", "))}
            }

            """
    }

    /// The `--notifications-with-subscribers` document.
    public static func notifications(_ b: Budget) -> String {
        let items = b.notifications.map { n -> String in
            let subscribers = n.subscribers.map { "{\"SubscriptionType\": \"EMAIL\", \"Address\": \(JSON.quote($0))}" }
            return """
                  {
                    "Notification": {"NotificationType": \(JSON.quote(n.kind.rawValue)), "ComparisonOperator": \(JSON.quote(n.comparison.rawValue)), "Threshold": \(n.threshold.description), "ThresholdType": \(JSON.quote(n.thresholdType.rawValue))},
                    "Subscribers": [\(subscribers.joined(separator: ", "))]
                  }
                """
        }
        return "[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]\n" : "\n]\n")
    }
}
