import CostModel
import DataStore
import Foundation
import TestSupport
import Testing

@testable import Billing
@testable import Metrics

/// The data store: what goes in comes out exactly, re-imports replace, overlaps and bad files
/// leave it as it was.
@Suite struct DataStoreTests {
    static let bills = Fixtures.root + "/Tests/Fixtures/bills/"

    /// Two metrics, points every 7 minutes across several UTC days (and one across midnight
    /// UTC at the start of 2006, the earliest plausible day).
    func metricsCSV(from start: Int64 = 1_793_000_000, count: Int = 1000, metrics: [String] = ["a", "b"]) -> String {
        var text = "timestamp,metric,value\n"
        for m in metrics {
            for k in 0..<count {
                text += "\(MetricStore.iso(start + Int64(k) * 420)),\(m),\(Double(k) * 0.25 - 7.125)\n"
            }
        }
        return text
    }

    @Test func metricsComeBackExactly() throws {
        let dir = TempDir()
        let csv = dir.write("m.csv", metricsCSV() + "2006-01-01T23:59:00Z,old,1.5\n2006-01-02T00:00:00Z,old,2\n")
        var direct = MetricStore()
        try direct.load(path: csv)
        let store = try DataStore(path: dir.file("data.sqlite"), create: true)
        let imported = try store.importMetrics(path: csv)
        #expect(imported.points == 2002)
        #expect(imported.metrics == ["a", "b", "old"])
        #expect(imported.replaced.isEmpty)
        let loaded = try store.loadMetrics(named: ["a", "old", "missing"])
        #expect(loaded.series["a"]?.times == direct.series["a"]?.times)
        #expect(loaded.series["a"]?.values == direct.series["a"]?.values)
        #expect(loaded.series["old"]?.times == [PlausibleDates.earliest + 86_340, PlausibleDates.earliest + 86_400])
        #expect(loaded.series["b"] == nil)
        #expect(loaded.names == ["a", "b", "old"])  // b is known, not loaded
        #expect(try store.newestMetricTime() == direct.newest)
        // 1000 points 7 minutes apart from 07:33:20 on a day reach into the 6th UTC day: one row
        // per metric and day.
        #expect(try store.db.scalarInt("SELECT COUNT(*) FROM metric_days WHERE metric = 'a'") == 6)
        #expect(try store.db.scalarInt("SELECT SUM(LENGTH(data)) FROM metric_days") == 2002 * 12)
        let listed = try store.storedMetrics()
        #expect(listed.map(\.metric) == ["a", "b", "old"])
        #expect(listed[0].points == 1000 && listed[0].files == 1)
    }

    @Test func reimportReplacesBySameNameOrSameContent() throws {
        let dir = TempDir()
        let store = try DataStore(path: dir.file("data.sqlite"), create: true)
        let path = dir.write("m.csv", metricsCSV())
        _ = try store.importMetrics(path: path)
        // Same path, new content (a later week): replaces.
        dir.write("m.csv", metricsCSV(from: 1_794_000_000, count: 10))
        let again = try store.importMetrics(path: path)
        #expect(again.replaced == [DataStoreTests.realpath(path)])
        #expect(try store.storedMetrics().map(\.points) == [10, 10])
        // Same content under another name, gzipped: replaces too.
        let copy = dir.write("copy.csv.gz", bytes: try gzip(Array(metricsCSV(from: 1_794_000_000, count: 10).utf8)))
        #expect(try store.importMetrics(path: copy).replaced == [DataStoreTests.realpath(path)])
        #expect(try store.sources(kind: "metrics").map(\.path) == [DataStoreTests.realpath(copy)])
        #expect(try store.storedMetrics().map(\.points) == [10, 10])
    }

    static func realpath(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

    @Test func overlapsAndBadFilesLeaveTheStore() throws {
        let dir = TempDir()
        let store = try DataStore(path: dir.file("data.sqlite"), create: true)
        _ = try store.importMetrics(path: dir.write("m.csv", metricsCSV()))
        let before = try store.storedMetrics().map { "\($0.metric) \($0.points) \($0.first) \($0.last)" }
        // b repeats a timestamp of m.csv (the 11th point); c is new: nothing of the file goes in.
        let repeated = MetricStore.iso(1_793_000_000 + 10 * 420)
        let overlapping = dir.write("o.csv", "timestamp,metric,value\n\(repeated),b,1\n\(repeated),c,1\n")
        do {
            _ = try store.importMetrics(path: overlapping)
            Issue.record("an import repeating a stored timestamp went in")
        } catch let e as UserError {
            #expect(e.status == .dataError)
            #expect(
                e.description.contains(
                    "\(overlapping): error: b has two values for \(repeated): this file and \(Self.realpath(dir.file("m.csv"))), imported earlier, both give one"
                ), "\(e)")
        }
        let bad = dir.write("bad.csv", "timestamp,metric,value\n2026-01-01,z,1\n2026-01-02,z,NaN\n")
        #expect(throws: UserError.self) { try store.importMetrics(path: bad) }
        #expect(try store.storedMetrics().map { "\($0.metric) \($0.points) \($0.first) \($0.last)" } == before)
        #expect(try store.sources(kind: "metrics").count == 1)
        // A bill whose charges and credits of a month add up past the largest amount: refused whole.
        let head = "BilledCost,ChargePeriodStart,ServiceName,BillingCurrency\n"
        let big = dir.write("big.csv", head + "900000000,2026-10-01,AWS WAF,USD\n-900000000,2026-10-02,AWS WAF,USD\n")
        #expect(throws: UserError.self) { try store.importBills(path: big) }
        #expect(try store.sources(kind: "bills").isEmpty)
    }

    /// One metric split across files whose timestamps interleave (here: even and odd minutes,
    /// the odd file also reaching a day further): the store merges them in time order, the same
    /// series as reading both files, in either order.
    @Test func interleavingFilesMerge() throws {
        let dir = TempDir()
        func minutes(_ range: StrideTo<Int>) -> String {
            "timestamp,metric,value\n"
                + range.map { "\(MetricStore.iso(1_793_000_000 + Int64($0) * 60)),db_cpu_percent,\($0)\n" }.joined()
        }
        let even = dir.write("even.csv", minutes(stride(from: 0, to: 3000, by: 2)))
        let odd = dir.write("odd.csv.gz", bytes: try gzip(Array(minutes(stride(from: 1, to: 4500, by: 2)).utf8)))
        let store = try DataStore(path: dir.file("data.sqlite"), create: true)
        _ = try store.importMetrics(path: odd)
        _ = try store.importMetrics(path: even)
        let stored = try #require(try store.loadMetrics(named: ["db_cpu_percent"]).series["db_cpu_percent"])
        let start: Int64 = 1_793_000_000
        let merged: [Int] = Array(0..<3000) + stride(from: 3001, to: 4500, by: 2)
        #expect(stored.times.count == 3750)
        #expect(stored.times == merged.map { start + Int64($0) * 60 })
        #expect(stored.values == merged.map { Double($0) })
        for order in [[even, odd], [odd, even]] {
            var direct = MetricStore()
            for file in order { try direct.load(path: file) }
            #expect(direct.series["db_cpu_percent"]?.times == stored.times)
            #expect(direct.series["db_cpu_percent"]?.values == stored.values)
        }
        #expect(try store.storedMetrics().map { "\($0.metric) \($0.points) \($0.files)" } == ["db_cpu_percent 3750 2"])
        // A third file repeating one of odd.csv's minutes is refused, in the store and in memory.
        let clash = dir.write(
            "clash.csv", "timestamp,metric,value\n\(MetricStore.iso(1_793_000_000 + 4001 * 60)),db_cpu_percent,1\n")
        #expect(throws: UserError.self) { try store.importMetrics(path: clash) }
        var direct = MetricStore()
        try direct.load(path: odd)
        do {
            try direct.load(path: clash)
            Issue.record("a repeated timestamp was merged")
        } catch let e as UserError {
            #expect(
                e.description.hasPrefix(
                    "\(clash): error: db_cpu_percent has two values for \(MetricStore.iso(1_793_000_000 + 4001 * 60)): in this file and in an earlier one"
                ), "\(e)")
        }
        #expect(direct.series["db_cpu_percent"]?.times.count == 2250, "a refused file leaves the loaded series")
    }

    @Test(arguments: ["cur-legacy.csv", "cur2.csv", "focus.csv", "focus.csv.gz"])
    func billsComeBackWithTheSameTotals(file: String) throws {
        let dir = TempDir()
        let store = try DataStore(path: dir.file("data.sqlite"), create: true)
        let imported = try store.importBills(path: DataStoreTests.bills + file)
        #expect(imported.summary.rows == 11)
        let bills = try store.loadBills()
        #expect(bills.months == ["2026-10", "2026-11"])
        #expect(bills.total(month: "2026-10").micros == 102_852_168)
        #expect(bills.total(month: "2026-11").micros == 46_838_400)
        #expect(bills.total(month: "2026-10", service: "AmazonEC2").micros == 25_473_600)
        #expect(bills.lastDay == ["2026-10": 31, "2026-11": 14])
        #expect(bills.files.map(\.rows) == [11])
        // Tags in the three layouts (resourceTags/user:Project, resource_tags user_project,
        // Tags user:Project) end up as one key.
        #expect(Set(bills.lines.keys.map(\.tags)) == ["{\"project\":\"orcha\"}"])
        #expect(Set(bills.lines.keys.map(\.region)) == ["eu-central-1"])
    }

    @Test func billsReimportReplacesAndPartsAddUp() throws {
        let dir = TempDir()
        let store = try DataStore(path: dir.file("data.sqlite"), create: true)
        _ = try store.importBills(path: DataStoreTests.bills + "focus.csv")
        _ = try store.importBills(path: DataStoreTests.bills + "cur2.csv")
        #expect(try store.loadBills().total(month: "2026-10").micros == 2 * 102_852_168)  // two different exports add up
        // The gzip of focus.csv is the same content: it replaces the plain import.
        let again = try store.importBills(path: DataStoreTests.bills + "focus.csv.gz")
        #expect(again.replaced == [DataStoreTests.realpath(DataStoreTests.bills + "focus.csv")])
        #expect(try store.loadBills().total(month: "2026-10").micros == 2 * 102_852_168)
        // A bad bill changes nothing.
        let bad = dir.write(
            "bad.csv",
            "BilledCost,ChargePeriodStart,ServiceName,BillingCurrency\n1,2026-10-01,AWS WAF,USD\nx,2026-10-01,AWS WAF,USD\n")
        #expect(throws: UserError.self) { try store.importBills(path: bad) }
        #expect(try store.sources(kind: "bills").count == 2)
        #expect(try store.loadBills().total(month: "2026-10").micros == 2 * 102_852_168)
    }

    @Test func aMissingStoreSaysHowToFillIt() throws {
        let dir = TempDir()
        do {
            _ = try DataStore(path: dir.file("none.sqlite"), create: false)
            Issue.record("opened a store that does not exist")
        } catch let e as UserError {
            #expect(e.status == .noInput)
            #expect(e.description.hasPrefix("\(dir.file("none.sqlite")): error: no data store here yet"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("none.sqlite")))
    }
}
