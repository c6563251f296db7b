/// Where something was written in a user's file.
public struct InputLocation: Sendable, Hashable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public func diagnostic(_ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, message: message, hint: hint)
    }
}

/// A usage quantity that may be uncertain: `low..high`, with the expected value in between.
public struct Estimate: Sendable, Hashable, CustomStringConvertible {
    public var low: Quantity
    public var expected: Quantity
    public var high: Quantity

    public init(_ value: Quantity) {
        low = value
        expected = value
        high = value
    }

    public init(low: Quantity, expected: Quantity, high: Quantity) {
        self.low = low
        self.expected = expected
        self.high = high
    }

    public var isRange: Bool { low != high }

    /// The value at one evaluation point.
    public func at(_ point: Point) -> Quantity {
        switch point {
        case .low: return low
        case .expected: return expected
        case .high: return high
        }
    }

    public var description: String { isRange ? "\(low)..\(high)" : low.description }

    /// Which value of every estimate to use when pricing.
    public enum Point: CaseIterable, Sendable { case low, expected, high }

    /// Parses `12`, `0.5`, or a range `50..400` (expected: the midpoint).
    public static func parse(_ text: String) -> Result<Estimate, Quantity.ParseError> {
        let bytes = Array(text.utf8)
        if let dot = (0..<max(0, bytes.count - 1)).first(where: { bytes[$0] == 46 && bytes[$0 + 1] == 46 }) {
            func trimmed(_ part: ArraySlice<UInt8>) -> String {
                String(decoding: part.drop { $0 == 32 }.reversed().drop { $0 == 32 }.reversed(), as: UTF8.self)
            }
            let lowText = trimmed(bytes[..<dot])
            let highText = trimmed(bytes[(dot + 2)...])
            switch (Quantity.parse(lowText), Quantity.parse(highText)) {
            case (.success(let l), .success(let h)):
                let mid = Quantity(millionths: l.millionths / 2 + h.millionths / 2 + (l.millionths % 2 + h.millionths % 2) / 2)
                return .success(Estimate(low: l, expected: mid, high: h))
            case (.failure(let e), _), (_, .failure(let e)):
                return .failure(e)
            }
        }
        return Quantity.parse(text).map(Estimate.init)
    }
}

extension String {
    func range(of needle: String) -> Range<String.Index>? {
        guard !needle.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}

/// A parameter value as written in a scenario.
public enum ParamValue: Sendable, Hashable {
    case number(Estimate)
    case text(String)
    case flag(Bool)
    /// `$name`: the value of a usage input.
    case usage(String)
}

/// A parameter with where it was written.
public struct Param: Sendable, Hashable {
    public var value: ParamValue
    public var location: InputLocation

    public init(_ value: ParamValue, at location: InputLocation) {
        self.value = value
        self.location = location
    }
}

/// One resource of a phase: a type (one per service rule) and its parameters.
public struct ResourceSpec: Sendable, Hashable {
    public var id: String
    public var type: String
    public var params: [String: Param]
    public var location: InputLocation
    public var typeLocation: InputLocation

    public init(id: String, type: String, params: [String: Param], location: InputLocation, typeLocation: InputLocation) {
        self.id = id
        self.type = type
        self.params = params
        self.location = location
        self.typeLocation = typeLocation
    }
}

/// A usage input: a named quantity with a unit and a default (possibly a range).
public struct UsageInput: Sendable, Hashable {
    public var name: String
    public var unit: String
    public var value: Estimate
    public var description: String
    public var location: InputLocation
    /// How `orcha-cost simulate` draws the value (a range is uniform unless said otherwise).
    public var distribution: Distribution

    public init(
        name: String, unit: String, value: Estimate, description: String, location: InputLocation,
        distribution: Distribution = .uniform
    ) {
        self.name = name
        self.unit = unit
        self.value = value
        self.description = description
        self.location = location
        self.distribution = distribution
    }
}

/// The shape of an uncertain input between its low and high values.
public enum Distribution: Sendable, Hashable {
    case uniform
    /// Most likely at `mode` (the expected value when not given).
    case triangular(mode: Quantity)
    /// Log-normal with the given median and 90th percentile, kept within low..high.
    case lognormal(p50: Quantity, p90: Quantity)
}

/// A change to one resource of the parent phase: new parameter values.
public struct ResourceChange: Sendable, Hashable {
    public var id: String
    public var params: [String: Param]
    public var location: InputLocation

    public init(id: String, params: [String: Param], location: InputLocation) {
        self.id = id
        self.params = params
        self.location = location
    }
}

/// A roadmap phase as written: a root phase lists its resources; a later phase `extends` an
/// earlier one and adds, removes or changes resources and usage.
public struct PhaseSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var extends: String?
    public var extendsLocation: InputLocation?
    public var resources: [ResourceSpec]
    public var add: [ResourceSpec]
    public var remove: [(id: String, location: InputLocation)]
    public var change: [ResourceChange]
    public var usage: [String: (value: Estimate, location: InputLocation)]
    public var tenants: (value: Estimate, location: InputLocation)?
    public var perTenant: [ResourceSpec]
    public var location: InputLocation
    /// When the phase is due (not inherited by phases that extend it).
    public var triggers: PhaseTriggers?
    /// When the phase starts on the roadmap timeline (nil: not on the timeline).
    public var starts: PhaseStart?

    public init(
        id: String, name: String, description: String, extends: String?, extendsLocation: InputLocation?,
        resources: [ResourceSpec], add: [ResourceSpec], remove: [(id: String, location: InputLocation)],
        change: [ResourceChange], usage: [String: (value: Estimate, location: InputLocation)],
        tenants: (value: Estimate, location: InputLocation)?, perTenant: [ResourceSpec], location: InputLocation
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.extends = extends
        self.extendsLocation = extendsLocation
        self.resources = resources
        self.add = add
        self.remove = remove
        self.change = change
        self.usage = usage
        self.tenants = tenants
        self.perTenant = perTenant
        self.location = location
    }

    public static func == (a: PhaseSpec, b: PhaseSpec) -> Bool { a.id == b.id && a.location == b.location }
    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(location)
    }
}

/// The month a phase starts on the roadmap timeline (`starts:` in a phase).
public struct PhaseStart: Sendable {
    public enum When: Sendable, Equatable {
        /// A calendar month (`starts: 2027-03`).
        case month(YearMonth)
        /// Months after another phase starts (`starts: +9 after v1.0`); without a phase, after
        /// the phase it extends starts, or the timeline's first month for a phase that extends
        /// none (`starts: +6`).
        case after(Int, phase: String?)
    }

    public var when: When
    /// The phase really starts when its triggers are due; `when` is the month assumed for
    /// planning (`starts: {when: triggered, assume: +6}`).
    public var triggered: Bool
    public var location: InputLocation

    public init(_ when: When, triggered: Bool = false, location: InputLocation) {
        self.when = when
        self.triggered = triggered
        self.location = location
    }
}

/// Whether AWS's always-free allowances are taken off the plan (once per scenario, as credit
/// lines), or every unit is charged.
public enum FreeTierMode: String, Sendable, CaseIterable {
    case none
    case alwaysFree = "always_free"
}

/// A scenario file: where it runs, its usage inputs and its ordered phases.
public struct Scenario: Sendable {
    public var path: String
    public var name: String
    public var description: String
    public var provider: String
    public var region: String
    public var currency: String
    public var hoursPerMonth: Quantity
    public var tags: [(String, String)]
    public var usage: [UsageInput]
    public var phases: [PhaseSpec]
    public var budgets: [Budget]
    /// `free_tier:` (default `none`: every unit charged).
    public var freeTier: FreeTierMode = .none

    public init(
        path: String, name: String, description: String, provider: String, region: String, currency: String,
        hoursPerMonth: Quantity, tags: [(String, String)], usage: [UsageInput], phases: [PhaseSpec], budgets: [Budget] = []
    ) {
        self.path = path
        self.name = name
        self.description = description
        self.provider = provider
        self.region = region
        self.currency = currency
        self.hoursPerMonth = hoursPerMonth
        self.tags = tags
        self.usage = usage
        self.phases = phases
        self.budgets = budgets
    }
}

/// A phase with its `extends` chain applied: the full resource list and usage values.
public struct ResolvedPhase: Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var extends: String?
    public var resources: [ResourceSpec]
    public var perTenant: [ResourceSpec]
    public var tenants: Estimate
    public var usage: [String: Estimate]
    public var location: InputLocation
    /// Where the tenant count was written (this phase, the one it extends, or a `--set`).
    public var tenantsLocation: InputLocation?

    public init(
        id: String, name: String, description: String, extends: String?, resources: [ResourceSpec],
        perTenant: [ResourceSpec], tenants: Estimate, usage: [String: Estimate], location: InputLocation,
        tenantsLocation: InputLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.extends = extends
        self.resources = resources
        self.perTenant = perTenant
        self.tenants = tenants
        self.usage = usage
        self.location = location
        self.tenantsLocation = tenantsLocation
    }
}
