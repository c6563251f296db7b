import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wall-clock helpers without Foundation's locale-dependent formatters.
public enum Clock {
    public static func nowISO8601() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return
            "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }

    /// Seconds since the epoch now (UTC).
    public static func epochSeconds() -> Int64 { Int64(time(nil)) }

    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

extension PlausibleDates {
    /// The latest plausible timestamp by the clock: one day after now.
    public static func latest() -> Int64 { latest(now: Clock.epochSeconds()) }
}
