/// Everything the HTML report shows, already computed: the engine (`Engine.report` in Analysis)
/// fills it, the renderer (`HTMLReport` in Reporting) only lays it out.
public struct ReportModel: Sendable {
    /// The priced plan: phases, lines, deltas, low..high, price sources.
    public var cost: ScenarioCost
    /// The scenario's free-text description ("" when it has none).
    public var description: String
    /// Low, expected, high and simulated percentiles of each phase, in the plan's phase order.
    public var ranges: [PhaseRange]
    /// How the percentiles were simulated.
    public var simulation: SimulationInfo
    /// Monthly limits of the budgets that cover all services, to draw on the cost chart.
    public var budgetLines: [BudgetLine]
    /// Every notification of every budget against every phase in its scope (empty when the
    /// scenario has no budgets).
    public var alarms: [AlarmState]
    /// Phases with triggers, evaluated on metrics when given (else each indicator is `not
    /// evaluated`); nil when no phase has triggers.
    public var triggers: TriggerReport?
    /// Actual bills against the plan of the phase being run; nil when no bills were given.
    public var actuals: ActualsReport?
    /// The roadmap month by month (phases with `starts:`); nil when no phase has a start.
    public var timeline: TimelineReport?

    public init(
        cost: ScenarioCost, description: String, ranges: [PhaseRange], simulation: SimulationInfo,
        budgetLines: [BudgetLine], alarms: [AlarmState], triggers: TriggerReport?, actuals: ActualsReport?
    ) {
        self.cost = cost
        self.description = description
        self.ranges = ranges
        self.simulation = simulation
        self.budgetLines = budgetLines
        self.alarms = alarms
        self.triggers = triggers
        self.actuals = actuals
    }

    /// A phase's cost range: every input at its low or high end, and percentiles by simulation.
    public struct PhaseRange: Sendable {
        public var phase: String
        public var low: Money
        public var expected: Money
        public var high: Money
        public var p10: Money
        public var p50: Money
        public var p90: Money
        public var mean: Money

        public init(
            phase: String, low: Money, expected: Money, high: Money, p10: Money, p50: Money, p90: Money, mean: Money
        ) {
            self.phase = phase
            self.low = low
            self.expected = expected
            self.high = high
            self.p10 = p10
            self.p50 = p50
            self.p90 = p90
            self.mean = mean
        }
    }

    public struct SimulationInfo: Sendable {
        public var samples: Int
        public var seed: UInt64
        /// The uncertain inputs drawn (`$nat_gb`, `db.tb_scanned`, ...).
        public var inputs: [String]

        public init(samples: Int, seed: UInt64, inputs: [String]) {
            self.samples = samples
            self.seed = seed
            self.inputs = inputs
        }
    }

    /// A budget's limit per month in each phase it covers.
    public struct BudgetLine: Sendable {
        public var name: String
        /// Monthly limit by phase id (a budget longer than a month: its monthly share).
        public var monthly: [String: Money]

        public init(name: String, monthly: [String: Money]) {
            self.name = name
            self.monthly = monthly
        }
    }

    /// One budget notification against the cost of one phase (or of one month of bills).
    public struct AlarmState: Sendable {
        public var budget: String
        /// The budget's scope in words (``Budget/scopeDescription``: service, tags, tenant; nil:
        /// all services and tags).
        public var scope: String?
        public var phase: String
        public var period: Budget.Period
        /// The budget's limit for the period.
        public var limit: Money
        public var notification: Budget.Notification
        /// The notification's threshold in USD for the period.
        public var threshold: Money
        /// The cost compared, for the period, at low, expected and high usage (all three the
        /// same for bills).
        public var low: Money
        public var expected: Money
        public var high: Money
        /// Whether the notification fires at low, expected and high usage.
        public var firesLow: Bool
        public var firesExpected: Bool
        public var firesHigh: Bool

        public init(
            budget: String, scope: String?, phase: String, period: Budget.Period, limit: Money,
            notification: Budget.Notification, threshold: Money, low: Money, expected: Money, high: Money, firesLow: Bool,
            firesExpected: Bool, firesHigh: Bool
        ) {
            self.budget = budget
            self.scope = scope
            self.phase = phase
            self.period = period
            self.limit = limit
            self.notification = notification
            self.threshold = threshold
            self.low = low
            self.expected = expected
            self.high = high
            self.firesLow = firesLow
            self.firesExpected = firesExpected
            self.firesHigh = firesHigh
        }

        /// Threshold minus the expected cost.
        public var margin: Money { threshold - expected }
    }

    /// Trigger indicators, evaluated on metrics files when given.
    public struct TriggerReport: Sendable {
        /// The metrics files (empty: not evaluated).
        public var files: [String]
        /// The time the windows end at (ISO 8601 UTC); nil when not evaluated.
        public var evaluatedAt: String?
        public var phases: [TriggerPhase]

        public init(files: [String], evaluatedAt: String?, phases: [TriggerPhase]) {
            self.files = files
            self.evaluatedAt = evaluatedAt
            self.phases = phases
        }
    }

    public struct TriggerPhase: Sendable {
        public var phase: String
        public var due: Bool
        public var met: Int
        public var required: Int
        public var monthlyCost: Money
        public var delta: Money?
        public var indicators: [Indicator]
        /// Budgets over all services that cover the phase: monthly limit and whether it fits.
        public var budgets: [(name: String, limit: Money, fits: Bool)]

        public init(
            phase: String, due: Bool, met: Int, required: Int, monthlyCost: Money, delta: Money?, indicators: [Indicator],
            budgets: [(name: String, limit: Money, fits: Bool)]
        ) {
            self.phase = phase
            self.due = due
            self.met = met
            self.required = required
            self.monthlyCost = monthlyCost
            self.delta = delta
            self.indicators = indicators
            self.budgets = budgets
        }

        public struct Indicator: Sendable {
            /// As written in the scenario.
            public var text: String
            /// `met`, `not met`, `unknown`, or `not evaluated` (no metrics given).
            public var state: String
            /// The value compared, as text (nil when unknown).
            public var value: String?
            public var evidence: String

            public init(text: String, state: String, value: String?, evidence: String) {
                self.text = text
                self.state = state
                self.value = value
                self.evidence = evidence
            }
        }
    }

    /// Bills against the plan of the phase being run.
    public struct ActualsReport: Sendable {
        public var phase: String
        public var files: [(path: String, format: String, rows: Int, months: [String])]
        /// Plan and actual per month and service, months oldest first.
        public var rows: [(month: String, service: String, plan: Money, actual: Money, percent: String?)]
        /// Months the bills do not cover to their end: the last day billed and the month's days.
        public var partial: [String: (day: Int, of: Int)]
        /// The budgets checked on the latest month of the bills.
        public var month: String
        public var alarms: [AlarmState]
        /// How each budget's forecast was computed, by budget name.
        public var forecasts: [(budget: String, explanation: String)]

        public init(
            phase: String, files: [(path: String, format: String, rows: Int, months: [String])],
            rows: [(month: String, service: String, plan: Money, actual: Money, percent: String?)],
            partial: [String: (day: Int, of: Int)], month: String, alarms: [AlarmState],
            forecasts: [(budget: String, explanation: String)]
        ) {
            self.phase = phase
            self.files = files
            self.rows = rows
            self.partial = partial
            self.month = month
            self.alarms = alarms
            self.forecasts = forecasts
        }
    }

    /// The finance months: which phase runs in each, and what the month costs.
    public struct TimelineReport: Sendable {
        public struct Month: Sendable {
            public var month: YearMonth
            public var phase: String
            /// The month's cost with upfront fees spread over their terms (the phase's total).
            public var effective: Money
            /// Cash paid in the month (upfront fees in the month their term starts).
            public var billed: Money
            public var low: Money
            public var high: Money

            public init(month: YearMonth, phase: String, effective: Money, billed: Money, low: Money, high: Money) {
                self.month = month
                self.phase = phase
                self.effective = effective
                self.billed = billed
                self.low = low
                self.high = high
            }
        }

        public var months: [Month]
        public var starts: [Timeline.Start]

        public init(months: [Month], starts: [Timeline.Start]) {
            self.months = months
            self.starts = starts
        }
    }
}
