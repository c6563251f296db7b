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
    public var notifications: [Notification]
    public var location: InputLocation

    public init(
        name: String, period: Period, amount: Quantity?, planned: [String: Quantity], service: String?, phase: String?,
        notifications: [Notification], location: InputLocation
    ) {
        self.name = name
        self.period = period
        self.amount = amount
        self.planned = planned
        self.service = service
        self.phase = phase
        self.notifications = notifications
        self.location = location
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
