/// An exact, non-negative usage quantity (hours, GB, requests, ...) with up to six fraction
/// digits, stored as an integer count of millionths. Holds up to 9 × 10^12 units
/// (``largest``: enough for request tiers of 10^11 per month).
///
/// Arithmetic never traps: a result beyond ``largest`` (or a division by zero) is
/// ``overflow``, and an operation with an overflowed operand is ``overflow`` again, so a rule's
/// formula can run on any user numbers and the engine reports ``isOverflow`` as an input error.
public struct Quantity: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let one: Int64 = 1_000_000
    public var millionths: Int64

    public init(millionths: Int64) { self.millionths = millionths }
    /// `whole` units (``overflow`` beyond ``largest``).
    public init(_ whole: Int64) { self = Quantity.checked(Int128(whole) * Int128(Quantity.one)) }

    public static let zero = Quantity(millionths: 0)
    /// The largest quantity: 9,000,000,000,000 units, the parser's limit.
    public static let largest = Quantity(millionths: 9_000_000_000_000 * Quantity.one)
    /// What an operation yields when its result is beyond ``largest`` in size (or undefined).
    public static let overflow = Quantity(millionths: .max)
    /// Whether this is beyond ``largest`` in size: the result of an overflow.
    public var isOverflow: Bool { millionths.magnitude > Quantity.largest.millionths.magnitude }

    /// `value` millionths, or ``overflow`` when it is beyond ``largest`` in size.
    public static func checked(_ value: Int128) -> Quantity {
        value.magnitude <= UInt128(Quantity.largest.millionths) ? Quantity(millionths: Int64(value)) : .overflow
    }
    public static func < (a: Quantity, b: Quantity) -> Bool { a.millionths < b.millionths }

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case notANumber, tooPrecise, tooLarge
        public var description: String {
            switch self {
            case .notANumber: return "not a number (digits with an optional '.', e.g. 730 or 0.5)"
            case .tooPrecise: return "more than 6 fraction digits"
            case .tooLarge: return "number too large (at most 9000000000000)"
            }
        }
    }

    /// Parses a plain non-negative decimal (`730`, `0.25`, `100000000000`).
    public static func parse(_ text: String) -> Result<Quantity, ParseError> {
        DecimalText.scaled(text.utf8, scale: 6, maxWhole: 9_000_000_000_000).map(Quantity.init(millionths:)).mapError {
            switch $0 {
            case .empty, .notANumber: return .notANumber
            case .tooPrecise: return .tooPrecise
            case .tooLarge: return .tooLarge
            }
        }
    }

    public var description: String {
        let whole = millionths / Quantity.one
        var frac = millionths % Quantity.one
        if frac == 0 { return String(whole) }
        var width = 6
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        let f = String(frac)
        return "\(whole)." + String(repeating: "0", count: width - f.count) + f
    }
}

extension Quantity {
    // Operands are at most `largest` (about 2^63) in size unless overflowed, so sums, and
    // products of two, fit in Int128 (2^126 < 2^127).

    /// Sum (``overflow`` beyond ``largest``).
    public static func + (a: Quantity, b: Quantity) -> Quantity {
        if a.isOverflow || b.isOverflow { return .overflow }
        return checked(Int128(a.millionths) + Int128(b.millionths))
    }

    /// Difference (``overflow`` beyond ``largest`` in size).
    public static func - (a: Quantity, b: Quantity) -> Quantity {
        if a.isOverflow || b.isOverflow { return .overflow }
        return checked(Int128(a.millionths) - Int128(b.millionths))
    }

    /// Product rounded half up to a millionth (``overflow`` beyond ``largest``).
    public static func * (a: Quantity, b: Quantity) -> Quantity {
        if a.isOverflow || b.isOverflow { return .overflow }
        let p = Int128(a.millionths) * Int128(b.millionths)
        let (q, r) = p.quotientAndRemainder(dividingBy: Int128(Quantity.one))
        return checked(r * 2 >= Int128(Quantity.one) ? q + 1 : q)
    }

    /// Quotient rounded half up to a millionth (``overflow`` beyond ``largest`` or when `b` is
    /// zero).
    public static func / (a: Quantity, b: Quantity) -> Quantity {
        if a.isOverflow || b.isOverflow || b.millionths == 0 { return .overflow }
        let n = Int128(a.millionths) * Int128(Quantity.one)
        let d = Int128(b.millionths)
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        return checked(r * 2 >= d ? q + 1 : q)
    }

    public static func min(_ a: Quantity, _ b: Quantity) -> Quantity { a < b ? a : b }
    public static func max(_ a: Quantity, _ b: Quantity) -> Quantity { a < b ? b : a }
}
