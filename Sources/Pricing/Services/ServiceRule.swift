import CostModel

/// What kind of value a parameter takes.
public enum ParameterKind: Sendable, Hashable {
    /// A non-negative number (or range) in `unit` (one of ``Units/all``).
    case number(unit: String)
    /// Text; when `choices` is set, one of them.
    case text(choices: [String]?)
    case flag
}

/// One parameter of a resource type.
public struct ParameterSpec: Sendable {
    public var name: String
    public var kind: ParameterKind
    /// Used when the scenario does not set the parameter.
    public var defaultValue: ParamValue?
    /// A parameter without a default is required unless it is optional.
    public var optional: Bool
    public var summary: String

    public var isRequired: Bool { defaultValue == nil && !optional }

    public init(
        _ name: String, _ kind: ParameterKind, default defaultValue: ParamValue?, optional: Bool = false, _ summary: String
    ) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.optional = optional
        self.summary = summary
    }

    public static func count(_ summary: String = "how many", default n: Int64 = 1) -> ParameterSpec {
        ParameterSpec("count", .number(unit: "count"), default: .number(Estimate(Quantity(n))), summary)
    }

    public static func number(_ name: String, _ unit: String, default value: Int64?, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .number(unit: unit), default: value.map { .number(Estimate(Quantity($0))) }, summary)
    }

    public static let hoursPerDay = ParameterSpec(
        "hours_per_day", .number(unit: "hours-per-day"), default: .number(Estimate(Quantity(24))),
        "hours a day it runs (24 = always on); the month's hours are scaled by hours_per_day / 24")
}

/// Parameters every resource type accepts.
public enum CommonParameters {
    public static let all: [ParameterSpec] = [
        ParameterSpec(
            "region", .text(choices: nil), default: nil, optional: true,
            "region of this resource when it is not the scenario's (e.g. a DR region)"),
        ParameterSpec("note", .text(choices: nil), default: nil, optional: true, "free text, shown nowhere in prices"),
    ]
}

/// One cost component of a resource: a quantity of a priced unit.
/// What prices a component: a catalog price key, or the amount the resource itself states.
public enum PriceRef: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case fixed

    /// The catalog key; nil for a stated amount.
    public var key: String? { if case .key(let k) = self { k } else { nil } }

    public var description: String { key ?? "the stated amount" }
}

public struct PriceComponent: Sendable {
    public var name: String
    public var price: PriceRef
    public var quantity: Quantity
    /// For a commitment paid (partly) upfront: the line's upfront payment is the cost of this
    /// many months of the component (an RI fee spread over its term; a Savings Plan prepaid).
    public var prepaidMonths: Int64?

    /// A component priced by the catalog key `key`.
    public init(_ name: String, key: String, quantity: Quantity, prepaidMonths: Int64? = nil) {
        self.init(name, price: .key(key), quantity: quantity, prepaidMonths: prepaidMonths)
    }

    public init(_ name: String, price: PriceRef, quantity: Quantity, prepaidMonths: Int64? = nil) {
        self.name = name
        self.price = price
        self.quantity = quantity
        self.prepaidMonths = prepaidMonths
    }
}

/// The parameter names a rule read (see ``RuleInput/reads``).
public final class ParameterReads: @unchecked Sendable {
    public private(set) var names = Set<String>()
    public init() {}
    func insert(_ name: String) { names.insert(name) }
}

/// A resource's parameters evaluated at one point (low / expected / high), defaults applied.
public struct RuleInput: Sendable {
    public var numbers: [String: Quantity]
    public var texts: [String: String]
    public var flags: [String: Bool]
    /// The scenario's hours per month (730 by default).
    public var hoursPerMonth: Quantity
    public var region: String

    public init(
        numbers: [String: Quantity], texts: [String: String], flags: [String: Bool], hoursPerMonth: Quantity, region: String
    ) {
        self.numbers = numbers
        self.texts = texts
        self.flags = flags
        self.hoursPerMonth = hoursPerMonth
        self.region = region
    }

    /// When set, every parameter name a rule reads is recorded (a convention test checks that a
    /// rule reads only the parameters it declares: a misspelt name would price at $0).
    public var reads: ParameterReads?

    public func number(_ name: String) -> Quantity {
        reads?.insert(name)
        return numbers[name] ?? .zero
    }
    public func text(_ name: String) -> String {
        reads?.insert(name)
        return texts[name] ?? ""
    }
    public func flag(_ name: String) -> Bool {
        reads?.insert(name)
        return flags[name] ?? false
    }

    /// Hours per month this resource runs: hours_per_month × hours_per_day / 24.
    public var hours: Quantity {
        guard let perDay = numbers["hours_per_day"] else { return hoursPerMonth }
        return hoursPerMonth * perDay / Quantity(24)
    }
}

/// A worked example from a seed document: the parameters, the region and the monthly total our
/// prices give, with the seed's own figure for comparison. One table-driven test checks all.
public struct RuleExample: Sendable {
    public var params: [String: String]
    public var region: String
    /// Our exact monthly total for these parameters, in dollars ("28.03"); empty when
    /// `missingPrice` is set.
    public var monthly: String
    /// For a type no sheet can price (no public source for the region): the start of the
    /// "no price" error the example gives instead of a total.
    public var missingPrice: String?
    /// What the seed says, and where.
    public var seed: String
    /// Genuine AWS Price List files (in `Tests/Fixtures/price-list/`) the example is priced from,
    /// for types that only an imported price list can price.
    public var priceLists: [String]

    public init(
        _ params: [String: String], region: String, monthly: String, missingPrice: String? = nil, seed: String,
        priceLists: [String] = []
    ) {
        self.params = params
        self.region = region
        self.monthly = monthly
        self.missingPrice = missingPrice
        self.seed = seed
        self.priceLists = priceLists
    }
}

/// A resource type: its parameters with units and defaults, and how it turns into priced
/// components. One type per file in this folder; registered in ``ServiceRules``.
public protocol ServiceRule: Sendable {
    /// The `type:` written in scenarios.
    var type: String { get }
    var summary: String { get }
    var parameters: [ParameterSpec] { get }
    func components(_ input: RuleInput) -> [PriceComponent]
    var example: RuleExample { get }
    /// Checks across parameters that the kinds alone cannot express; returns problems by
    /// parameter name.
    func validate(_ input: RuleInput) -> [(param: String, message: String)]
}

extension ServiceRule {
    public func validate(_ input: RuleInput) -> [(param: String, message: String)] { [] }

    public func parameter(_ name: String) -> ParameterSpec? {
        parameters.first { $0.name == name } ?? CommonParameters.all.first { $0.name == name }
    }
}
