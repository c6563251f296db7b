/// An indicator that a roadmap phase is due, as written in a scenario:
///
///     latest(paying_customers) >= 5
///     sum(quotes_created over 30d) >= 500
///     sum(critical_bugs over 14d) == 0
///     p95(response_ms over 7d) > 2000
///     db_cpu_percent > 60 sustained 3 of 5 periods of 1h
///     max(ecs_task_count) == 6 on >= 30% of days in 14d
///
/// Functions: latest, min, max, avg, sum, count, p95, monthly (= sum over 30 days). A window
/// (`over 14d`) ends at the newest datapoint of all metrics. "Sustained M of N periods of P"
/// averages each of the last N periods of length P and needs M of them past the threshold, as
/// CloudWatch alarms define "M out of N datapoints". "on OP P% of days in Nd" applies the
/// function to each of the last N days (24-hour periods ending at the evaluation time) and
/// compares the share of the N days on which the comparison holds with P percent.
public struct Indicator: Sendable, Hashable {
    public enum Function: String, Sendable, CaseIterable {
        case latest, min, max, avg, sum, count, p95, monthly
    }
    public enum Comparison: String, Sendable, CaseIterable {
        case greater = ">"
        case greaterOrEqual = ">="
        case less = "<"
        case lessOrEqual = "<="
        case equal = "=="

        public func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .equal: return a == b
            }
        }
    }
    public enum Kind: Sendable, Hashable {
        /// FUNCTION(metric [over WINDOW]); window in seconds.
        case aggregate(Function, window: Int64?)
        /// metric OP X sustained M of N periods of P; period in seconds.
        case sustained(m: Int, n: Int, period: Int64)
        /// FUNCTION(metric) OP X on SHARE P% of days in N d: the function per day, then the
        /// share of the `days` days where the comparison holds, compared with `percent`.
        case daily(Function, share: Comparison, percent: Double, days: Int)
    }

    public var text: String
    public var metric: String
    public var kind: Kind
    public var comparison: Comparison
    public var threshold: Double
    public var location: InputLocation

    /// Parses an indicator; the error says what is wrong and shows the expected form.
    public static func parse(_ text: String, location: InputLocation) -> Result<Indicator, IndicatorSyntaxError> {
        var tokens = Tokens(text)
        func fail(_ message: String) -> Result<Indicator, IndicatorSyntaxError> {
            .failure(IndicatorSyntaxError(message: message))
        }
        guard let first = tokens.next() else { return fail("empty indicator") }
        let metric: String
        var kind: Kind
        let hasFunction = tokens.peek() == "("
        if hasFunction {
            guard let function = Function(rawValue: first) else {
                let synonyms = [
                    "mean": "avg", "average": "avg", "last": "latest", "total": "sum", "minimum": "min", "maximum": "max",
                ]
                let guess =
                    (synonyms[first] ?? Spelling.closest(to: first, in: Function.allCases.map(\.rawValue)))
                    .map { " Did you mean '\($0)'?" } ?? ""
                return fail(
                    "unknown function '\(first)'.\(guess) Functions: \(Function.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            _ = tokens.next()
            guard let name = tokens.next(), isName(name) else { return fail("expected a metric name after '\(first)('") }
            metric = name
            var window: Int64? = function == .monthly ? 30 * 86_400 : nil
            if tokens.peek() == "over" {
                _ = tokens.next()
                guard let d = tokens.next().flatMap(duration) else {
                    return fail("expected a window after 'over', e.g. 14d, 12h or 30m")
                }
                window = d
            }
            guard tokens.next() == ")" else { return fail("expected ')' after the metric") }
            kind = .aggregate(function, window: window)
        } else {
            guard isName(first) else { return fail("expected a metric name or a function, found '\(first)'") }
            metric = first
            kind = .aggregate(.latest, window: nil)
        }
        guard let opText = tokens.next(), let comparison = Comparison(rawValue: opText) else {
            return fail("expected a comparison (>, >=, <, <=, ==) after the metric")
        }
        guard let numberText = tokens.next(), let threshold = Double(numberText), threshold.isFinite,
            numberText.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" })
        else { return fail("expected a number after '\(opText)'") }
        if tokens.peek() == "sustained" {
            _ = tokens.next()
            guard case .aggregate(.latest, nil) = kind, first == metric else {
                return fail("'sustained' applies to a plain metric: METRIC > X sustained M of N periods of P")
            }
            guard let m = tokens.next().flatMap({ Int($0) }), tokens.next() == "of", let n = tokens.next().flatMap({ Int($0) }),
                tokens.next() == "periods", tokens.next() == "of", let period = tokens.next().flatMap(duration)
            else { return fail("expected 'sustained M of N periods of P', e.g. sustained 3 of 5 periods of 1h") }
            guard m >= 1, m <= n, n <= 10_000 else { return fail("sustained M of N needs 1 <= M <= N (N at most 10000)") }
            kind = .sustained(m: m, n: n, period: period)
        } else if tokens.peek() == "on" {
            _ = tokens.next()
            let form = "FUNCTION(METRIC) OP X on >= P% of days in Nd, e.g. max(ecs_task_count) == 6 on >= 30% of days in 14d"
            guard hasFunction, case .aggregate(let function, let window) = kind else {
                return fail("'on ... of days' needs a function to apply to each day: \(form)")
            }
            guard function != .monthly else { return fail("monthly() is a 30-day total; per day use sum(): \(form)") }
            guard window == nil else {
                return fail("the function applies to each day; give the window after 'in', not 'over': \(form)")
            }
            guard let shareText = tokens.next(), let share = Comparison(rawValue: shareText) else {
                return fail("expected a comparison (>, >=, <, <=, ==) after 'on': \(form)")
            }
            guard let percentText = tokens.next(), percentText.hasSuffix("%"), let percent = Double(percentText.dropLast()),
                percentText.dropLast().allSatisfy({ $0.isNumber || $0 == "." }), percent >= 0, percent <= 100
            else { return fail("expected a percentage from 0% to 100% after 'on \(shareText)': \(form)") }
            guard tokens.next() == "of" else { return fail("expected 'of days in Nd' after '\(percentText)': \(form)") }
            let unit = tokens.next()
            guard unit == "days" else {
                return fail("expected 'days' after 'of'\(unit.map { ", found '\($0)'" } ?? ""): \(form)")
            }
            guard tokens.next() == "in", let windowText = tokens.next(), windowText.hasSuffix("d"),
                let window = duration(windowText)
            else { return fail("expected 'in Nd' (a number of days, e.g. in 14d) after 'of days': \(form)") }
            kind = .daily(function, share: share, percent: percent, days: Int(window / 86_400))
        }
        if let extra = tokens.next() {
            let guess = Spelling.closest(to: extra, in: ["sustained"]).map { ". Did you mean '\($0)'?" } ?? ""
            return fail("unexpected '\(extra)' at the end" + guess)
        }
        return .success(
            Indicator(text: text, metric: metric, kind: kind, comparison: comparison, threshold: threshold, location: location))
    }

    public static func isName(_ s: String) -> Bool {
        guard let f = s.first, f.isLetter || f == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "/" || $0 == "-" }
    }

    /// Seconds of `30m`, `12h`, `14d`.
    static func duration(_ s: String) -> Int64? {
        guard let unit = s.last, let n = Int64(s.dropLast()), n > 0, n <= 3660 else { return nil }
        switch unit {
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        default: return nil
        }
    }

    struct Tokens {
        var items: [String] = []
        var index = 0
        init(_ text: String) {
            var current = ""
            var chars = Array(text)
            chars.append(" ")
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if c == " " || c == "\t" || c == "(" || c == ")" {
                    if !current.isEmpty { items.append(current) }
                    current = ""
                    if c == "(" || c == ")" { items.append(String(c)) }
                } else if "<>=".contains(c) {
                    if !current.isEmpty { items.append(current) }
                    current = ""
                    if i + 1 < chars.count && chars[i + 1] == "=" {
                        items.append(String(c) + "=")
                        i += 1
                    } else {
                        items.append(String(c))
                    }
                } else {
                    current.append(c)
                }
                i += 1
            }
        }
        mutating func next() -> String? {
            defer { index += 1 }
            return index < items.count ? items[index] : nil
        }
        func peek() -> String? { index < items.count ? items[index] : nil }
    }
}

public struct IndicatorSyntaxError: Error, Sendable {
    public var message: String
}

/// When a phase is due: its indicators and how many must hold (nil: all).
public struct PhaseTriggers: Sendable, Hashable {
    public var indicators: [Indicator]
    public var require: Int?
    public var location: InputLocation

    public init(indicators: [Indicator], require: Int?, location: InputLocation) {
        self.indicators = indicators
        self.require = require
        self.location = location
    }
}
