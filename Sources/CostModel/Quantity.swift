/// An exact, non-negative usage quantity (hours, GB, requests, ...) with up to six fraction
/// digits, stored as an integer count of millionths. Holds up to about 9.2 × 10^12 units
/// (enough for request tiers of 10^11 per month).
public struct Quantity: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let one: Int64 = 1_000_000
    public var millionths: Int64

    public init(millionths: Int64) { self.millionths = millionths }
    public init(_ whole: Int64) { millionths = whole * Quantity.one }

    public static let zero = Quantity(millionths: 0)
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
    public static func + (a: Quantity, b: Quantity) -> Quantity { Quantity(millionths: a.millionths + b.millionths) }
    public static func - (a: Quantity, b: Quantity) -> Quantity { Quantity(millionths: a.millionths - b.millionths) }

    /// Product rounded half up to a millionth.
    public static func * (a: Quantity, b: Quantity) -> Quantity {
        let p = Int128(a.millionths) * Int128(b.millionths)
        let (q, r) = p.quotientAndRemainder(dividingBy: Int128(Quantity.one))
        return Quantity(millionths: Int64(r * 2 >= Int128(Quantity.one) ? q + 1 : q))
    }

    /// Quotient rounded half up to a millionth (`b` must not be zero).
    public static func / (a: Quantity, b: Quantity) -> Quantity {
        let n = Int128(a.millionths) * Int128(Quantity.one)
        let d = Int128(b.millionths)
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        return Quantity(millionths: Int64(r * 2 >= d ? q + 1 : q))
    }

    public static func min(_ a: Quantity, _ b: Quantity) -> Quantity { a < b ? a : b }
    public static func max(_ a: Quantity, _ b: Quantity) -> Quantity { a < b ? b : a }
}
