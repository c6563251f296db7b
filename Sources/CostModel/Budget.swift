/// A cost budget with AWS Budgets semantics: an amount per period (fixed, or planned per
/// phase), an optional scope, and up to 10 notifications.
public struct Budget: Sendable {
    public enum Period: String, Sendable, CaseIterable {
        case monthly, quarterly, annually
        /// Months in the period.
        public var months: Int64 { self == .monthly ? 1 : self == .quarterly ? 3 : 12 }
    }

    public struct Notification: Sendable {
        public enum Kind: String, Sendable, CaseIterable {
            case actual = "ACTUAL"
            case forecasted = "FORECASTED"
        }
        public enum Comparison: String, Sendable, CaseIterable {
            case greaterThan = "GREATER_THAN"
            case lessThan = "LESS_THAN"
            case equalTo = "EQUAL_TO"
        }
        public enum ThresholdType: String, Sendable, CaseIterable {
            case percentage = "PERCENTAGE"
            case absoluteValue = "ABSOLUTE_VALUE"
        }

        public var kind: Kind
        public var comparison: Comparison
        public var threshold: Quantity
        public var thresholdType: ThresholdType
        public var subscribers: [String]
        public var location: InputLocation

        public init(
            kind: Kind, comparison: Comparison, threshold: Quantity, thresholdType: ThresholdType, subscribers: [String],
            location: InputLocation
        ) {
            self.kind = kind
            self.comparison = comparison
            self.threshold = threshold
            self.thresholdType = thresholdType
            self.subscribers = subscribers
            self.location = location
        }
    }

    public var name: String
    public var period: Period
    /// USD per period; nil when the budget is planned per phase.
    public var amount: Quantity?
    /// USD per month for each phase id (a budget that follows the roadmap).
    public var planned: [String: Quantity]
    /// Only lines of this AWS service (offer code, e.g. AmazonRDS).
    public var service: String?
    /// Only this phase.
    public var phase: String?
    /// Only costs carrying all these cost-allocation tags (`scope: {tags: {Project: orcha}}`).
    public var tags: [Tag]
    /// Only this tenant's share of the per-tenant lines (`scope: {tenant: tenant-2}`): the tag
    /// `Tenant` with this value.
    public var tenant: String?
    public var notifications: [Notification]
    public var location: InputLocation

    public init(
        name: String, period: Period, amount: Quantity?, planned: [String: Quantity], service: String?, phase: String?,
        tags: [Tag] = [], tenant: String? = nil, notifications: [Notification], location: InputLocation
    ) {
        self.name = name
        self.period = period
        self.amount = amount
        self.planned = planned
        self.service = service
        self.phase = phase
        self.tags = tags
        self.tenant = tenant
        self.notifications = notifications
        self.location = location
    }

    /// A cost-allocation tag a scope requires: the key as the resources carry it (`Tenant`, no
    /// `user:` prefix) and the value.
    public struct Tag: Sendable, Hashable {
        public var key: String
        public var value: String

        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }

        /// Whether `tags` (keys lower-cased, as bills are stored) holds this tag. Keys are
        /// compared without case (`resourceTags/user:Tenant`, `user_tenant` and `Tenant` are one
        /// key); values exactly.
        public func isIn(_ tags: [String: String]) -> Bool { tags[key.lowercased()] == value }
    }

    /// The tag that names a tenant (seed 002's cost-allocation tags: Project, Environment,
    /// ManagedBy, Tenant).
    public static let tenantTagKey = "Tenant"

    /// Every tag the scope requires: its `tags` and, for a tenant scope, `Tenant: NAME` (once).
    public var tagFilter: [Tag] {
        var all = tags
        if let tenant, !all.contains(where: { $0.key.lowercased() == Budget.tenantTagKey.lowercased() }) {
            all.append(Tag(Budget.tenantTagKey, tenant))
        }
        return all
    }

    /// The tenant the scope names, by `tenant:` or by the tag `Tenant`.
    public var scopedTenant: String? {
        tenant ?? tags.first { $0.key.lowercased() == Budget.tenantTagKey.lowercased() }?.value
    }

    /// Whether costs must carry all of `tags` (lower-cased keys) to be in the budget's scope.
    public func matches(tags: [String: String]) -> Bool { tagFilter.allSatisfy { $0.isIn(tags) } }

    /// The scope in words for tables and reports (`AmazonRDS, Tenant=tenant-2`); nil when the
    /// budget covers all services and tags.
    public var scopeDescription: String? {
        let parts = (service.map { [$0] } ?? []) + tagFilter.map { "\($0.key)=\($0.value)" }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Whether the budget covers phase `id` (a budget scoped to a phase covers only that one).
    public func covers(phase id: String) -> Bool { phase == nil || phase == id }

    /// The budget's limit for a period in a phase, in USD (nil when a planned budget has no
    /// amount for the phase).
    public func limit(phase id: String) -> Money? {
        if let amount { return Money(micros: amount.millionths) }
        return planned[id].map { Money(micros: $0.millionths * period.months) }
    }
}

extension Scenario {
    /// The budget named `name`, or a usage error with a did-you-mean and the list of budgets.
    public func requireBudget(_ name: String) throws -> Budget {
        if let b = budgets.first(where: { $0.name == name }) { return b }
        let names = budgets.map(\.name)
        let guess = Spelling.didYouMean(name, in: names)
        throw UserError(
            message: "no budget '\(name)' in \(path).\(guess)",
            hint: names.isEmpty ? "the scenario has no budgets" : "budgets: " + names.joined(separator: ", "), status: .usage)
    }
}
