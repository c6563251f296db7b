/// One priced line of a phase: a resource's cost component, with the quantity, the unit price
/// and where the price came from.
public struct CostLine: Sendable, Hashable {
    public var resource: String
    public var type: String
    /// AWS offer code of the price (e.g. `AmazonEC2`), or `Fixed`.
    public var service: String
    public var component: String
    /// Quantity per month at the expected value (tenants included).
    public var quantity: Quantity
    public var unit: String
    /// The unit price; for a tiered price, the price of the highest tier the quantity reaches.
    public var unitPrice: FixedDecimal
    public var tiered: Bool
    public var monthlyCost: Money
    public var low: Money
    public var high: Money
    public var priceKey: String
    public var priceSource: String
    /// `sheet`, `price-list` or `fixed`.
    public var priceOrigin: String
    public var priceEffectiveDate: String
    public var region: String
    /// Tenants this line is multiplied by (nil for shared resources).
    public var tenants: Quantity?
    /// For an amortised upfront fee: the whole amount paid at the start of the term (the line's
    /// monthly cost is its share of one month).
    public var upfront: Money?
    /// Who provides the service: `AWS`, or a fixed line's provider (e.g. `Sentry`).
    public var provider: String

    public init(
        resource: String, type: String, service: String, component: String, quantity: Quantity, unit: String,
        unitPrice: FixedDecimal, tiered: Bool, monthlyCost: Money, low: Money, high: Money, priceKey: String,
        priceSource: String, priceOrigin: String, priceEffectiveDate: String, region: String, tenants: Quantity?,
        upfront: Money? = nil, provider: String = "AWS"
    ) {
        self.resource = resource
        self.type = type
        self.service = service
        self.component = component
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.tiered = tiered
        self.monthlyCost = monthlyCost
        self.low = low
        self.high = high
        self.priceKey = priceKey
        self.priceSource = priceSource
        self.priceOrigin = priceOrigin
        self.priceEffectiveDate = priceEffectiveDate
        self.region = region
        self.tenants = tenants
        self.upfront = upfront
        self.provider = provider
    }
}

/// A priced phase: its lines and totals. Totals are exact sums of the lines.
public struct PhaseCost: Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var extends: String?
    public var lines: [CostLine]
    public var tenants: Quantity?
    /// This phase's total minus the total of the phase it extends (nil for a root phase).
    public var delta: Money?

    public init(
        id: String, name: String, description: String, extends: String?, lines: [CostLine], tenants: Quantity?,
        delta: Money? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.extends = extends
        self.lines = lines
        self.tenants = tenants
        self.delta = delta
    }

    public var monthlyCost: Money { lines.reduce(.zero) { $0 + $1.monthlyCost } }
    public var low: Money { lines.reduce(.zero) { $0 + $1.low } }
    public var high: Money { lines.reduce(.zero) { $0 + $1.high } }
    public var hasRange: Bool { low != high }
    /// Upfront commitment fees paid at the start of their terms (not part of the monthly cost
    /// beyond their amortised share).
    public var upfront: Money { lines.reduce(.zero) { $0 + ($1.upfront ?? .zero) } }

    /// Monthly cost per AWS service, in first-seen order.
    public var byService: [(service: String, cost: Money)] {
        var order: [String] = []
        var sums: [String: Money] = [:]
        for l in lines {
            if sums[l.service] == nil { order.append(l.service) }
            sums[l.service, default: .zero] += l.monthlyCost
        }
        return order.map { ($0, sums[$0]!) }
    }
}

/// A priced scenario.
public struct ScenarioCost: Sendable {
    public var scenario: String
    public var path: String
    public var region: String
    public var currency: String
    public var hoursPerMonth: Quantity
    public var phases: [PhaseCost]

    public init(scenario: String, path: String, region: String, currency: String, hoursPerMonth: Quantity, phases: [PhaseCost]) {
        self.scenario = scenario
        self.path = path
        self.region = region
        self.currency = currency
        self.hoursPerMonth = hoursPerMonth
        self.phases = phases
    }

    public func phase(_ id: String) -> PhaseCost? { phases.first { $0.id == id } }

    /// The phase `id`, or a usage error with a did-you-mean and the list of phases.
    public func requirePhase(_ id: String) throws -> PhaseCost {
        if let phase = phase(id) { return phase }
        let guess = Spelling.closest(to: id, in: phases.map(\.id)).map { " did you mean '\($0)'?" } ?? ""
        throw UserError(
            message: "no phase '\(id)' in \(path).\(guess)",
            hint: "phases: " + phases.map(\.id).joined(separator: ", "), status: .usage)
    }

    /// The phase's total minus its parent's (nil for a root phase).
    public func delta(of phase: PhaseCost) -> Money? { phase.delta }
}

extension Money {
    /// Rounds to whole cents, half away from zero.
    public var roundedToCents: Money {
        let r = micros % 10_000
        var m = micros - r
        if r >= 5_000 { m += 10_000 } else if r <= -5_000 { m -= 10_000 }
        return Money(micros: m)
    }
}
