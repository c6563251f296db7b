import FileIO
import SQLiteStore

/// Packs one file's datapoints into `metric_days` rows as they arrive: each metric has one open
/// UTC day; when a point falls after it, the day's BLOB is inserted and the buffer reused. So
/// an import holds at most one day per metric in memory, and SQLite writes while the CSV is
/// still being parsed. Times of a metric must ascend (``Metrics/MetricCSVReader`` checks it).
struct MetricDayWriter {
    /// A metric's open day and totals.
    struct Open {
        var name: String
        var day: Int64 = 0
        /// First second after the open day (a point at or after it closes the day).
        var dayEnd = Int64.min
        var count = 0
        var buffer: UnsafeMutableRawPointer
        var capacity: Int
        var first: Int64 = 0
        var last: Int64 = 0
        var total = 0
    }

    /// What was written for one metric.
    struct Written {
        var name: String
        var points: Int
        var first: Int64
        var last: Int64
    }

    let source: Int64
    let addDay: Statement
    var open: [Open] = []

    init(db: Database, source: Int64) throws {
        self.source = source
        addDay = try db.prepare("INSERT INTO metric_days(source_id, metric, day, points, data) VALUES(?, ?, ?, ?, ?)")
    }

    /// Registers the next metric; its points are then added with its index (0, 1, ...).
    mutating func addMetric(_ name: String) {
        let capacity = 1440 * DataStore.pointSize
        open.append(
            Open(name: name, buffer: UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16), capacity: capacity))
    }

    @inline(__always)
    mutating func add(_ m: Int, _ time: Int64, _ value: Double) throws {
        if time >= open[m].dayEnd { try startDay(m, time) }
        if open[m].count * DataStore.pointSize == open[m].capacity { grow(m) }
        let o = open[m].count * DataStore.pointSize
        let p = open[m].buffer
        p.storeBytes(
            of: UInt32(truncatingIfNeeded: time - open[m].day * DataStore.day).littleEndian, toByteOffset: o, as: UInt32.self)
        p.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: o + 4, as: UInt64.self)
        open[m].count += 1
        open[m].last = time
    }

    mutating func startDay(_ m: Int, _ time: Int64) throws {
        try flush(m)
        if open[m].total == 0 { open[m].first = time }
        open[m].day = DataStore.dayOf(time)
        open[m].dayEnd = (open[m].day + 1) * DataStore.day
    }

    mutating func grow(_ m: Int) {
        let capacity = open[m].capacity * 2
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        grown.copyMemory(from: open[m].buffer, byteCount: open[m].count * DataStore.pointSize)
        open[m].buffer.deallocate()
        open[m].buffer = grown
        open[m].capacity = capacity
    }

    /// Inserts the metric's open day, if it has points.
    mutating func flush(_ m: Int) throws {
        let n = open[m].count
        guard n > 0 else { return }
        try addDay.reset()
        try addDay.bind(1, source)
        try addDay.bind(2, open[m].name)
        try addDay.bind(3, open[m].day)
        try addDay.bind(4, Int64(n))
        try addDay.bind(5, blob: UnsafeRawBufferPointer(start: open[m].buffer, count: n * DataStore.pointSize))
        try addDay.run()
        open[m].total += n
        open[m].count = 0
    }

    /// Inserts every open day; returns what was written per metric (metrics without points are
    /// left out).
    mutating func finish() throws -> [Written] {
        for m in open.indices { try flush(m) }
        return open.filter { $0.total > 0 }.map { Written(name: $0.name, points: $0.total, first: $0.first, last: $0.last) }
    }

    /// Frees the buffers (also after a failure).
    func release() { for o in open { o.buffer.deallocate() } }
}
