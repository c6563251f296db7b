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

/// A calendar day (proleptic Gregorian, UTC), read strictly: `YYYY-MM-DD` with a real month and
/// day (no 2026-13-01, no 2026-02-31). The one reader of dates in files: price lists, sheets,
/// bills and metrics.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= daysIn(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date the first ten bytes spell (`YYYY-MM-DD`); what follows them is the caller's.
    @inlinable
    public init?(prefixOf b: UnsafeRawBufferPointer) {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        var year = 0
        var month = 0
        var day = 0
        for i in 0..<10 where i != 4 && i != 7 {
            let d = b[i] &- 48
            guard d <= 9 else { return nil }
            if i < 4 {
                year = year * 10 + Int(d)
            } else if i < 7 {
                month = month * 10 + Int(d)
            } else {
                day = day * 10 + Int(d)
            }
        }
        self.init(year: year, month: month, day: day)
    }

    /// Exactly `YYYY-MM-DD`.
    public init?(parsing text: some StringProtocol) {
        var s = String(text)
        guard s.utf8.count == 10, let date = s.withUTF8({ CivilDate(prefixOf: UnsafeRawBufferPointer($0)) }) else {
            return nil
        }
        self = date
    }

    /// The day `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = Int(doy - (153 * mp + 2) / 5 + 1)
        month = Int(mp < 10 ? mp + 3 : mp - 9)
        year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
    }

    /// Days from 1970-01-01 (Howard Hinnant's days_from_civil).
    @inlinable
    public var daysSinceEpoch: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468)
    }

    public var yearMonth: YearMonth { YearMonth(year: year, month: month) }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + two(month) + "-" + two(day)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
