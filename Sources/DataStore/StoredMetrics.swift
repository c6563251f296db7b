import CostModel
import Metrics
import Pricing

/// What one metrics import did.
public struct MetricImport: Sendable {
    public var path: String
    public var format: String
    public var points: Int
    public var metrics: [String]
    /// Earlier imports of the same file (by path or content) that this one replaced.
    public var replaced: [String]
}

/// One metric in the store.
public struct StoredMetric: Sendable {
    public var metric: String
    public var points: Int
    public var first: Int64
    public var last: Int64
    public var files: Int
}

extension DataStore {
    static let day: Int64 = 86_400
    static let pointSize = 12

    static func dayOf(_ t: Int64) -> Int64 { t >= 0 ? t / day : (t - day + 1) / day }

    /// Imports one metrics file (CSV or CloudWatch JSON, plain or gzip) in one transaction. A
    /// metric whose time range overlaps the same metric's data from another file is refused.
    public func importMetrics(path: String) throws -> MetricImport {
        var metrics = MetricStore()
        let (fingerprint, format) = try metrics.load(path: path)
        let absolute = DataStore.absolute(path)
        return try sqlite {
            try db.transaction {
                let replaced = try replaceEarlier(kind: "metrics", path: absolute, fingerprint: fingerprint)
                let overlap = try db.prepare(
                    """
                    SELECT s.path, m.first_time, m.last_time FROM metric_series m JOIN sources s ON s.id = m.source_id
                    WHERE m.metric = ? AND m.first_time <= ? AND m.last_time >= ? LIMIT 1
                    """)
                for name in metrics.names {
                    let series = metrics.series[name]!
                    try overlap.bind([.text(name), .int(series.times.last!), .int(series.times.first!)])
                    if try overlap.step() {
                        let other = overlap.text(0) ?? ""
                        throw UserError(
                            path: path,
                            "\(name) overlaps the data already imported from \(other) (\(MetricStore.iso(overlap.int(1)))"
                                + " to \(MetricStore.iso(overlap.int(2)))); this file has \(MetricStore.iso(series.times.first!))"
                                + " to \(MetricStore.iso(series.times.last!))",
                            hint:
                                "each metric's files must cover separate time ranges; to update \(other), import its new version under the same path"
                        )
                    }
                    overlap.reset()
                }
                let id = try addSource(
                    kind: "metrics", path: absolute, fingerprint: fingerprint, format: format, rows: metrics.pointCount,
                    currency: nil)
                let addSeries = try db.prepare(
                    "INSERT INTO metric_series(source_id, metric, points, first_time, last_time) VALUES(?, ?, ?, ?, ?)")
                let addDay = try db.prepare(
                    "INSERT INTO metric_days(source_id, metric, day, points, data) VALUES(?, ?, ?, ?, ?)")
                var buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 16)
                var capacity = 1 << 16
                defer { buffer.deallocate() }
                for name in metrics.names {
                    let s = metrics.series[name]!
                    try addSeries.bind([
                        .int(id), .text(name), .int(Int64(s.times.count)), .int(s.times.first!), .int(s.times.last!),
                    ])
                    try addSeries.run()
                    var start = 0
                    while start < s.times.count {
                        let day = DataStore.dayOf(s.times[start])
                        let dayStart = day * DataStore.day
                        var end = start
                        while end < s.times.count && s.times[end] < dayStart + DataStore.day { end += 1 }
                        let bytes = (end - start) * DataStore.pointSize
                        if bytes > capacity {
                            buffer.deallocate()
                            capacity = bytes
                            buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                        }
                        var o = 0
                        for k in start..<end {
                            buffer.storeBytes(
                                of: UInt32(truncatingIfNeeded: s.times[k] - dayStart).littleEndian, toByteOffset: o,
                                as: UInt32.self)
                            buffer.storeBytes(of: s.values[k].bitPattern.littleEndian, toByteOffset: o + 4, as: UInt64.self)
                            o += DataStore.pointSize
                        }
                        try addDay.bind([.int(id), .text(name), .int(day), .int(Int64(end - start))])
                        addDay.bind(5, blob: UnsafeRawBufferPointer(start: buffer, count: bytes))
                        try addDay.run()
                        start = end
                    }
                }
                return MetricImport(
                    path: path, format: format, points: metrics.pointCount, metrics: metrics.names, replaced: replaced)
            }
        }
    }

    /// Every metric in the store, by name.
    public func storedMetrics() throws -> [StoredMetric] {
        try sqlite {
            let st = try db.prepare(
                """
                SELECT metric, SUM(points), MIN(first_time), MAX(last_time), COUNT(*) FROM metric_series
                GROUP BY metric ORDER BY metric
                """)
            var all: [StoredMetric] = []
            while try st.step() {
                all.append(
                    StoredMetric(
                        metric: st.text(0) ?? "", points: Int(st.int(1)), first: st.int(2), last: st.int(3), files: Int(st.int(4))
                    ))
            }
            return all
        }
    }

    /// The newest datapoint of all stored metrics (where trigger windows end), nil when none.
    public func newestMetricTime() throws -> Int64? {
        try sqlite {
            let st = try db.prepare("SELECT MAX(last_time) FROM metric_series")
            return try st.step() && !st.isNull(0) ? st.int(0) : nil
        }
    }

    /// The series of the metrics named (others are listed as unloaded names, for did-you-mean).
    public func loadMetrics(named wanted: Set<String>) throws -> MetricStore {
        try sqlite {
            var store = MetricStore()
            let all = Set(try storedMetrics().map(\.metric))
            store.unloadedNames = all.subtracting(wanted)
            let count = try db.prepare("SELECT SUM(points) FROM metric_series WHERE metric = ?")
            let days = try db.prepare(
                """
                SELECT d.day, d.points, d.data FROM metric_days d
                JOIN metric_series s ON s.source_id = d.source_id AND s.metric = d.metric
                WHERE d.metric = ? ORDER BY d.day, s.first_time
                """)
            for name in wanted.intersection(all).sorted() {
                try count.bind([.text(name)])
                let total = try count.step() ? Int(count.int(0)) : 0
                count.reset()
                var series = MetricStore.Series()
                series.times.reserveCapacity(total)
                series.values.reserveCapacity(total)
                try days.bind([.text(name)])
                while try days.step() {
                    let dayStart = days.int(0) * DataStore.day
                    let n = Int(days.int(1))
                    let data = days.blob(2)
                    guard data.count == n * DataStore.pointSize else {
                        throw UserError(
                            path: path, "stored points of \(name) on day \(days.int(0)) are damaged",
                            hint: "delete the file and import the metrics again")
                    }
                    for k in 0..<n {
                        let o = k * DataStore.pointSize
                        let offset = UInt32(littleEndian: data.loadUnaligned(fromByteOffset: o, as: UInt32.self))
                        let bits = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: o + 4, as: UInt64.self))
                        series.times.append(dayStart + Int64(offset))
                        series.values.append(Double(bitPattern: bits))
                    }
                }
                days.reset()
                store.set(name, series)
            }
            return store
        }
    }
}
