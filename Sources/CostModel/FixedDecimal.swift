/// An exact, non-negative decimal number with up to ten fraction digits, stored as an integer
/// count of 10^-10 units. Unit prices in AWS price lists carry ten fraction digits
/// (`0.0000004000`), so this keeps them exactly; `Foundation.Decimal` is avoided on purpose
/// (slow on Linux, and `Decimal(string:)` accepts trailing garbage).
public struct FixedDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Number of fraction digits kept.
    public static let scale = 10
    /// 10^scale.
    public static let one: Int64 = 10_000_000_000

    /// The value times 10^10.
    public var scaled: Int64

    public init(scaled: Int64) { self.scaled = scaled }

    public static let zero = FixedDecimal(scaled: 0)

    public static func < (a: FixedDecimal, b: FixedDecimal) -> Bool { a.scaled < b.scaled }

    /// Why a string is not a valid decimal.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case notANumber
        case tooPrecise
        case tooLarge

        public var description: String {
            switch self {
            case .empty: return "empty value"
            case .notANumber: return "not a decimal number (digits with an optional '.', e.g. 0.0384)"
            case .tooPrecise: return "more than 10 fraction digits"
            case .tooLarge: return "number too large (at most 900000000)"
            }
        }
    }

    /// Parses a plain decimal string: digits, optionally one `.` and more digits. No sign, no
    /// exponent, no spaces, no thousands separators. Fraction digits past the tenth are accepted
    /// only when they are zeros.
    public static func parse<C: Collection>(utf8 bytes: C) -> Result<FixedDecimal, ParseError>
    where C.Element == UInt8 {
        DecimalText.scaled(bytes, scale: scale, maxWhole: 900_000_000).map(FixedDecimal.init(scaled:)).mapError {
            switch $0 {
            case .empty: return .empty
            case .notANumber: return .notANumber
            case .tooPrecise: return .tooPrecise
            case .tooLarge: return .tooLarge
            }
        }
    }

    /// Parses a string; see ``parse(utf8:)``.
    public static func parse(_ text: String) -> Result<FixedDecimal, ParseError> {
        var copy = text
        return copy.withUTF8 { parse(utf8: $0) }
    }

    /// Shortest plain decimal form: `0.0384`, `5`, `0.0000004`.
    public var description: String {
        let intPart = scaled / FixedDecimal.one
        var frac = scaled % FixedDecimal.one
        if frac == 0 { return String(intPart) }
        var width = FixedDecimal.scale
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        let f = String(frac)
        return "\(intPart)." + String(repeating: "0", count: width - f.count) + f
    }
}

/// The one strict decimal reader behind ``FixedDecimal`` and ``Quantity``: digits, at most one
/// `.`, no sign, exponent, spaces or separators; fraction digits past `scale` only as zeros.
enum DecimalText {
    enum Failure: Error { case empty, notANumber, tooPrecise, tooLarge }

    /// The value times 10^scale.
    static func scaled<C: Collection>(_ bytes: C, scale: Int, maxWhole: Int64) -> Result<Int64, Failure>
    where C.Element == UInt8 {
        if bytes.isEmpty { return .failure(.empty) }
        var whole: Int64 = 0
        var frac: Int64 = 0
        var fracDigits = 0
        var seenDot = false
        var digits = 0
        for b in bytes {
            if b == UInt8(ascii: ".") {
                if seenDot { return .failure(.notANumber) }
                seenDot = true
                continue
            }
            guard b >= 48 && b <= 57 else { return .failure(.notANumber) }
            let d = Int64(b - 48)
            digits += 1
            if seenDot {
                if fracDigits < scale {
                    frac = frac * 10 + d
                    fracDigits += 1
                } else if d != 0 {
                    return .failure(.tooPrecise)
                }
            } else {
                whole = whole * 10 + d
                if whole > maxWhole { return .failure(.tooLarge) }
            }
        }
        if digits == 0 { return .failure(.notANumber) }
        var unit: Int64 = 1
        for _ in 0..<scale { unit *= 10 }
        while fracDigits < scale {
            frac *= 10
            fracDigits += 1
        }
        return .success(whole * unit + frac)
    }
}
