import CostModel
import FileIO
import Metrics
import SQLiteStore

extension DataStore {
    static let day: Int64 = 86_400
    static let pointSize = 12

    static func dayOf(_ t: Int64) -> Int64 { t >= 0 ? t / day : (t - day + 1) / day }

    /// Imports one metrics file (CSV or CloudWatch JSON, plain or gzip) in one transaction. A CSV
    /// is streamed: each metric's UTC day is written as soon as the file moves past it, so
    /// memory stays flat whatever the file's size. A metric that already has data from another
    /// file is merged with it in time order (files may interleave); a timestamp both files
    /// give is refused, naming the other file.
    public func importMetrics(path: String) throws -> MetricImport {
        let stream = try CSVStream(path: path, hints: .metrics)
        let absolute = DataStore.absolute(path)
        return try sqlite {
            try db.transaction {
                var replaced = try replaceEarlier(kind: "metrics", path: absolute, fingerprint: nil)
                // The fingerprint and the count are known at the end; the row is filled in then.
                let id = try addSource(kind: "metrics", path: absolute, fingerprint: "", format: "", rows: 0, currency: nil)
                var writer = try MetricDayWriter(db: db, source: id)
                defer { writer.release() }
                let format: String
                let fingerprint: String
                if MetricStore.isJSON(stream) {
                    var metrics = MetricStore()
                    (fingerprint, format) = try metrics.load(path: path)
                    for name in metrics.names {
                        guard let s = metrics.series[name] else { continue }
                        let m = writer.open.count
                        writer.addMetric(name)
                        for k in s.times.indices { try writer.add(m, s.times[k], s.values[k]) }
                    }
                } else {
                    var reader = MetricCSVReader()
                    try reader.read(stream, newMetric: { writer.addMetric($0) }) { m, time, value in
                        try writer.add(m, time, value)
                    }
                    fingerprint = stream.fingerprint ?? ""
                    format = "CSV"
                }
                let written = try writer.finish().sorted { $0.name < $1.name }
                for earlier in try replaceEarlier(kind: "metrics", path: nil, fingerprint: fingerprint, excluding: id)
                where !replaced.contains(earlier) {
                    replaced.append(earlier)
                }
                let addSeries = try db.prepare(
                    "INSERT INTO metric_series(source_id, metric, points, first_time, last_time) VALUES(?, ?, ?, ?, ?)")
                for w in written {
                    try checkInterleaving(w, source: id, path: path)
                    try addSeries.bind([.int(id), .text(w.name), .int(Int64(w.points)), .int(w.first), .int(w.last)])
                    try addSeries.run()
                }
                let points = written.reduce(0) { $0 + $1.points }
                let update = try db.prepare("UPDATE sources SET fingerprint = ?, format = ?, rows = ? WHERE id = ?")
                try update.bind([.text(fingerprint), .text(format), .int(Int64(points)), .int(id)])
                try update.run()
                return MetricImport(path: path, format: format, points: points, metrics: written.map(\.name), replaced: replaced)
            }
        }
    }

    /// Checks a metric just written against the same metric's data from other files whose time
    /// range overlaps it: interleaving is fine (triggers merge them in time order), a timestamp
    /// both give is an error.
    func checkInterleaving(_ w: MetricDayWriter.Written, source: Int64, path: String) throws {
        let overlapping = try db.prepare(
            """
            SELECT s.path, m.source_id, m.first_time, m.last_time FROM metric_series m JOIN sources s ON s.id = m.source_id
            WHERE m.metric = ? AND m.first_time <= ? AND m.last_time >= ?
            """)
        try overlapping.bind([.text(w.name), .int(w.last), .int(w.first)])
        var others: [(path: String, id: Int64, first: Int64, last: Int64)] = []
        while try overlapping.step() {
            others.append((overlapping.text(0) ?? "", overlapping.int(1), overlapping.int(2), overlapping.int(3)))
        }
        let days = try db.prepare(
            "SELECT day, source_id, data FROM metric_days WHERE metric = ? AND day BETWEEN ? AND ? AND source_id IN (?, ?) ORDER BY day"
        )
        for other in others {
            let from = DataStore.dayOf(max(w.first, other.first))
            let to = DataStore.dayOf(min(w.last, other.last))
            try days.bind([.text(w.name), .int(from), .int(to), .int(source), .int(other.id)])
            // Per day: this file's times and the other's, each ascending; a common one is a clash.
            var day = Int64.min
            var mine: [Int64] = []
            var theirs: [Int64] = []
            func clash() -> Int64? {
                var i = 0
                var j = 0
                while i < mine.count && j < theirs.count {
                    if mine[i] == theirs[j] { return mine[i] }
                    if mine[i] < theirs[j] { i += 1 } else { j += 1 }
                }
                return nil
            }
            var found: Int64?
            while found == nil, try days.step() {
                if days.int(0) != day {
                    found = clash()
                    day = days.int(0)
                    mine.removeAll(keepingCapacity: true)
                    theirs.removeAll(keepingCapacity: true)
                }
                let data = days.blob(2)
                let dayStart = day * DataStore.day
                for o in stride(from: 0, to: data.count - DataStore.pointSize + 1, by: DataStore.pointSize) {
                    let t = dayStart + Int64(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: o, as: UInt32.self)))
                    if days.int(1) == source { mine.append(t) } else { theirs.append(t) }
                }
            }
            try days.reset()
            if let t = found ?? clash() {
                throw UserError(
                    path: path,
                    "\(w.name) has two values for \(MetricStore.iso(t)): this file and \(other.path), imported earlier, both give one",
                    hint:
                        "one value per metric and timestamp: to update \(other.path), import its new version under the same path; otherwise leave out the repeated datapoints"
                )
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
            let days = try db.prepare("SELECT day, points, data FROM metric_days WHERE metric = ? ORDER BY day")
            for name in wanted.intersection(all).sorted() {
                try count.bind([.text(name)])
                let total = try count.step() ? Int(count.int(0)) : 0
                try count.reset()
                var series = MetricStore.Series()
                series.times.reserveCapacity(total)
                series.values.reserveCapacity(total)
                try days.bind([.text(name)])
                // Files that interleave have rows for the same day: that day's points are
                // sorted once all its rows are in.
                var segmentDay = Int64.min
                var segmentStart = 0
                var unsorted = false
                while try days.step() {
                    if days.int(0) == segmentDay {
                        unsorted = true
                    } else {
                        if unsorted { series.sortPoints(from: segmentStart) }
                        unsorted = false
                        segmentDay = days.int(0)
                        segmentStart = series.times.count
                    }
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
                try days.reset()
                if unsorted { series.sortPoints(from: segmentStart) }
                store.set(name, series)
            }
            return store
        }
    }
}

extension MetricStore.Series {
    /// Sorts the points from `start` on by time (values move with their times).
    mutating func sortPoints(from start: Int) {
        let order = (start..<times.count).sorted { times[$0] < times[$1] }
        let t = order.map { times[$0] }
        let v = order.map { values[$0] }
        times.replaceSubrange(start..., with: t)
        values.replaceSubrange(start..., with: v)
    }
}
