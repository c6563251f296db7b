/// Days of a month in the Gregorian calendar.
public func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

/// A calendar month, `YYYY-MM`.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    /// 1...12
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` (four-digit year, month 01...12); nil for anything else.
    /// The years a roadmap month may be written in (`starts:`, `--start`): a year outside them
    /// is a typo (9999-01 made a 95,682-month timeline), not a plan.
    public static let plausibleYears = 2000...2100

    public init?(parsing text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count == 7, b[4] == UInt8(ascii: "-"), [0, 1, 2, 3, 5, 6].allSatisfy({ b[$0] >= 48 && b[$0] <= 57 }) else {
            return nil
        }
        let digits = b.map { Int($0) - 48 }
        let month = digits[5] * 10 + digits[6]
        guard (1...12).contains(month) else { return nil }
        self.init(year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3], month: month)
    }

    /// The month `n` months later (earlier when negative).
    public func adding(months n: Int) -> YearMonth {
        let index = year * 12 + (month - 1) + n
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        return YearMonth(year: y, month: index - y * 12 + 1)
    }

    /// Months from `other` to this month (positive when this one is later).
    public func months(since other: YearMonth) -> Int { (year * 12 + month) - (other.year * 12 + other.month) }

    public var days: Int { daysIn(year: year, month: month) }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m
    }

    /// Midnight UTC on the first day, ISO 8601 (`2027-01-01T00:00:00Z`).
    public var startTimestamp: String { "\(description)-01T00:00:00Z" }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
