import CostModel

/// AWS Budgets JSON for `aws budgets create-budget --account-id ID --budget file://NAME.budget.json
/// --notifications-with-subscribers file://NAME.notifications.json`.
public enum BudgetExport {
    /// The two documents of one budget.
    public struct Files: Sendable {
        public var name: String
        public var budget: String
        public var notifications: String
    }

    /// The documents of every budget of a scenario, or all the reasons they cannot be written
    /// (as one error, in file order): a planned budget without `phase`, a notification without
    /// subscribers when no `subscriber` is given, a budget without notifications, a scope AWS
    /// cannot express (see ``problem(_:)``).
    public static func files(
        _ budgets: [Budget], tags: [(String, String)], phase: String?, subscriber: String?, scenarioPath: String
    ) throws -> [Files] {
        if budgets.isEmpty {
            throw UserError(
                path: scenarioPath, "the scenario has no budgets", hint: "add a 'budgets:' list (see README, 'Budgets')")
        }
        var problems: [Diagnostic] = []
        var files: [Files] = []
        for var b in budgets {
            guard let limit = b.amount.map({ Money(micros: $0.millionths) }) ?? phase.flatMap({ b.limit(phase: $0) }) else {
                problems.append(
                    b.location.diagnostic(
                        "budget '\(b.name)' is planned per phase: say which phase's amount to export",
                        hint: "add --phase ID (one of \(b.planned.keys.sorted().joined(separator: ", ")))"))
                continue
            }
            for i in b.notifications.indices where b.notifications[i].subscribers.isEmpty {
                if let subscriber {
                    b.notifications[i].subscribers = [subscriber]
                } else {
                    problems.append(
                        b.notifications[i].location.diagnostic(
                            "this notification has no subscribers; AWS Budgets needs at least one",
                            hint: "add subscribers: [you@example.com], or pass --subscriber EMAIL"))
                }
            }
            if b.notifications.isEmpty {
                problems.append(b.location.diagnostic("budget '\(b.name)' has no notifications to export"))
            }
            if let problem = problem(b) { problems.append(problem) }
            files.append(Files(name: b.name, budget: budget(b, limit: limit, tags: tags), notifications: notifications(b)))
        }
        if !problems.isEmpty { throw UserError(problems) }
        return files
    }

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
        var filters: [(String, JSONValue)] = []
        if let service = b.service {
            filters.append(("Service", .strings([AWSServiceNames.costExplorer[service] ?? service])))
        }
        let values = tagKeyValues(b, scenarioTags: tags)
        if !values.isEmpty { filters.append(("TagKeyValue", .strings(values))) }
        return JSONWriter.document(
            .object(
                [
                    ("BudgetName", .string(b.name)), ("BudgetType", .string("COST")),
                    ("TimeUnit", .string(b.period.rawValue.uppercased())),
                    ("BudgetLimit", .object([("Amount", .money(limit)), ("Unit", .string("USD"))], .inline)),
                    ("CostFilters", .object(filters, .inline)),
                ], .block))
    }

    /// The `--notifications-with-subscribers` document.
    public static func notifications(_ b: Budget) -> String {
        JSONWriter.document(
            .array(
                b.notifications.map { n in
                    .object(
                        [
                            (
                                "Notification",
                                .object(
                                    [
                                        ("NotificationType", .string(n.kind.rawValue)),
                                        ("ComparisonOperator", .string(n.comparison.rawValue)),
                                        ("Threshold", .decimal(n.threshold)),
                                        ("ThresholdType", .string(n.thresholdType.rawValue)),
                                    ], .inline)
                            ),
                            (
                                "Subscribers",
                                .array(
                                    n.subscribers.map {
                                        .object([("SubscriptionType", .string("EMAIL")), ("Address", .string($0))], .inline)
                                    }, .inline)
                            ),
                        ], .block)
                }, .block))
    }
}
