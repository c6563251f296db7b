/// The dates a metric or a bill line may carry. Anything earlier than AWS's first bills
/// (2006-01-01) or later than a day past the clock is a placeholder (`0001-01-01`, `9999-12-31`)
/// or a typo, never data: one such row would otherwise move every trigger window, or the month
/// `budget check` judges, to itself. Readers refuse it naming the file, row and value.
public enum PlausibleDates {
    /// 2006-01-01T00:00:00Z, when AWS began billing (S3 opened in March 2006).
    public static let earliest: Int64 = 1_136_073_600
    /// How far past the clock a timestamp may be (time zones, clock skew): one day.
    public static let slack: Int64 = 86_400

    /// The latest plausible timestamp: one day after `now` (seconds since the epoch; FileIO's
    /// `PlausibleDates.latest()` reads the clock).
    public static func latest(now: Int64) -> Int64 { now + slack }

    /// `YYYY-MM-DD` of a timestamp (UTC).
    public static func day(_ t: Int64) -> String {
        CivilDate(daysSinceEpoch: t >= 0 ? t / 86_400 : (t - 86_399) / 86_400).description
    }

    /// What is wrong with a timestamp (nil: it is plausible), e.g. `is before 2006-01-01, when AWS
    /// billing began` or `is after 2026-12-06, a day past today`; `latest` from ``latest(now:)``.
    public static func problem(_ t: Int64, latest: Int64) -> String? {
        if t < earliest { return "is before 2006-01-01, when AWS billing began (a placeholder for no date?)" }
        if t > latest { return "is after \(day(latest)), a day past today (a placeholder or a mistyped year?)" }
        return nil
    }

    /// The hint after an implausible date.
    public static let hint =
        "dates must fall between 2006-01-01 and tomorrow; fix or drop the row (a null date written as a date is not data)"
}
