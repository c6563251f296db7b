/// The cost of every phase at each value of one input.
public struct SweepResult: Sendable {
    public var key: String
    public var phases: [String]
    /// One row per value: the value and each phase's monthly cost (expected).
    public var rows: [(value: Quantity, costs: [Money])]

    public init(key: String, phases: [String], rows: [(value: Quantity, costs: [Money])]) {
        self.key = key
        self.phases = phases
        self.rows = rows
    }
}
