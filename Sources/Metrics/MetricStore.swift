import CostModel
import FileIO
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Time series by metric name, oldest first, loaded from plain CSV exports
/// (`timestamp,metric,value[,dimension...]`) of business or CloudWatch metrics. A file loads
/// whole or not at all.
public struct MetricStore: Sendable {
    /// The largest CloudWatch JSON file read (decompressed): AWS CLI pages are a few MB (at most
    /// 100,800 datapoints per get-metric-data call); the JSON parser holds a file several times over.
    public static let maxJSONBytes = 64 << 20

    public struct Series: Sendable {
        /// Seconds since 1970-01-01 UTC, ascending.
        public var times: [Int64] = []
        public var values: [Double] = []

        public init() {}
    }

    public private(set) var series: [String: Series] = [:]
    /// The Label of each get-metric-data Id loaded, and where it was first seen (file and
    /// result), so that a page of another query under the same Id is refused.
    var cloudWatchLabels: [String: (label: String, place: String)] = [:]
    /// Metrics known to exist (in the data store) but not loaded, because nothing asked for
    /// them; they count as names for did-you-mean suggestions.
    public var unloadedNames: Set<String> = []

    public init() {}

    /// Metric names, loaded or not.
    public var names: [String] { Set(series.keys).union(unloadedNames).sorted() }

    /// Sets a whole series (times ascending), replacing any earlier one.
    public mutating func set(_ metric: String, _ s: Series) { series[metric] = s }

    /// Newest timestamp of all metrics (the "now" windows end at).
    public var newest: Int64? { series.values.compactMap(\.times.last).max() }

    public var pointCount: Int { series.values.reduce(0) { $0 + $1.times.count } }

    /// Adds a point (tests and importers); times of a metric must ascend.
    public mutating func append(_ metric: String, time: Int64, value: Double) {
        series[metric, default: Series()].times.append(time)
        series[metric, default: Series()].values.append(value)
    }

    /// Loads a metrics CSV (``loadCSV(path:)``) or CloudWatch JSON (``loadCloudWatchJSON(path:)``),
    /// told apart by the first character, plain or gzip. Returns the content's fingerprint and
    /// the format (`CSV` or `CloudWatch JSON`).
    @discardableResult
    public mutating func load(path: String) throws -> (fingerprint: String, format: String) {
        let stream = try CSVStream(path: path, hints: .metrics)
        if MetricStore.isJSON(stream) {
            try loadCloudWatchJSON(
                path: path, data: Data(try stream.readAll(limit: MetricStore.maxJSONBytes, what: "a CloudWatch JSON export")))
            return (stream.fingerprint ?? "", "CloudWatch JSON")
        }
        try loadCSV(stream)
        return (stream.fingerprint ?? "", "CSV")
    }

    /// Whether a metrics file holds JSON (its first character other than white space is `{` or
    /// `[`) rather than CSV.
    public static func isJSON(_ stream: CSVStream) -> Bool {
        guard let first = stream.leadingBytes(64).first(where: { ![9, 10, 13, 32].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Loads the JSON that `aws cloudwatch get-metric-data` writes (`MetricDataResults`, each
    /// with `Id`, `Timestamps`, `Values`, `StatusCode`; newest first; one file per page when
    /// there was a `NextToken`: give all pages) or `aws cloudwatch get-metric-statistics`
    /// writes (`Label`, unordered `Datapoints` with one statistic each, or `ExtendedStatistics`).
    /// The metric is named by `Id` (get-metric-data) or `Label` (get-metric-statistics); points
    /// are merged with the metric's earlier points in time order, and a timestamp given twice
    /// is an error.
    public mutating func loadCloudWatchJSON(path: String) throws {
        let stream = try CSVStream(path: path, hints: .metrics)
        try loadCloudWatchJSON(
            path: path, data: Data(try stream.readAll(limit: MetricStore.maxJSONBytes, what: "a CloudWatch JSON export")))
    }

    mutating func loadCloudWatchJSON(path: String, data: Data) throws {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            let text = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
            var line = 1
            var column = 1
            if let range = text.range(of: #"character (\d+)"#, options: .regularExpression),
                let offset = Int(text[range].dropFirst("character ".count))
            {
                for b in data.prefix(offset) {
                    if b == 10 {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                }
            }
            throw UserError(
                path: path, line: line, column: column, "malformed JSON: \(text)",
                hint: "save the aws command's output unchanged (--output json)")
        }
        func fail(_ message: String) -> UserError {
            UserError(
                path: path, message,
                hint: "expected the output of aws cloudwatch get-metric-data or get-metric-statistics (--output json)")
        }
        let latest = PlausibleDates.latest()
        /// A timestamp as the AWS CLI writes it: ISO 8601 (CLI v2, or v1 with
        /// cli_timestamp_format = iso8601) or epoch seconds, whole or fractional (CLI v1's
        /// default), as a number or a string of digits.
        func time(_ any: Any, _ metric: String, _ place: String) throws -> Int64 {
            var t: Int64?
            if let text = any as? String {
                t = MetricStore.timestamp(text) ?? MetricStore.epochSeconds(text)
            } else if let n = any as? NSNumber {
                let d = n.doubleValue
                if d.isFinite && abs(d) < 1e15 { t = Int64(d.rounded(.down)) }
            }
            guard let t else {
                throw fail("\(metric): \(place): timestamp \(any) is neither an ISO 8601 time nor epoch seconds")
            }
            if let problem = PlausibleDates.problem(t, latest: latest) {
                throw UserError(
                    path: path, "\(metric): \(place): timestamp \(any) (\(MetricStore.iso(t))) \(problem)",
                    hint: PlausibleDates.hint)
            }
            return t
        }
        func number(_ any: Any, _ metric: String, _ place: String) throws -> Double {
            guard let n = any as? NSNumber, n.doubleValue.isFinite else {
                throw fail("\(metric): \(place): value \(any) is not a finite number")
            }
            guard abs(n.doubleValue) <= MetricStore.largestValue else {
                throw UserError(
                    path: path, "\(metric): \(place): value \(any) \(MetricStore.tooLarge)", hint: MetricStore.tooLargeHint)
            }
            return n.doubleValue
        }
        var points: [String: [(Int64, Double)]] = [:]
        var labels = cloudWatchLabels
        guard let object = root as? [String: Any] else { throw fail("the JSON is not an object") }
        if let results = object["MetricDataResults"] {
            guard let results = results as? [[String: Any]] else { throw fail("MetricDataResults is not a list of results") }
            for (k, r) in results.enumerated() {
                guard let id = r["Id"] as? String, Indicator.isName(id) else { throw fail("a result without a usable Id") }
                // Pages of one query repeat its Ids and Labels; another Label under the same Id is
                // another query's data (memory bytes are not CPU percent), never merged.
                let label = r["Label"] as? String ?? ""
                let here = "\(path) (MetricDataResults[\(k)])"
                if let earlier = labels[id], earlier.label != label {
                    throw UserError(
                        path: path,
                        "\(id): Label \"\(label)\" here, but \"\(earlier.label)\" in \(earlier.place): pages of one Id must agree",
                        hint:
                            "these are results of different queries under the same Id; give each metric its own Id, or leave out the page that does not belong"
                    )
                }
                labels[id] = labels[id] ?? (label, here)
                guard let times = r["Timestamps"] as? [Any], let values = r["Values"] as? [Any], times.count == values.count
                else { throw fail("\(id): Timestamps and Values must be lists of the same length") }
                for (j, (t, v)) in zip(times, values).enumerated() {
                    let place = "datapoint \(j + 1) of MetricDataResults[\(k)]"
                    points[id, default: []].append((try time(t, id, place), try number(v, id, place)))
                }
            }
        } else if let datapoints = object["Datapoints"] {
            guard let label = object["Label"] as? String, Indicator.isName(label) else {
                throw fail("get-metric-statistics output without a usable Label")
            }
            guard let datapoints = datapoints as? [[String: Any]] else { throw fail("Datapoints is not a list") }
            // One series per statistic asked for (--statistics Average Maximum, or
            // --extended-statistics p99): LABEL.Average, LABEL.Maximum, LABEL.p99; plain LABEL
            // when the file holds one statistic.
            var byStatistic: [String: [(Int64, Double)]] = [:]
            for (j, d) in datapoints.enumerated() {
                let place = "Datapoints[\(j)]"
                guard let t = d["Timestamp"] else { throw fail("\(label): \(place) has no Timestamp") }
                let time = try time(t, label, place)
                var stats: [(String, Any)] = MetricStore.statistics.compactMap { name in d[name].map { (name, $0) } }
                if let extended = d["ExtendedStatistics"] {
                    guard let extended = extended as? [String: Any] else {
                        throw fail("\(label): \(place): ExtendedStatistics is not an object of percentiles")
                    }
                    stats += extended.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                }
                guard !stats.isEmpty else {
                    throw fail(
                        "\(label): \(place) carries no statistic (Average, Sum, Minimum, Maximum, SampleCount or ExtendedStatistics)"
                    )
                }
                for (name, value) in stats {
                    guard Indicator.isName(label + "." + name) else {
                        throw fail("\(label): \(place): statistic \"\(name)\" is not a usable name")
                    }
                    byStatistic[name, default: []].append((time, try number(value, label, place + "." + name)))
                }
            }
            if byStatistic.count == 1, let only = byStatistic.first {
                points[label] = only.value
            } else {
                for (name, series) in byStatistic { points[label + "." + name] = series }
            }
        } else {
            throw fail("neither MetricDataResults nor Datapoints: not CloudWatch output")
        }
        if points.values.allSatisfy(\.isEmpty) {
            throw fail("the file holds no datapoints (was the time range right, and the metric's dimensions?)")
        }
        var merged: [String: Series] = [:]
        for (metric, new) in points {
            let old = series[metric].map { s in zip(s.times, s.values).map { ($0, $1) } } ?? []
            let all = (old + new).sorted { $0.0 < $1.0 }
            var s = Series()
            for (t, v) in all {
                if s.times.last == t {
                    throw fail("\(metric) has two values for \(MetricStore.iso(t)); a page given twice?")
                }
                s.times.append(t)
                s.values.append(v)
            }
            merged[metric] = s
        }
        for (metric, s) in merged { series[metric] = s }
        cloudWatchLabels = labels
    }

    /// The statistics a get-metric-statistics datapoint may carry, besides ExtendedStatistics.
    static let statistics = ["Average", "Sum", "Minimum", "Maximum", "SampleCount"]

    /// The largest magnitude a metric value may have: 10^15. Sums of millions of such values
    /// stay finite and exact enough; anything larger is a unit mix-up or garbage, and would
    /// let totals and averages overflow to infinity.
    public static let largestValue = 1e15
    static let tooLarge = "is larger than 10^15 in magnitude, the most orcha-cost sums"
    static let tooLargeHint = "metric values are counts, percentages, bytes or milliseconds; check the unit of this value"

    /// Seconds since the epoch of a string of digits with an optional fraction
    /// (`1795129200`, `1795129200.0`), as the AWS CLI v1 writes timestamps; nil otherwise.
    static func epochSeconds(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy({ $0.isASCII && $0.isNumber }))
        else { return nil }
        return Int64(whole)
    }

    /// Loads a CSV with a `timestamp,metric,value` header (more columns, e.g. dimensions, are
    /// ignored). Timestamps: `2026-11-01`, `2026-11-01T10:00:00Z` or with an offset
    /// (`+02:00`). Each metric's timestamps must ascend; values must be finite numbers. A
    /// metric already loaded from another file is merged with it in time order (files may be
    /// given in any order, and may interleave); a timestamp in both is an error.
    public mutating func loadCSV(path: String) throws { try loadCSV(try CSVStream(path: path, hints: .metrics)) }

    mutating func loadCSV(_ stream: CSVStream) throws {
        var reader = MetricCSVReader()
        var local: [Series] = []
        try reader.read(stream) { m, time, value in
            if m == local.count { local.append(Series()) }
            local[m].times.append(time)
            local[m].values.append(value)
        }
        // All or nothing: merged into a copy, kept when every metric merged.
        var merged = self
        for (metric, s) in zip(reader.names, local) {
            try merged.merge(metric, s) { t in
                UserError(
                    path: stream.path, "\(metric) has two values for \(MetricStore.iso(t)): in this file and in an earlier one",
                    hint: "one value per metric and timestamp: leave out the file that repeats it")
            }
        }
        self = merged
    }

    /// Adds `new` (times ascending) to the metric's series: appended when it starts after the
    /// series ends, merged in time order when the two interleave; a timestamp in both is
    /// `duplicate(time)`.
    mutating func merge(_ metric: String, _ new: Series, duplicate: (Int64) -> Error) throws {
        guard let old = series[metric], let oldLast = old.times.last else {
            series[metric] = new
            return
        }
        guard let newFirst = new.times.first else { return }
        if newFirst > oldLast {
            series[metric]!.times += new.times
            series[metric]!.values += new.values
            return
        }
        var s = Series()
        s.times.reserveCapacity(old.times.count + new.times.count)
        s.values.reserveCapacity(old.times.count + new.times.count)
        var i = 0
        var j = 0
        while i < old.times.count || j < new.times.count {
            if j == new.times.count || (i < old.times.count && old.times[i] < new.times[j]) {
                s.times.append(old.times[i])
                s.values.append(old.values[i])
                i += 1
            } else {
                if i < old.times.count && old.times[i] == new.times[j] { throw duplicate(new.times[j]) }
                s.times.append(new.times[j])
                s.values.append(new.values[j])
                j += 1
            }
        }
        series[metric] = s
    }

    /// A finite decimal number: `-12.5`, `3`, `1e3`. Plain decimals of up to 15 significant
    /// digits are converted exactly (integer mantissa over a power of ten); other forms go
    /// through the standard library. NaN, infinities, hex and spaces are refused.
    static func value(_ b: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        var negative = false
        if i < b.count && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: Int64 = 0
        var digits = 0
        var fraction = -1
        while i < b.count {
            let c = b[i]
            if c >= 48 && c <= 57 {
                mantissa = mantissa &* 10 &+ Int64(c - 48)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else if c == UInt8(ascii: ".") && fraction < 0 {
                fraction = 0
            } else {
                break
            }
            i += 1
        }
        if i == b.count && digits > 0 && digits <= 15 {
            let v = fraction > 0 ? Double(mantissa) / powersOfTen[fraction] : Double(mantissa)
            return negative ? -v : v
        }
        guard digits > 0, b.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 43 || $0 == 45 || $0 == 69 || $0 == 101 })
        else { return nil }
        guard let v = Double(String(decoding: b, as: UTF8.self)), v.isFinite else { return nil }
        return v
    }

    static let powersOfTen: [Double] = (0...15).map { p in (0..<p).reduce(1.0) { r, _ in r * 10 } }

    /// `2026-11-26T04:00:00Z` for seconds since the epoch.
    public static func iso(_ t: Int64) -> String {
        let secs = t - (t >= 0 ? t / 86_400 : (t - 86_399) / 86_400) * 86_400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return PlausibleDates.day(t) + "T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))Z"
    }

    /// Seconds since the epoch of `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH:MM]` (UTC when no zone).
    public static func timestamp(_ s: String) -> Int64? {
        var copy = s
        return copy.withUTF8 { timestamp(UnsafeRawBufferPointer($0)) }
    }

    /// See ``timestamp(_:)-(String)``.
    public static func timestamp(_ b: UnsafeRawBufferPointer) -> Int64? {
        guard let days = days(b), let seconds = secondsOfDay(b) else { return nil }
        return days * 86_400 + seconds
    }

    /// Two digits at `i` as a number, nil when either is not a digit (or out of range).
    @inline(__always)
    static func twoDigits(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int64? {
        guard i + 2 <= b.count else { return nil }
        let h = b[i] &- 48
        let l = b[i + 1] &- 48
        guard h <= 9 && l <= 9 else { return nil }
        return Int64(h) * 10 + Int64(l)
    }

    /// Days from 1970-01-01 of the `YYYY-MM-DD` a timestamp starts with (a real date), nil
    /// otherwise.
    static func days(_ b: UnsafeRawBufferPointer) -> Int64? { CivilDate(prefixOf: b)?.daysSinceEpoch }

    /// Seconds from the start of the date of what follows it in a timestamp
    /// (`[(T| )HH:MM[:SS[.fff]]][Z|±HH:MM]`; an offset is subtracted, so the result may fall
    /// outside 0..<86400), nil when malformed.
    static func secondsOfDay(_ b: UnsafeRawBufferPointer) -> Int64? {
        var i = 10
        guard i < b.count else { return i == b.count ? 0 : nil }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { return nil }
        guard let h = twoDigits(b, i + 1), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"), let mi = twoDigits(b, i + 4), h < 24,
            mi < 60
        else { return nil }
        var seconds = h * 3600 + mi * 60
        i += 6
        if i < b.count && b[i] == UInt8(ascii: ":") {
            guard let sec = twoDigits(b, i + 1), sec < 60 else { return nil }
            seconds += sec
            i += 3
            if i < b.count && b[i] == UInt8(ascii: ".") {
                i += 1
                while i < b.count && b[i] >= 48 && b[i] <= 57 { i += 1 }
            }
        }
        if i < b.count && b[i] == UInt8(ascii: "Z") {
            i += 1
        } else if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
            guard let oh = twoDigits(b, i + 1), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"), let om = twoDigits(b, i + 4),
                oh < 24, om < 60
            else { return nil }
            let offset = oh * 3600 + om * 60
            seconds -= b[i] == UInt8(ascii: "+") ? offset : -offset
            i += 6
        }
        return i == b.count ? seconds : nil
    }
}

extension CSVHints {
    /// A metrics export (`timestamp,metric,value` CSV).
    public static let metrics = CSVHints(
        invalidUTF8: "metrics exports are UTF-8; convert the file (iconv -t UTF-8)",
        malformedQuoting: "the file is damaged or is not a metrics CSV (timestamp,metric,value); export it again",
        unclosedQuote: "export the metrics again; a complete export ends with a full row")
}
