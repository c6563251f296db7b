/// An exact amount of money in micro-units of its currency (1 USD = 1,000,000).
/// Every cost line is computed exactly and rounded once, to the cent; totals are exact sums of
/// lines. All rounding goes through ``rounded(_:scale:toCents:)``.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var micros: Int64

    public init(micros: Int64) { self.micros = micros }

    public static let zero = Money(micros: 0)

    /// The largest amount orcha-cost plans with: 900,000,000 USD (a cost line, a phase's month,
    /// a budget's amount, a fixed cost), the largest unit price a ``FixedDecimal`` holds. The
    /// engine refuses anything larger as an input error, so that every sum the tool makes (a
    /// phase of lines, a 1,200-month timeline, a year of a budget) stays far inside Int64.
    public static let largest = Money(micros: 900_000_000 * 1_000_000)
    /// What a computation yields when its result does not fit in an Int64 of micros.
    public static let overflow = Money(micros: .max)
    /// Whether this is beyond ``largest`` in size.
    public var exceedsLargest: Bool { micros.magnitude > Money.largest.micros.magnitude }

    /// `value` micros, or ``overflow`` when it does not fit in Int64.
    public static func checked(_ value: Int128) -> Money {
        value >= Int128(Int64.min) && value <= Int128(Int64.max) ? Money(micros: Int64(value)) : .overflow
    }

    public static func < (a: Money, b: Money) -> Bool { a.micros < b.micros }
    public static func + (a: Money, b: Money) -> Money { Money(micros: a.micros + b.micros) }
    public static func - (a: Money, b: Money) -> Money { Money(micros: a.micros - b.micros) }
    public static func += (a: inout Money, b: Money) { a.micros += b.micros }

    /// `value` in units of 10^-`scale` of the currency (`scale` >= 6), rounded half away from
    /// zero to a micro-unit, or to a cent with `toCents`; ``overflow`` when the result does not
    /// fit. Rounded once: never to micros first and then to cents.
    public static func rounded(_ value: Int128, scale: Int, toCents: Bool = false) -> Money {
        precondition(scale >= 6 && scale <= 30)
        var divisor: Int128 = 1
        for _ in 0..<(scale - (toCents ? 2 : 6)) { divisor *= 10 }
        var (q, r) = value.quotientAndRemainder(dividingBy: divisor)
        if r.magnitude * 2 >= divisor.magnitude { q += value < 0 ? -1 : 1 }
        guard toCents else { return checked(q) }
        return q.magnitude > UInt128(Int64.max / 10_000) ? .overflow : Money(micros: Int64(q) * 10_000)
    }

    /// Rounds to whole cents, half away from zero.
    public var roundedToCents: Money { Money.rounded(Int128(micros), scale: 6, toCents: true) }

    /// `quantity × unitPrice`, rounded half away from zero to a micro-unit. Both operands are
    /// exact decimals; the product is computed in 128-bit integers so it never overflows, and a
    /// result beyond Int64 (or an overflowed quantity) is ``overflow``.
    public static func cost(quantity: Quantity, unitPrice: FixedDecimal) -> Money {
        // quantity is scaled by 1e6 and price by 1e10: the product is scaled by 1e16.
        if quantity.isOverflow { return .overflow }
        return rounded(Int128(quantity.millionths) * Int128(unitPrice.scaled), scale: 16)
    }

    /// A decimal string rounded half away from zero to `decimals` fraction digits (0...6):
    /// `28.03`, `-1.50`.
    public func formatted(decimals: Int = 2) -> String {
        precondition((0...6).contains(decimals))
        var step: Int64 = 1
        for _ in 0..<(6 - decimals) { step *= 10 }
        let negative = micros < 0
        let magnitude = micros.magnitude
        let rounded = (magnitude + UInt64(step) / 2) / UInt64(step)
        var unitsPerWhole: UInt64 = 1
        for _ in 0..<decimals { unitsPerWhole *= 10 }
        let whole = rounded / unitsPerWhole
        let frac = rounded % unitsPerWhole
        var text = String(whole)
        if decimals > 0 {
            let f = String(frac)
            text += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return (negative && rounded != 0 ? "-" : "") + text
    }

    /// The exact value with all six fraction digits trimmed of trailing zeros (at least two).
    public var exactString: String {
        let negative = micros < 0
        let m = micros.magnitude
        var frac = String(m % 1_000_000)
        frac = String(repeating: "0", count: 6 - frac.count) + frac
        while frac.count > 2 && frac.hasSuffix("0") { frac.removeLast() }
        return (negative ? "-" : "") + String(m / 1_000_000) + "." + frac
    }

    public var description: String { exactString }
}

extension Sequence {
    /// Sums of `value` by `key`, keys in first-seen order (per-service totals and the like).
    public func sums<Key: Hashable>(by key: (Element) -> Key, _ value: (Element) -> Money) -> [(Key, Money)] {
        var order: [Key] = []
        var sums: [Key: Money] = [:]
        for element in self {
            let k = key(element)
            if sums[k] == nil { order.append(k) }
            sums[k, default: .zero] += value(element)
        }
        return order.map { ($0, sums[$0]!) }
    }
}
