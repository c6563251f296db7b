/// One indicator evaluated on the metrics.
public struct IndicatorResult: Sendable {
    public enum State: String, Sendable {
        case met
        case notMet = "not met"
        case unknown
    }
    public var indicator: Indicator
    public var state: State
    /// The value compared (nil when unknown).
    public var value: Double?
    /// What the state rests on: the window, the datapoints, the periods.
    public var evidence: String

    public init(indicator: Indicator, state: State, value: Double?, evidence: String) {
        self.indicator = indicator
        self.state = state
        self.value = value
        self.evidence = evidence
    }
}

/// Whether a phase is due, and what moving to it costs.
public struct PhaseDue: Sendable {
    public var phase: String
    public var results: [IndicatorResult]
    /// Indicators that must be met.
    public var required: Int
    public var met: Int { results.filter { $0.state == .met }.count }
    /// Met indicators reach the requirement (unknown ones never count).
    public var due: Bool { met >= required }
    public var monthlyCost: Money
    public var delta: Money?
    /// Each budget that applies to the phase, its monthly limit and whether the phase's cost fits.
    public var budgets: [(name: String, limit: Money, fits: Bool)]

    public init(
        phase: String, results: [IndicatorResult], required: Int, monthlyCost: Money, delta: Money?,
        budgets: [(name: String, limit: Money, fits: Bool)]
    ) {
        self.phase = phase
        self.results = results
        self.required = required
        self.monthlyCost = monthlyCost
        self.delta = delta
        self.budgets = budgets
    }
}
