import CostModel

/// AWS Budgets JSON for `aws budgets create-budget --account-id ID --budget file://NAME.budget.json
/// --notifications-with-subscribers file://NAME.notifications.json`.
public enum BudgetExport {
    /// The `TagKeyValue` values of a budget's cost filter, `user:KEY$VALUE`, each once. AWS
    /// Budgets count a cost that carries any one of the values of a filter, so a filter can name
    /// one tag only without widening the budget: a budget scoped by a tag or a tenant filters on
    /// that tag; a budget without such a scope on the scenario's `Project` tag (its first tag
    /// when it has none). Listing all the scenario's tags would count every cost tagged, say,
    /// Environment=prod, of any project in the account.
    public static func tagKeyValues(_ b: Budget, scenarioTags: [(String, String)]) -> [String] {
        let project = scenarioTags.first { $0.0 == "Project" } ?? scenarioTags.first
        let pairs = b.tagFilter.isEmpty ? (project.map { [$0] } ?? []) : b.tagFilter.map { ($0.key, $0.value) }
        var seen = Set<String>()
        return pairs.map { "user:\($0.0)$\($0.1)" }.filter { seen.insert($0).inserted }
    }

    /// Why a budget cannot be written as one AWS budget (nil when it can): a scope of several
    /// tags needs costs carrying all of them, and a cost filter matches any one of its values.
    public static func problem(_ b: Budget) -> Diagnostic? {
        let tags = b.tagFilter
        guard tags.count > 1 else { return nil }
        return b.location.diagnostic(
            "budget '\(b.name)' covers costs carrying all of \(tags.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")), "
                + "but an AWS Budgets cost filter counts costs carrying any one of its tags: it cannot be exported as one budget",
            hint: "scope it by one tag or one tenant (a service or phase scope may go with it)")
    }

    /// The `--budget` document. `limit` is the amount per period (a planned budget passes the
    /// amount of the phase being exported); `tags` are the scenario's (see ``tagKeyValues(_:scenarioTags:)``).
    public static func budget(_ b: Budget, limit: Money, tags: [(String, String)]) -> String {
        var filters: [String] = []
        if let service = b.service {
            filters.append("\"Service\": [\(JSON.quote(AWSServiceNames.costExplorer[service] ?? service))]")
        }
        let values = tagKeyValues(b, scenarioTags: tags)
        if !values.isEmpty {
            filters.append("\"TagKeyValue\": [" + values.map(JSON.quote).joined(separator: ", ") + "]")
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
