/// Where two phases cost the same as one input varies.
public struct BreakEven: Sendable {
    public enum Kind: Sendable, Equatable {
        /// The costs cross at one value.
        case crossing
        /// The costs are equal over a whole interval (from `value` to `end`).
        case equal(end: Quantity)
    }

    public struct Point: Sendable {
        public var value: Quantity
        public var kind: Kind
        /// Both phases' monthly cost at `value`, rounded to the cent.
        public var costA: Money
        public var costB: Money

        public init(value: Quantity, kind: Kind, costA: Money, costB: Money) {
            self.value = value
            self.kind = kind
            self.costA = costA
            self.costB = costB
        }
    }

    public var key: String
    public var phaseA: String
    public var phaseB: String
    public var from: Quantity
    public var to: Quantity
    public var points: [Point]
    /// Monthly costs at both ends of the range, to say which phase is cheaper where.
    public var atFrom: (Money, Money)
    public var atTo: (Money, Money)

    public init(
        key: String, phaseA: String, phaseB: String, from: Quantity, to: Quantity, points: [Point], atFrom: (Money, Money),
        atTo: (Money, Money)
    ) {
        self.key = key
        self.phaseA = phaseA
        self.phaseB = phaseB
        self.from = from
        self.to = to
        self.points = points
        self.atFrom = atFrom
        self.atTo = atTo
    }
}
