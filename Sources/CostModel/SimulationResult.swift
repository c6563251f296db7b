/// What `orcha-cost simulate` found for each phase.
public struct SimulationResult: Sendable {
    public struct Driver: Sendable {
        public var label: String
        /// Phase cost with this input at its high value minus at its low value, others expected.
        public var swing: Money

        public init(label: String, swing: Money) {
            self.label = label
            self.swing = swing
        }
    }

    public struct PhaseStats: Sendable {
        public var id: String
        public var name: String
        public var expected: Money
        public var low: Money
        public var high: Money
        public var p10: Money
        public var p50: Money
        public var p90: Money
        public var mean: Money
        public var drivers: [Driver]

        public init(
            id: String, name: String, expected: Money, low: Money, high: Money, p10: Money, p50: Money, p90: Money,
            mean: Money, drivers: [Driver]
        ) {
            self.id = id
            self.name = name
            self.expected = expected
            self.low = low
            self.high = high
            self.p10 = p10
            self.p50 = p50
            self.p90 = p90
            self.mean = mean
            self.drivers = drivers
        }
    }

    public var samples: Int
    public var seed: UInt64
    public var variables: [String]
    public var phases: [PhaseStats]

    public init(samples: Int, seed: UInt64, variables: [String], phases: [PhaseStats]) {
        self.samples = samples
        self.seed = seed
        self.variables = variables
        self.phases = phases
    }
}
