/// How trustworthy a price is, by where it came from.
public enum PriceQuality: String, Sendable, Hashable, CaseIterable {
    /// A row of an imported official AWS Price List file of the region.
    case priceList = "price-list"
    /// A sourced sheet row of the region.
    case sheet
    /// Another region's price, used for want of one of this region (a sheet row marked so).
    case proxy
    /// A seed document's or a hand figure (a sheet row marked so, or a `fixed` line).
    case estimate

    /// Whether the price is AWS's own for the region.
    public var isOfficial: Bool { self == .priceList }
}

/// Where a line's price comes from: an imported AWS Price List, a price sheet, or an amount the
/// scenario states itself (a `fixed` resource).
public enum PriceOrigin: String, Sendable, Hashable {
    case priceList = "price-list"
    case sheet
    case fixed
}

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
    public var priceOrigin: PriceOrigin
    /// How trustworthy the price is: official, a sheet, a proxy or an estimate.
    public var priceQuality: PriceQuality
    public var priceEffectiveDate: String
    public var region: String
    /// Tenants this line is multiplied by (nil for shared resources).
    public var tenants: Quantity?
    /// For an amortised upfront fee: the whole amount paid at the start of the term (the line's
    /// monthly cost is its share of one month).
    public var upfront: Money?
    /// Who provides the service: `AWS`, or a fixed line's provider (e.g. `Sentry`).
    public var provider: String
    /// The quantity at the low and high ends of the usage ranges (nil: as `quantity`).
    public var lowQuantity: Quantity?
    public var highQuantity: Quantity?

    public init(
        resource: String, type: String, service: String, component: String, quantity: Quantity, unit: String,
        unitPrice: FixedDecimal, tiered: Bool, monthlyCost: Money, low: Money, high: Money, priceKey: String,
        priceSource: String, priceOrigin: PriceOrigin, priceQuality: PriceQuality, priceEffectiveDate: String, region: String,
        tenants: Quantity?,
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
        self.priceQuality = priceQuality
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
        lines.sums(by: \.service, \.monthlyCost).map { (service: $0.0, cost: $0.1) }
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
        let guess = Spelling.didYouMean(id, in: phases.map(\.id))
        throw UserError(
            message: "no phase '\(id)' in \(path).\(guess)",
            hint: "phases: " + phases.map(\.id).joined(separator: ", "), status: .usage)
    }

    /// The phase's total minus its parent's (nil for a root phase).
    public func delta(of phase: PhaseCost) -> Money? { phase.delta }

    /// How many distinct prices (key and region; fixed amounts apart) the plan used of each
    /// quality, and the regions whose non-official prices `catalog update` would replace.
    public var priceQuality: PriceQualitySummary {
        /// A price once: a fixed amount by resource and source, a catalog price by region and key.
        struct Seen: Hashable {
            var fixed: Bool
            var first: String
            var second: String
        }
        var seen = Set<Seen>()
        var summary = PriceQualitySummary()
        var regions = Set<String>()
        for phase in phases {
            for line in phase.lines {
                if line.priceOrigin == .fixed {
                    if seen.insert(Seen(fixed: true, first: line.resource, second: line.priceSource)).inserted {
                        summary.fixed += 1
                    }
                    continue
                }
                guard seen.insert(Seen(fixed: false, first: line.region, second: line.priceKey)).inserted else { continue }
                summary.counts[line.priceQuality, default: 0] += 1
                if !line.priceQuality.isOfficial { regions.insert(line.region) }
            }
        }
        summary.regionsToUpdate = regions.sorted()
        return summary
    }
}

/// Counts of the prices a plan used, by quality.
public struct PriceQualitySummary: Sendable, Equatable {
    public var counts: [PriceQuality: Int] = [:]
    /// `fixed` lines: amounts the scenario states itself.
    public var fixed = 0
    public var regionsToUpdate: [String] = []

    public var total: Int { counts.values.reduce(0, +) }
    public var unofficial: Int { total - (counts[.priceList] ?? 0) }

    /// The command that fetches AWS's own prices for the regions still priced otherwise.
    public var updateCommand: String? {
        regionsToUpdate.isEmpty
            ? nil : "orcha-cost catalog update " + regionsToUpdate.map { "--region \($0)" }.joined(separator: " ")
    }

    /// One line for people: "23 prices: 0 from the AWS Price List, 12 sheet, 10 proxy, 1 estimate; ..."
    public var sentence: String {
        let parts = PriceQuality.allCases.map { q -> String in
            let n = counts[q] ?? 0
            return q == .priceList ? "\(n) from the AWS Price List" : "\(n) \(q.rawValue)"
        }
        var text = "\(total) price\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
        if fixed > 0 { text += "; \(fixed) fixed amount\(fixed == 1 ? "" : "s") stated in the scenario" }
        if let updateCommand {
            text += "\n\(unofficial) not official: \(updateCommand) replaces them with AWS's own prices"
        }
        return text
    }
}
