/// One month of one cost line on the roadmap timeline: the rows of the monthly finance file.
public struct FinanceRow: Sendable {
    public enum Kind: Sendable, Equatable {
        /// The month's cost of a line.
        case usage
        /// An upfront commitment fee paid in the month its term starts.
        case purchase
    }

    public var month: YearMonth
    public var phase: String
    public var line: CostLine
    public var kind: Kind
    /// The tenant this share of a per-tenant line belongs to (`tenant-1`, ...), or the tenant
    /// count of a line that cannot be split into whole tenants.
    public var tenant: String?
    /// Cash paid this month: the line's cost less the part of it paid upfront; for a purchase,
    /// the upfront fee.
    public var billed: Money
    /// The month's cost with upfront fees spread over their term (0 for a purchase).
    public var effective: Money
    /// Quantity in the line's unit (the tenant's share for a tenant row; 1 for a purchase).
    public var quantity: Quantity
    public var low: Money
    public var high: Money
    /// The line's commitment, from its price key: `Reserved Instance`, `Savings Plan` or nil.
    public var commitment: String?

    public init(
        month: YearMonth, phase: String, line: CostLine, kind: Kind, tenant: String?, billed: Money, effective: Money,
        quantity: Quantity, low: Money, high: Money, commitment: String?
    ) {
        self.month = month
        self.phase = phase
        self.line = line
        self.kind = kind
        self.tenant = tenant
        self.billed = billed
        self.effective = effective
        self.quantity = quantity
        self.low = low
        self.high = high
        self.commitment = commitment
    }

}
