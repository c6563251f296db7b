/// Plan against actual spend for one service in one month.
public struct VarianceRow: Sendable {
    public var month: String
    /// AWS offer code, or `Fixed` for non-AWS lines (never on an AWS bill).
    public var service: String
    public var plan: Money
    public var actual: Money

    public init(month: String, service: String, plan: Money, actual: Money) {
        self.month = month
        self.service = service
        self.plan = plan
        self.actual = actual
    }

    public var variance: Money { actual - plan }
    /// Variance in percent of the plan, one decimal (nil when the plan is zero).
    public var percent: String? {
        guard plan.micros != 0 else { return nil }
        let num = Int128(variance.micros) * 1000
        let den = Int128(plan.micros)
        var tenths = num / den
        if 2 * (num % den).magnitude >= den.magnitude { tenths += (num < 0) != (den < 0) ? -1 : 1 }
        let sign = tenths < 0 ? "-" : "+"
        let m = tenths.magnitude
        return "\(sign)\(m / 10).\(m % 10)%"
    }
}

/// How a FORECASTED value was computed from month-to-date spend.
public struct Forecast: Sendable {
    public var month: String
    public var daysElapsed: Int
    public var daysInMonth: Int
    public var actualToDate: Money
    public var plan: Money
    public var forecast: Money

    /// `MTD + remaining days × (w × run rate + (1 − w) × plan rate)`, w = elapsed share of the
    /// month: early in a month the plan carries the forecast, late in it the bill does.
    public init(month: String, daysElapsed: Int, daysInMonth: Int, actualToDate: Money, plan: Money) {
        self.month = month
        self.daysElapsed = daysElapsed
        self.daysInMonth = daysInMonth
        self.actualToDate = actualToDate
        self.plan = plan
        let d = Int128(daysInMonth)
        let e = Int128(daysElapsed)
        let remaining = d - e
        // remaining × (e/d × mtd/e + (d−e)/d × plan/d) = remaining × (mtd + (d−e) × plan/d) / d
        let numerator = remaining * (Int128(actualToDate.micros) * d + (d - e) * Int128(plan.micros))
        let rest = (numerator + d * d / 2) / (d * d)
        forecast = Money(micros: actualToDate.micros + Int64(rest))
    }

    public var explanation: String {
        "\(actualToDate.formatted(decimals: 2)) to day \(daysElapsed) of \(daysInMonth) + \(daysInMonth - daysElapsed) days "
            + "at the run rate weighted \(daysElapsed)/\(daysInMonth) and the plan (\(plan.formatted(decimals: 2))/month) "
            + "weighted \(daysInMonth - daysElapsed)/\(daysInMonth)"
    }

    /// Days of a `YYYY-MM` month (Gregorian).
    public static func days(in month: String) -> Int {
        YearMonth(parsing: month)?.days ?? 30
    }
}
