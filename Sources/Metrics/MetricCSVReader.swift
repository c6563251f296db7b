import CostModel
import FileIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a metrics CSV (`timestamp,metric,value[,more columns]`) row by row and hands each
/// datapoint to a consumer, with the metric as an index into ``names``: the in-memory loader
/// (``MetricStore/loadCSV(path:)``) appends the points to series, the data store packs them
/// into per-day BLOBs as they come, so neither checks rows its own way.
///
/// Checks every row: the header, the field count, the timestamp (a real date between 2006 and
/// tomorrow, see ``PlausibleDates``), the metric name, a finite value, and that each metric's timestamps ascend without repeats. The first problem stops the
/// read with a diagnostic naming its line.
public struct MetricCSVReader {
    /// The metrics in order of first appearance.
    public private(set) var names: [String] = []
    /// Datapoints read per metric (same order as ``names``).
    public private(set) var counts: [Int] = []
    var lastTimes: [Int64] = []
    var lastLines: [Int] = []
    var index: [String: Int] = [:]

    public init() {}

    /// All datapoints read.
    public var pointCount: Int { counts.reduce(0, +) }

    /// Reads the whole stream, calling `newMetric(name)` when a metric first appears (it gets
    /// the next index: 0, 1, ...) and `onPoint(metric, time, value)` for each datapoint (times
    /// of one metric ascend); stops at the first bad row or error a callback throws.
    public mutating func read(
        _ stream: CSVStream, newMetric: (String) throws -> Void = { _ in }, _ onPoint: (Int, Int64, Double) throws -> Void
    ) throws {
        let path = stream.path
        var header = true
        // Rows usually come grouped by metric: the metric's index is looked up again only when
        // the name differs from the previous row's (compared as bytes, without a String).
        var current = -1
        var currentName: [UInt8] = []
        var clock = TimestampParser()
        let latest = PlausibleDates.latest()
        try stream.forEachRecord { r in
            if header {
                header = false
                let names = (0..<min(r.count, 3)).map { r.string($0) }
                guard names == ["timestamp", "metric", "value"] else {
                    throw UserError(
                        path: path, line: r.line,
                        "the header must start timestamp,metric,value (found \(names.joined(separator: ",")))",
                        hint: "one datapoint per row, e.g. 2026-11-01T00:00:00Z,paying_customers,5")
                }
                return
            }
            guard r.count >= 3 else {
                throw UserError(path: path, line: r.line, "row has \(r.count) fields; needs timestamp,metric,value")
            }
            guard let time = clock.parse(r.bytes(0)) else {
                throw UserError(
                    path: path, line: r.line, "column \"timestamp\": \"\(r.string(0).prefix(40))\" is not a timestamp",
                    hint: "write 2026-11-01, 2026-11-01T10:00:00Z or 2026-11-01T12:00:00+02:00")
            }
            if time < PlausibleDates.earliest || time > latest {
                throw UserError(
                    path: path, line: r.line,
                    "column \"timestamp\": \"\(r.string(0).prefix(40))\" \(PlausibleDates.problem(time, latest: latest)!)",
                    hint: PlausibleDates.hint)
            }
            let nameBytes = r.bytes(1)
            if current < 0 || nameBytes.count != currentName.count
                || memcmp(nameBytes.baseAddress!, currentName, currentName.count) != 0
            {
                let metric = r.string(1)
                guard Indicator.isName(metric) else {
                    throw UserError(
                        path: path, line: r.line, "column \"metric\": \"\(metric.prefix(40))\" is not a metric name",
                        hint: "letters, digits and _ . / - starting with a letter, e.g. db_cpu_percent")
                }
                if let i = index[metric] {
                    current = i
                } else {
                    current = names.count
                    index[metric] = current
                    names.append(metric)
                    try newMetric(metric)
                    counts.append(0)
                    lastTimes.append(0)
                    lastLines.append(0)
                }
                currentName = Array(nameBytes)
            }
            guard let value = MetricStore.value(r.bytes(2)) else {
                throw UserError(
                    path: path, line: r.line, "column \"value\": \"\(r.string(2).prefix(40))\" is not a finite number",
                    hint: "write a plain number (no NaN, Inf or units)")
            }
            guard abs(value) <= MetricStore.largestValue else {
                throw UserError(
                    path: path, line: r.line, "column \"value\": \"\(r.string(2).prefix(40))\" \(MetricStore.tooLarge)",
                    hint: MetricStore.tooLargeHint)
            }
            if counts[current] > 0 && time <= lastTimes[current] {
                let metric = names[current]
                throw UserError(
                    path: path, line: r.line,
                    time == lastTimes[current]
                        ? "\(metric) has two values for \(r.string(0)) (also line \(lastLines[current]))"
                        : "\(metric) goes back in time: \(r.string(0)) comes after a later timestamp (line \(lastLines[current]))",
                    hint: "one value per metric and timestamp, oldest first")
            }
            try onPoint(current, time, value)
            counts[current] += 1
            lastTimes[current] = time
            lastLines[current] = r.line
        }
        if header { throw UserError(path: path, "the file is empty", hint: "the first line is timestamp,metric,value") }
    }
}

/// ``MetricStore/timestamp(_:)-(UnsafeRawBufferPointer)`` with the date part remembered: rows
/// of a metric share their date for a whole day, so the calendar arithmetic runs once a day.
struct TimestampParser {
    var date: (UInt64, UInt16) = (0, 0)
    var days: Int64 = 0
    var valid = false

    mutating func parse(_ b: UnsafeRawBufferPointer) -> Int64? {
        guard b.count >= 10 else { return nil }
        let head = (b.loadUnaligned(as: UInt64.self), b.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if !valid || head != date {
            guard let d = MetricStore.days(b) else { return nil }
            date = head
            days = d
            valid = true
        }
        guard let seconds = MetricStore.secondsOfDay(b) else { return nil }
        return days * 86_400 + seconds
    }
}
